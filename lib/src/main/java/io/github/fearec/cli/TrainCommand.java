package io.github.fearec.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.fearec.ConfigException;
import io.github.fearec.FearecException;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.DatasetLoader;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.RankingProtocol;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.eval.PopularityScorer;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.train.ConsoleProgress;
import io.github.fearec.train.MemoryCheck;
import io.github.fearec.train.EpochCsvLog;
import io.github.fearec.train.EpochRecord;
import io.github.fearec.persist.ModelCheckpoint;
import io.github.fearec.train.ModelTrainer;
import io.github.fearec.train.TrainConfig;
import io.github.fearec.persist.TrainingCheckpoint;
import io.github.fearec.train.TrainingDivergedException;
import io.github.fearec.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a model, selects it on validation, reports test metrics next to popularity. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a model, select it on validation and report test metrics next to popularity.",
      "",
      "Early stopping on validation NDCG@10; full-ranking HR@K and NDCG@K",
      "(K = 5, 10, 20) on the leave-one-out test items. Writes results.json,",
      "epochs.csv, config.properties and the model to --output, and a training",
      "checkpoint after every epoch from which --resume continues."
    })
final class TrainCommand implements Runnable {

  @Option(names = "--model", paramLabel = "fearec|sasrec|sasrec-bce|duorec|pop",
      description = "the model (default fearec)")
  String model;

  @Option(names = "--epochs", paramLabel = "N", description = "maximum epochs (default 200)")
  String epochs;

  @Option(names = "--batch-size", paramLabel = "B", description = "training samples per step (default 256)")
  String batchSize;

  @Option(names = "--lr", paramLabel = "LR", description = "Adam learning rate (default 0.001)")
  String learningRate;

  @Option(names = "--max-length", paramLabel = "N", description = "N, the most recent items read (default 50)")
  String maxLength;

  @Option(names = "--seed", paramLabel = "S", description = "random seed (default 2020)")
  String seed;

  @Option(names = "--patience", paramLabel = "P", description = "epochs without improvement before stopping (default 10)")
  String patience;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the interrupted run in DIR with its own settings (options given here"
          + " override them, e.g. a larger --epochs)")
  Path resume;

  @Option(names = "--output", paramLabel = "DIR",
      description = "output directory (default runs/<model>-<data>); refused if it holds"
          + " another run, unless --overwrite")
  Path output;

  @Option(names = "--overwrite",
      description = "replace the run already in the output directory (its config, log, results,"
          + " model and checkpoint; other files there stay)")
  boolean overwrite;

  @Mixin CommonOptions common;

  /**
   * What a resumed run may change: how long it runs and where. Anything else (the seed, the data,
   * an architecture key) would make the continued run neither the interrupted one nor a new one.
   */
  static final java.util.Set<String> RESUMABLE =
      java.util.Set.of("epochs", "patience", "device", "eval_batch_size");

  @Override
  public void run() {
    if (resume != null && (output != null || overwrite)) {
      throw new ConfigException(
          (output != null ? "--output" : "--overwrite") + ": not used with --resume; a resumed"
              + " run continues in its own directory " + resume);
    }
    SettingsLoader loader = new SettingsLoader();
    RunDirectory opened = null;
    if (resume != null) {
      opened = RunDirectory.forResume(resume); // checks config, checkpoint and lock first
      loader.base(resume.resolve(RunDirectory.CONFIG), RESUMABLE,
          "a resumed run keeps the settings it started with");
    }
    try (RunDirectory run = opened) {
      train(loader, run);
    }
  }

  /** Everything after the run directory of a resumed run is open (null for a new run). */
  private void train(SettingsLoader loader, RunDirectory resumed) {
    Settings s =
        common
            .loader(loader)
            .option("model", model)
            .option("epochs", epochs)
            .option("batch_size", batchSize)
            .option("learning_rate", learningRate, "--lr")
            .option("max_length", maxLength)
            .option("seed", seed)
            .option("patience", patience)
            .load();
    ModelConfig architecture = s.architecture.build();
    TrainConfig training = s.training.build();
    // combinations that cannot train are refused before the data loads
    training.loss().requireSupports(s.model.encoder());
    String dataName = dataName(s); // a missing data file or a bad generator setting, before output
    Device device = Devices.resolve(s.device);
    // sizes a machine cannot hold, before anything is set up (items: 0 until a file is read)
    requireMemory(s, architecture, training, knownItems(s), device);
    if (s.model.encoder() == ModelType.FEAREC) {
      architecture.requireFrequencyLayers();
    }
    PrintStream log = System.out;
    if (resumed != null) {
      requireConsistentWithWhatRan(resume, training);
      execute(s, architecture, training, device, log, resumed);
      return;
    }
    try (RunDirectory fresh =
        RunDirectory.forNewRun(output != null ? output : defaultOutput(s.model.id(), dataName), overwrite)) {
      execute(s, architecture, training, device, log, fresh);
    }
  }

