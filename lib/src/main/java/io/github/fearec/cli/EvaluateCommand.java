package io.github.fearec.cli;

import ai.djl.Device;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.config.Choice;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.LagSelection;
import io.github.fearec.persist.ModelCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates saved weights on the validation and test items of a dataset. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Full-ranking HR@K and NDCG@K of a checkpoint written by 'fearec train'.",
      "",
      "Reads the run's data settings from its config.properties and refuses data other than the",
      "run's (its data.sha256). Data and ranking settings may be given to read a moved copy."
    })
final class EvaluateCommand implements Runnable {

  @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
      description = "the output directory of a training run (holds model.json and model.params)")
  Path checkpoint;

  @Option(names = "--inference-lags", paramLabel = "sample|batch",
      description =
          "FEARec only: the lags its frequency attention scores with, instead of the"
              + " checkpoint's inference_lags (sample = each sequence its own top k, the authors';"
              + " batch = the top k of the batch average, as in training; docs/model.md"
              + " section 4)")
  String inferenceLags;

  @Mixin CommonOptions common;

  /**
   * What evaluation may set differently from the run: where the data is read from (its
   * fingerprint must still match) and how the ranking is computed.
   */
  private static final Set<String> CHANGEABLE =
      Set.of("data", "k_core", "device", "eval_batch_size", "exclude_history", "synthetic_users",
          "synthetic_items", "synthetic_min_length", "synthetic_max_length", "synthetic_seed",
          "synthetic_periods");

  @Override
  public void run() {
    CheckpointSettings.requireCheckpoint(checkpoint); // before the data is read
    SettingsLoader loader = new SettingsLoader();
    Path runSettings = checkpoint.resolve(RunDirectory.CONFIG);
    if (Files.isRegularFile(runSettings)) {
      loader.base(runSettings, CHANGEABLE, "the model is evaluated on the data it was trained on");
    }
    loader.refuse(
        key -> !CHANGEABLE.contains(key),
        "evaluate reads the model and its architecture from " + checkpoint + "/model.json;"
            + " expected only data and ranking settings ("
            + String.join(", ", new java.util.TreeSet<>(CHANGEABLE)) + "; FEARec's lags:"
            + " --inference-lags)");
    Settings s = common.loader(loader).load();
    EvalConfig evaluation = s.evaluation.build();
    SequenceDataset data = DataSource.load(s, System.out);
    RunDirectory.requireFingerprint(checkpoint, data);
    Device device = Devices.resolve(s.device);
    CheckpointSettings.require(checkpoint, s, data.numItems(), device);
    try (NextItemModel model = load(data.numItems(), device)) {
      LeaveOneOutSplit split = new LeaveOneOutSplit(data);
      Evaluator evaluator =
          new Evaluator(
              split,
              new BatchFactory(model.config().maxLength()),
              evaluation.batchSize(),
              evaluation.excludeHistory());
      ModelScorer scorer = new ModelScorer(model);
      EvaluationResult valid = evaluator.evaluate(scorer, HeldOut.VALIDATION);
      EvaluationResult test = evaluator.evaluate(scorer, HeldOut.TEST);
      String name = model.type().id();
      System.out.println();
      System.out.print(
          new MetricsTable().add(name + " (validation)", valid).add(name + " (test)", test));
    }
  }

  private NextItemModel load(int numItems, Device device) {
    if (inferenceLags == null) {
      return ModelCheckpoint.load(checkpoint, numItems, device);
    }
    LagSelection lags;
    try {
      lags = Choice.parse(LagSelection.class, inferenceLags);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--inference-lags " + Excerpt.of(inferenceLags) + ": " + e.getMessage());
    }
    return ModelCheckpoint.loadWithInferenceLags(checkpoint, numItems, device, lags);
  }
}
