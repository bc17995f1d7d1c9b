package io.github.fearec.bench;

import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.config.Choice;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.DatasetLoader;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SampleOrder;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.train.Recommender;
import io.github.fearec.train.TrainConfig;
import io.github.fearec.train.TrainingStep;
import io.github.fearec.train.ViewRecompute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Training and evaluation throughput of SASRec and FEARec with the paper's Beauty settings, next
 * to the authors' PyTorch code measured on the same machine kind (docs/benchmarks.md).
 * Writes {@code benchmark.json} and {@code benchmark.md}; with {@code --sweep}, a table over
 * sequence lengths instead ({@link Sweep}). Run it on an otherwise idle machine: with another
 * CPU-heavy process, two-thread libtorch slows down many times.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measure training samples/s, full-ranking users/s, time to first batch, peak memory.")
public final class Benchmark implements Callable<Integer> {

  /** The authors' code, us_x training, idle 2-core machine: 2.01 s per batch of 256. */
  static final double REFERENCE_TRAIN_SAMPLES_PER_S = 127;

  /** The authors' code, full-ranking validation of Beauty: 0.1945 s per 256 users. */
  static final double REFERENCE_EVAL_USERS_PER_S = 1316;

  /** Dense matmul ceiling of the machine kind through libtorch, 2 threads, fp32. */
  static final double CEILING_FLOPS = 100e9;

  @Option(names = "--data", description = "dataset file, or 'synthetic' (default: data/Beauty.txt, from data/download.sh, if present, else synthetic)")
  String data;

  @Option(names = "--synthetic-users", description = "users of the synthetic dataset (0 = the generator's default, 1000)", defaultValue = "0")
  int syntheticUsers;

  @Option(names = "--synthetic-items", description = "items of the synthetic dataset (0 = the generator's default, 500)", defaultValue = "0")
  int syntheticItems;

  @Option(names = "--synthetic-min-length", description = "shortest synthetic sequence (0 = the generator's default, 10)", defaultValue = "0")
  int syntheticMinLength;

  @Option(names = "--synthetic-max-length", description = "longest synthetic sequence (0 = the generator's default, 50)", defaultValue = "0")
  int syntheticMaxLength;

  @Option(names = "--max-length", defaultValue = "50", description = "N, the sequence length the models read (default ${DEFAULT-VALUE}, the paper's)")
  int maxLength;

  @Option(names = "--route", defaultValue = "auto", converter = RouteConverter.class,
      description = "FEARec's frequency route: auto (the kit's choice by N), paper or short_sequence (default ${DEFAULT-VALUE})")
  Acceleration route;

  @Option(names = "--recompute-view", defaultValue = "auto", converter = RecomputeConverter.class,
      description = "under us_x, recompute the dropout view in the backward pass: auto (the kit's choice by the attention arrays' size), never or always (default ${DEFAULT-VALUE})")
  ViewRecompute recomputeView;

  @Option(names = "--quick", description = "a few batches on small synthetic data: for smoke tests, not for numbers")
  boolean quick;

  @Option(names = "--warmup", description = "untimed batches first (default 5; 2 per cell with --sweep)")
  Integer warmup;

  @Option(names = "--batches", description = "timed training batches (default 40; 6 per cell with --sweep)")
  Integer batches;

  @Option(names = "--eval-users", description = "users to rank (default 0 = all; 1000 with --sweep)")
  Integer evalUsers;

  @Option(names = "--models", split = ",", defaultValue = "sasrec,fearec", description = "models to measure (default ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--sweep", description = "measure every model at every --sweep-lengths N, each in a fresh JVM, and write one table (sweep.md)")
  boolean sweep;

  @Option(names = "--sweep-lengths", split = ",", defaultValue = "50,100,200,400", description = "the N of --sweep (default ${DEFAULT-VALUE})")
  List<Integer> sweepLengths;