  private void execute(Settings s, ModelConfig architecture, TrainConfig training, Device device,
      PrintStream log, RunDirectory run) {
    EvalConfig evaluation = s.evaluation.build();
    SequenceDataset data = DataSource.load(s, log);
    requireMemory(s, architecture, training, data.numItems(), device); // before the run is recorded
    LeaveOneOutSplit split = new LeaveOneOutSplit(data);
    TrainingSamples samples = training.loss().samples(split);
    BatchFactory batches = new BatchFactory(architecture.maxLength());
    Evaluator evaluator =
        new Evaluator(split, batches, evaluation.batchSize(), evaluation.excludeHistory());
    if (resume == null) {
      run.writeConfig(s); // before the first checkpoint, which --resume reads it with
      run.writeFingerprint(data);
    } else {
      run.requireFingerprint(data);
    }

    EvaluationResult popValid;
    EvaluationResult popTest;
    try (PopularityScorer pop = new PopularityScorer(split)) {
      popValid = evaluator.evaluate(pop, HeldOut.VALIDATION);
      popTest = evaluator.evaluate(pop, HeldOut.TEST);
    }
    MetricsTable table =
        new MetricsTable().add("pop (validation)", popValid).add("pop (test)", popTest);
    RunResults results;
    if (!s.model.trained()) {
      results = results(s, data, null, popValid, popTest, popValid, popTest, evaluation);
    } else {
      log.printf("model: %s on %s, %d training samples%n", s.model.id(), device, samples.size());
      Engine.getInstance().setRandomSeed((int) training.seed());
      try (NextItemModel net =
          NextItemModel.create(s.model.encoder(), architecture, data.numItems(), device)) {
        TrainingListener listeners =
            TrainingListener.all(
                new ConsoleProgress(log, System.console() != null, training.epochs()),
                new EpochCsvLog(run.file(RunDirectory.EPOCHS)),
                resume == null ? new TrainingListener() {} : configAfterEpoch(run, s));
        ModelTrainer.Outcome outcome;
        try {
          outcome =
              new ModelTrainer(training, listeners)
                  .fit(net, samples, batches, evaluator, run.root(), resume != null);
        } catch (TrainingDivergedException e) {
          throw diverged(e, net, run);
        }
        ModelCheckpoint.save(net, run.root());
        ModelScorer scorer = new ModelScorer(net);
        EvaluationResult test = evaluator.evaluate(scorer, HeldOut.TEST);
        EvaluationResult valid = outcome.bestValidation();
        if (!valid.has(RankingProtocol.HISTORY_KEPT) || !valid.has(RankingProtocol.HISTORY_REMOVED)) {
          // recorded by a version that ranked one way only: the best weights, scored again, give
          // the same figures for that protocol and the other one's too
          valid = evaluator.evaluate(scorer, HeldOut.VALIDATION);
        }
        table
            .add(s.model.id() + " (validation, epoch " + outcome.bestEpoch() + ")", valid)
            .add(s.model.id() + " (test)", test);
        results = results(s, data, outcome, valid, test, popValid, popTest, evaluation);
      }
    }
    run.writeJson(RunDirectory.RESULTS, results);
    log.println();
    log.print(table);
    log.println(
        (s.model.trained() ? selection(training, evaluation) + " " : "")
            + "Results in " + run.root());
  }

  /** Which protocol and metric chose the epoch, in words for the console. */
  private static String selection(TrainConfig training, EvalConfig evaluation) {
    return "The epoch was selected by validation " + training.selectionMetric() + ", "
        + RankingProtocol.of(evaluation.excludeHistory()).label() + " (exclude_history = "
        + evaluation.excludeHistory() + ").";
  }

