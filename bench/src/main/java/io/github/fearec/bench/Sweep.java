package io.github.fearec.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run --sweep}: every model at every sequence length N, each (N, model) in a fresh
 * JVM so that its peak resident memory is its own, on one synthetic dataset whose sequences are
 * long enough to fill the largest N. Writes {@code sweep.json} and {@code sweep.md}: ms per step,
 * samples/s, evaluation users/s and peak RSS per cell, and how each model's step time grows with N.
 */
final class Sweep {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** One measured (N, model). */
  record Cell(
      int maxLength,
      String model,
      String route,
      String objective,
      double medianStepMs,
      double trainSamplesPerSecond,
      double evalUsersPerSecond,
      double peakResidentMegabytes,
      double loadAverageBefore,
      double loadAverageAfter) {}

  /** What sweep.json holds. */
  record Result(
      String date,
      boolean quick,
      String data,
      int users,
      int items,
      int threads,
      int warmupBatches,
      int timedBatches,
      int evalUsers,
      double loadAverageBefore,
      double loadAverageAfter,
      double seconds,
      List<Cell> cells) {}

  private final Benchmark options;

  Sweep(Benchmark options) {
    this.options = options;
  }

  int run() throws IOException, InterruptedException {
    int longest = options.sweepLengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    // one dataset for every cell: rows that fill the longest N (a sample is a prefix, so most
    // training inputs of a sequence of length L are shorter than L)
    int users = orDefault(options.syntheticUsers, options.quick ? 300 : 1000);
    int items = orDefault(options.syntheticItems, options.quick ? 200 : 2000);
    int minLength = orDefault(options.syntheticMinLength, Math.max(10, longest / 2));
    int maxLength = orDefault(options.syntheticMaxLength, longest + 10);
    double loadBefore = Benchmark.loadAverage();
    long start = System.nanoTime();
    List<Cell> cells = new ArrayList<>();
    Report first = null;
    for (int n : options.sweepLengths) {
      for (String model : options.models) {
        Path dir = options.output.resolve("sweep").resolve("n" + n + "-" + model.trim());
        List<String> args = new ArrayList<>(List.of(
            "--data", "synthetic",
            "--synthetic-users", Integer.toString(users),
            "--synthetic-items", Integer.toString(items),
            "--synthetic-min-length", Integer.toString(minLength),
            "--synthetic-max-length", Integer.toString(maxLength),
            "--max-length", Integer.toString(n),
            "--models", model.trim(),
            "--route", options.route.id(),
            "--recompute-view", options.recomputeView.id(),
            "--warmup", Integer.toString(options.warmup),
            "--batches", Integer.toString(options.batches),
            "--eval-users", Integer.toString(options.evalUsers),
            "--output", dir.toString()));
        System.out.printf(Locale.ROOT, "sweep: N = %d, %s ...%n", n, model.trim());
        Report report = runCell(dir, args);
        first = first == null ? report : first;
        ModelResult r = report.models().get(0);
        cells.add(new Cell(n, r.model(), r.route(), r.contrastive(), r.medianStepMs(), r.trainSamplesPerSecond(),
            r.evalUsersPerSecond(), report.peakResidentMegabytes(), report.loadAverageBefore(),
            report.loadAverageAfter()));
      }
    }
    Result result = new Result(
        Instant.now().toString(),
        options.quick,
        String.format(Locale.ROOT, "synthetic, sequence lengths %d..%d", minLength, maxLength),
        first.users(),
        first.items(),
        first.threads(),
        options.warmup,
        options.batches,
        options.evalUsers,
        loadBefore,
        Benchmark.loadAverage(),
        (System.nanoTime() - start) / 1e9,
        cells);
    Files.createDirectories(options.output);
    Files.writeString(options.output.resolve("sweep.json"), GSON.toJson(result) + "\n",
        StandardCharsets.UTF_8);
    String md = markdown(result);
    Files.writeString(options.output.resolve("sweep.md"), md, StandardCharsets.UTF_8);
    System.out.print(md);
    return 0;
  }

  private static int orDefault(int value, int fallback) {
    return value > 0 ? value : fallback;
  }

  /** Runs one cell in a JVM with this one's settings; its output goes to dir/log.txt. */
  private static Report runCell(Path dir, List<String> args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Benchmark.class.getName());
    command.addAll(args);
    Path log = dir.resolve("log.txt");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = process.waitFor();
    if (code != 0) {
      throw new IOException("the sweep cell " + String.join(" ", args) + " exited with " + code
          + "; its output:\n" + Files.readString(log));
    }
    return GSON.fromJson(Files.readString(dir.resolve("benchmark.json")), Report.class);
  }

  static String markdown(Result r) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "Sweep %s%s: %s (%d users, %d items), batch 256, %d warm-up + %d timed steps per cell,"
            + " each cell in its own JVM, %d threads, load average %.2f before / %.2f after,"
            + " %.0f s in all%n%n",
        r.date(), r.quick() ? " (QUICK MODE: not a measurement)" : "", r.data(), r.users(),
        r.items(), r.warmupBatches(), r.timedBatches(), r.threads(), r.loadAverageBefore(),
        r.loadAverageAfter(), r.seconds()));
    md.append("| N | model | route | objective | ms per step | train samples/s | eval users/s | peak RSS MB |"
        + " step time × first N | load before |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Cell c : r.cells()) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
          c.maxLength(), c.model(), c.route(), c.objective(), c.medianStepMs(), c.trainSamplesPerSecond(),
          c.evalUsersPerSecond(), c.peakResidentMegabytes(), growth(r.cells(), c),
          c.loadAverageBefore()));
    }
    List<Integer> lengths = r.cells().stream().map(Cell::maxLength).distinct().toList();
    if (hasModel(r, "sasrec") && hasModel(r, "fearec") && lengths.size() > 1) {
      md.append(String.format(Locale.ROOT,
          "%nFEARec's step-time growth ÷ SASRec's, from N = %d:", lengths.get(0)));
      for (int n : lengths.subList(1, lengths.size())) {
        double ratio = growth(r.cells(), cell(r, n, "fearec")) / growth(r.cells(), cell(r, n, "sasrec"));
        md.append(String.format(Locale.ROOT, " N = %d: %.2f;", n, ratio));
      }
      md.setLength(md.length() - 1);
      md.append(".\n");
    }
    return md.toString();
  }

  private static boolean hasModel(Result r, String model) {
    return r.cells().stream().anyMatch(c -> c.model().equals(model));
  }

  private static Cell cell(Result r, int n, String model) {
    return r.cells().stream()
        .filter(c -> c.maxLength() == n && c.model().equals(model))
        .findFirst()
        .orElseThrow();
  }

  /** The cell's step time over the same model's at the sweep's first N. */
  private static double growth(List<Cell> cells, Cell c) {
    Cell base = cells.stream().filter(o -> o.model().equals(c.model())).findFirst().orElseThrow();
    return c.medianStepMs() / base.medianStepMs();
  }
}
