package io.github.fearec.bench;

import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SampleOrder;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.train.TrainConfig;
import io.github.fearec.train.TrainingStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A long FEARec training run that samples the process's resident memory: native memory that a
 * step forgets to free shows up as steady growth after the warm-up. Writes {@code soak.json}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train FEARec for many steps and report resident-memory growth after warm-up.")
public final class Soak implements Callable<Integer> {

  @Option(names = "--steps", defaultValue = "5000", description = "training steps (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--warmup", defaultValue = "500", description = "steps before the baseline sample (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--every", defaultValue = "100", description = "sample memory every N steps (default ${DEFAULT-VALUE})")
  int every;

  @Option(names = "--output", defaultValue = "bench/out", description = "where soak.json goes (default ${DEFAULT-VALUE})")
  Path output;

  /** What the run saw. */
  record Result(int steps, int warmup, double baselineMb, double finalMb, double maxMb,
      double growthPercent, List<double[]> samples) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Soak()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    LeaveOneOutSplit split = new LeaveOneOutSplit(SyntheticDataset.defaultDataset());
    TrainingSamples samples = new TrainingSamples(split);
    ModelConfig config = ModelConfig.defaults();
    TrainConfig training = TrainConfig.defaults(ModelType.FEAREC);
    Engine.getInstance().setRandomSeed((int) training.seed());
    List<double[]> memory = new ArrayList<>();
    double baseline = Double.NaN;
    try (NextItemModel model =
        NextItemModel.create(ModelType.FEAREC, config, split.dataset().numItems(), null)) {
      TrainingStep step =
          new TrainingStep(model, samples, new BatchFactory(config.maxLength()), training);
      SplittableRandom random = new SplittableRandom(training.seed());
      List<int[]> order = List.of();
      for (int i = 0, epoch = 0; i < steps; i++) {
        if (i % Math.max(1, order.size()) == 0) {
          order = SampleOrder.epochBatches(samples.size(), training.batchSize(), training.seed(), ++epoch);
        }
        step.run(order.get(i % order.size()), random);
        if ((i + 1) % every == 0 || i + 1 == warmup) {
          double rss = ProcessMemory.megabytes("VmRSS").orElseThrow(() -> new IOException("no VmRSS in /proc/self/status"));
          memory.add(new double[] {i + 1, rss});
          // one line per sample, so that a long run shows where it is and what it has seen
          System.out.printf(Locale.ROOT, "step %d: resident memory %.0f MB%n", i + 1, rss);
          if (i + 1 == warmup) {
            baseline = rss;
          }
        }
      }
    }
    double last = memory.get(memory.size() - 1)[1];
    double max = memory.stream().mapToDouble(m -> m[1]).max().orElse(Double.NaN);
    Result result = new Result(steps, warmup, baseline, last, max,
        100 * (last - baseline) / baseline, memory);
    Files.createDirectories(output);
    Files.writeString(output.resolve("soak.json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(result) + "\n", StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT,
        "soak: %d FEARec steps, resident memory %.0f MB after %d warm-up steps, %.0f MB at the end"
            + " (%+.1f %%), peak %.0f MB%n",
        steps, baseline, warmup, last, result.growthPercent(), max);
    return 0;
  }
}