  /**
   * A resumed run records its settings (say a raised --epochs) only once its checkpoint has been
   * accepted and an epoch completed, so a refused resume (other architecture settings or data)
   * leaves the interrupted run's settings as they were, still resumable.
   */
  private static TrainingListener configAfterEpoch(RunDirectory run, Settings s) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochRecord record) {
        run.writeConfig(s);
      }
    };
  }

  /**
   * The weights of the best epoch before the divergence are worth keeping: they are saved as the
   * run's model, and the message says so (the checkpoint of the last good epoch stays too).
   */
  private static FearecException diverged(
      TrainingDivergedException e, NextItemModel net, RunDirectory run) {
    if (e.bestEpoch() == 0) {
      return e;
    }
    ModelCheckpoint.save(net, run.root());
    return new FearecException(
        e.getMessage() + " The model of epoch " + e.bestEpoch() + " is saved in " + run.root()
            + " ('fearec evaluate --checkpoint " + run.root() + "' scores it).");
  }

  /**
   * A resumed run's epochs and patience must describe the epochs it has already run: a smaller
   * epochs (or a patience below the epochs already gone without improvement) would train nothing
   * yet record the new value beside results of more epochs (issue #28). Raising them, or keeping
   * them (a run ended by hand with --epochs K, K the epochs finished), is what resuming is for.
   */
  private static void requireConsistentWithWhatRan(Path run, TrainConfig training) {
    TrainingCheckpoint.State<EpochRecord> state =
        TrainingCheckpoint.progress(run, EpochRecord.class).orElse(null);
    if (state == null) {
      return;
    }
    String evaluate = "'fearec evaluate --checkpoint " + run + "' scores the run as it is";
    if (training.epochs() < state.epoch()) {
      throw new ConfigException(
          "epochs = " + training.epochs() + ": the run in " + run + " has already trained "
              + state.epoch() + " epochs, and a resumed run keeps what it trained; expected"
              + " epochs >= " + state.epoch() + " (" + evaluate + ")");
    }
    if (training.patience() < state.sinceBest()) {
      throw new ConfigException(
          "patience = " + training.patience() + ": the run in " + run + " has already gone "
              + state.sinceBest() + " epochs without improving on epoch " + state.bestEpoch()
              + ", and a resumed run keeps what it trained; expected patience >= "
              + state.sinceBest() + " (" + evaluate + ")");
    }
  }

  /**
   * Refuses a neural model whose training cannot fit in the machine's memory ({@link
   * MemoryCheck}); the popularity baseline allocates no model.
   */
  private static void requireMemory(Settings s, ModelConfig architecture, TrainConfig training,
      int numItems, Device device) {
    if (s.model.trained()) {
      MemoryCheck.requireTraining(s.model.encoder(), architecture, training,
          s.evaluation.build().batchSize(), numItems, device);
    }
  }

  /** The item count before the data is read: the generator's, or 0 for a file. */
  private static int knownItems(Settings s) {
    return s.data.equals(DataSource.SYNTHETIC) ? s.synthetic.build().numItems() : 0;
  }

  /**
   * The dataset's name, known before the data is read: checks that a data file exists and that the
   * generator's settings are valid before any output directory is made.
   */
  private static String dataName(Settings s) {
    if (s.data.equals(DataSource.SYNTHETIC)) {
      s.synthetic.build();
      return DataSource.SYNTHETIC;
    }
    return DatasetLoader.nameOf(Path.of(s.data));
  }

  /** runs/MODEL-DATA. */
  private static Path defaultOutput(String model, String dataName) {
    return Path.of("runs", model + "-" + dataName.replaceAll("[^A-Za-z0-9_.-]", "_"));
  }

  private static RunResults results(
      Settings s,
      SequenceDataset data,
      ModelTrainer.Outcome outcome,
      EvaluationResult valid,
      EvaluationResult test,
      EvaluationResult popValid,
      EvaluationResult popTest,
      EvalConfig evaluation) {
    Map<String, String> settings = ConfigKeys.applying(s);
    double seconds = 0;
    long samples = 0;
    int epochsRun = 0;
    if (outcome != null) {
      for (EpochRecord r : outcome.epochs()) {
        seconds += r.trainSeconds();
        samples += Math.round(r.samplesPerSecond() * r.trainSeconds());
      }
      epochsRun = outcome.epochs().size();
    }
    return new RunResults(
        s.model.id(),
        s.data,
        data.numUsers(),
        data.numItems(),
        settings,
        epochsRun,
        outcome == null ? 0 : outcome.bestEpoch(),
        outcome != null && outcome.stoppedEarly(),
        valid.metrics(),
        test.metrics(),
        popValid.metrics(),
        popTest.metrics(),
        evaluation.excludeHistory(),
        test.selectedBy().label(),
        RunResults.byProtocol(valid, test, popValid, popTest),
        seconds,
        seconds > 0 ? samples / seconds : 0,
        Runtime.getRuntime().availableProcessors());
  }
}
