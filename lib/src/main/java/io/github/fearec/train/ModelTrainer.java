package io.github.fearec.train;

import io.github.fearec.FearecException;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.SampleOrder;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.persist.TrainingCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: shuffled mini-batches of prefix samples, Adam, validation after every epoch,
 * early stopping on the selection metric with patience, and the best epoch's weights restored at
 * the end (docs/model.md §9). Each batch is one {@link TrainingStep}; where the run stands between
 * epochs (history, best weights, early-stopping count, checkpoints) is {@link TrainingProgress}'s.
 */
public final class ModelTrainer {

  private final TrainConfig config;
  private final TrainingListener listener;

  public ModelTrainer(TrainConfig config, TrainingListener listener) {
    this.config = config;
    this.listener = listener;
  }

  /** What training produced; the model holds the best epoch's weights. */
  public record Outcome(
      List<EpochRecord> epochs, int bestEpoch, EvaluationResult bestValidation, boolean stoppedEarly) {}

  /**
   * Trains {@code model} in place, without checkpoints.
   *
   * @throws TrainingDivergedException when a loss becomes NaN or infinite; the model then holds
   *     the best weights seen before
   */
  public Outcome fit(
      NextItemModel model,
      TrainingSamples samples,
      BatchFactory batches,
      Evaluator evaluator) {
    return fit(model, samples, batches, evaluator, null, false);
  }

  /**
   * Trains {@code model} in place and, when {@code runDirectory} is given, writes a {@link
   * TrainingCheckpoint} there after every epoch.
   *
   * @param resume continue from the checkpoint in {@code runDirectory} instead of starting afresh
   * @throws TrainingDivergedException when a loss becomes NaN or infinite; the model then holds
   *     the best weights seen before, and the checkpoint of the last good epoch stays on disk
   */
  public Outcome fit(
      NextItemModel model,
      TrainingSamples samples,
      BatchFactory batches,
      Evaluator evaluator,
      Path runDirectory,
      boolean resume) {
    if (samples.size() == 0) {
      throw new FearecException("no training samples: every user needs at least 4 items");
    }
    TrainingStep step = new TrainingStep(model, samples, batches, config);
    ModelScorer scorer = new ModelScorer(model);
    TrainingProgress progress =
        resume
            ? TrainingProgress.resume(runDirectory, model, step.optimizer(), config.selectionMetric())
            : TrainingProgress.start(config.selectionMetric());
    if (resume) {
      listener.onResume(progress.records());
      if (progress.patienceSpent(config.patience())) {
        progress.restoreBest(model);
        return outcome(progress, true);
      }
    }
    boolean stoppedEarly = false;
    for (int epoch = progress.nextEpoch(); epoch <= config.epochs(); epoch++) {
      EpochLoss loss = trainEpoch(step, samples.size(), epoch, model, progress);
      EvaluationResult validation = evaluator.evaluate(scorer, HeldOut.VALIDATION);
      EpochRecord record =
          progress.finish(
              epoch, loss.mean(), loss.samples() / loss.seconds(), loss.seconds(), validation, model);
      if (runDirectory != null) {
        progress.save(runDirectory, model, step.optimizer());
      }
      listener.onEpoch(record);
      if (progress.patienceSpent(config.patience())) {
        stoppedEarly = epoch < config.epochs();
        break;
      }
    }
    progress.restoreBest(model);
    return outcome(progress, stoppedEarly);
  }

  private static Outcome outcome(TrainingProgress progress, boolean stoppedEarly) {
    return new Outcome(
        progress.records(), progress.bestEpoch(), progress.bestValidation(), stoppedEarly);
  }

  /** The mean loss terms of an epoch's batches, how many samples they held and the time taken. */
  private record EpochLoss(LossTerms mean, long samples, double seconds) {}

  /**
   * One pass over the shuffled training samples, one {@link TrainingStep} per batch.
   *
   * @throws TrainingDivergedException when a loss is not finite; {@code model} then holds the
   *     best weights seen before
   */
  private EpochLoss trainEpoch(
      TrainingStep step, int numSamples, int epoch, NextItemModel model, TrainingProgress progress) {
    List<int[]> order = SampleOrder.epochBatches(numSamples, config.batchSize(), config.seed(), epoch);
    // positives come from their own stream, so switching them off leaves the order unchanged
    SplittableRandom random = new SplittableRandom(~config.seed() * 7919L + epoch);
    // dropout masks depend on (seed, epoch) only, so an epoch can be replayed on its own
    model.dropouts().reseed(config.seed() * 1_000_003L + epoch);
    long start = System.nanoTime();
    double[] sums = new double[4];
    long seen = 0;
    for (int i = 0; i < order.size(); i++) {
      int[] ids = order.get(i);
      LossTerms loss = step.run(ids, random);
      if (!loss.isFinite()) {
        progress.restoreBest(model);
        throw new TrainingDivergedException(epoch, i + 1, loss, progress.bestEpoch());
      }
      sums[0] += loss.total() * ids.length;
      sums[1] += loss.crossEntropy() * ids.length;
      sums[2] += loss.contrastive() * ids.length;
      sums[3] += loss.frequency() * ids.length;
      seen += ids.length;
      double elapsed = (System.nanoTime() - start) / 1e9;
      listener.onBatch(epoch, i + 1, order.size(), loss, seen / elapsed);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LossTerms mean = new LossTerms(sums[0] / seen, sums[1] / seen, sums[2] / seen, sums[3] / seen);
    return new EpochLoss(mean, seen, seconds);
  }
}