  @Option(names = "--output", defaultValue = "bench/out", description = "where the reports go (default ${DEFAULT-VALUE})")
  Path output;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (quick) {
      warmup = 1;
      batches = sweep ? 2 : 3;
      evalUsers = evalUsers == null ? (sweep ? 64 : 512) : evalUsers;
    }
    if (sweep) {
      warmup = warmup == null ? 2 : warmup;
      batches = batches == null ? 6 : batches;
      evalUsers = evalUsers == null ? 1000 : evalUsers;
      return new Sweep(this).run();
    }
    warmup = warmup == null ? 5 : warmup;
    batches = batches == null ? 40 : batches;
    evalUsers = evalUsers == null ? 0 : evalUsers;
    double loadBefore = loadAverage();
    long start = System.nanoTime();
    SequenceDataset dataset = loadData();
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    LeaveOneOutSplit split = new LeaveOneOutSplit(dataset);
    TrainingSamples samples = new TrainingSamples(split);
    ModelConfig config = ModelConfig.defaults().with("max_length", maxLength);
    BatchFactory factory = new BatchFactory(config.maxLength());

    List<ModelResult> results = new ArrayList<>();
    for (String name : models) {
      results.add(measure(recommender(name), config, dataset, split, samples, factory));
    }
    Report report = new Report(
        Instant.now().toString(),
        quick,
        dataset.name(),
        dataset.numUsers(),
        dataset.numItems(),
        samples.size(),
        config.maxLength(),
        loadSeconds,
        threads(),
        loadBefore,
        loadAverage(),
        ProcessMemory.megabytes("VmHWM").orElse(-1),
        System.getProperty("java.version"),
        REFERENCE_TRAIN_SAMPLES_PER_S,
        REFERENCE_EVAL_USERS_PER_S,
        results);
    Files.createDirectories(output);
    Files.writeString(output.resolve("benchmark.json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(report) + "\n", StandardCharsets.UTF_8);
    String table = report.markdown();
    Files.writeString(output.resolve("benchmark.md"), table, StandardCharsets.UTF_8);
    System.out.print(table);
    return 0;
  }

  /** True when any synthetic generator option was given, which selects synthetic data. */
  private boolean syntheticOptions() {
    return syntheticUsers + syntheticItems + syntheticMinLength + syntheticMaxLength > 0;
  }

  private SequenceDataset loadData() {
    if (quick || "synthetic".equals(data) || syntheticOptions()) {
      Map<String, Integer> changes = new HashMap<>();
      if (quick) {
        changes.put("synthetic_users", 600);
      }
      putIfGiven(changes, "synthetic_users", syntheticUsers);
      putIfGiven(changes, "synthetic_items", syntheticItems);
      putIfGiven(changes, "synthetic_min_length", syntheticMinLength);
      putIfGiven(changes, "synthetic_max_length", syntheticMaxLength);
      return SyntheticDataset.generate(SyntheticConfig.DEFAULTS.with(changes)).dataset();
    }
    Path file = data != null ? Path.of(data) : Path.of("data", "Beauty.txt");
    if (data == null && !Files.isRegularFile(file)) {
      System.err.println("no " + file + ": measuring on the synthetic default instead");
      return SyntheticDataset.defaultDataset();
    }
    return DatasetLoader.load(file).dataset();
  }

  /** Options left at 0 keep the generator's default. */
  private static void putIfGiven(Map<String, Integer> changes, String key, int value) {
    if (value > 0) {
      changes.put(key, value);
    }
  }

  /** A model of --models, by the names the command line gives it; pop trains nothing to time. */
  private static Recommender recommender(String name) {
    Recommender r;
    try {
      r = Choice.parse(Recommender.class, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--models " + name + ": expected " + e.getMessage());
    }
    if (!r.trained()) {
      throw new IllegalArgumentException("--models " + name + ": pop trains nothing to measure");
    }
    return r;
  }

  private ModelResult measure(
      Recommender recommender, ModelConfig config, SequenceDataset dataset,
      LeaveOneOutSplit split, TrainingSamples samples, BatchFactory factory) {
    ModelType type = recommender.encoder();
    TrainConfig training =
        recommender.trainingDefaults().with("recompute_view", recomputeView);
    Engine.getInstance().setRandomSeed((int) training.seed());
    long created = System.nanoTime();
    try (NextItemModel model =
        NextItemModel.create(type, config, dataset.numItems(), null, route)) {
      boolean paperRoute = route.paperRoute(config.maxLength(), model.device());
      TrainingStep step = new TrainingStep(model, samples, factory, training);
      List<int[]> order = SampleOrder.epochBatches(samples.size(), training.batchSize(), training.seed(), 1);
      SplittableRandom random = new SplittableRandom(training.seed());
      int total = Math.min(order.size(), warmup + batches);
      double firstBatch = 0;
      long[] timed = new long[Math.max(0, total - warmup)];
      for (int i = 0; i < total; i++) {
        long t0 = System.nanoTime();
        step.run(order.get(i), random);
        long t1 = System.nanoTime();
        if (i == 0) {
          firstBatch = (t1 - created) / 1e9;
        }
        if (i >= warmup) {
          timed[i - warmup] = t1 - t0;
        }
      }
      long[] sorted = timed.clone();
      Arrays.sort(sorted);
      double medianSeconds = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e9;
      double samplesPerSecond = training.batchSize() / medianSeconds;

      int users = evalUsers > 0 ? Math.min(evalUsers, split.numUsers()) : split.numUsers();
      LeaveOneOutSplit evalSplit =
          users == split.numUsers() ? split : new LeaveOneOutSplit(firstUsers(dataset, users));
      Evaluator evaluator = new Evaluator(evalSplit, factory, EvalConfig.DEFAULTS.batchSize(), false);
      ModelScorer scorer = new ModelScorer(model);
      evaluator.evaluate(scorer, HeldOut.VALIDATION); // warm-up
      double evalSeconds = evaluator.evaluate(scorer, HeldOut.VALIDATION).seconds();

      double flops =
          FlopCount.trainingSample(type, config, training, dataset.numItems(), paperRoute);
      return new ModelResult(
          recommender.id(),
          type == ModelType.FEAREC ? (paperRoute ? "paper" : "short_sequence") : "-",
          objective(training, config),
          training.batchSize(),
          timed.length,
          warmup,
          medianSeconds * 1e3,
          samplesPerSecond,
          users / evalSeconds,
          users,
          firstBatch,
          flops,
          flops * samplesPerSecond / CEILING_FLOPS);
    }
  }

  private static SequenceDataset firstUsers(SequenceDataset dataset, int users) {
    int[][] sequences = new int[users][];
    for (int u = 0; u < users; u++) {
      sequences[u] = dataset.sequence(u);
    }
    return new SequenceDataset(dataset.name(), dataset.numItems(), sequences);
  }

  static int threads() {
    String configured = System.getProperty("ai.djl.pytorch.num_threads");
    return configured != null ? Integer.parseInt(configured) : Runtime.getRuntime().availableProcessors();
  }

  /** The 1-minute load average, or −1 where /proc is not available. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The contrastive mode, and under us_x whether the dropout view was recomputed. */
  private static String objective(TrainConfig training, ModelConfig config) {
    String mode = training.contrastive().id();
    return training.recomputesDropoutView(config, training.batchSize())
        ? mode + ", view recomputed" : mode;
  }

  /** Parses --recompute-view. */
  static final class RecomputeConverter implements CommandLine.ITypeConverter<ViewRecompute> {
    @Override
    public ViewRecompute convert(String value) {
      try {
        return Choice.parse(ViewRecompute.class, value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * Parses --route: a model {@link Acceleration} other than none (the flop count assumes the last
   * layer at the user positions).
   */
  static final class RouteConverter implements CommandLine.ITypeConverter<Acceleration> {
    @Override
    public Acceleration convert(String value) {
      Acceleration route;
      try {
        route = Acceleration.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      if (route == Acceleration.NONE) {
        throw new CommandLine.TypeConversionException(
            "route 'none' is not measured here; expected auto, paper or short_sequence");
      }
      return route;
    }
  }
}
