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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: shuffled mini-batches of prefix samples, Adam, validation after every epoch,
 * early stopping on the selection metric with patience, and the best epoch's weights restored at
 * the end (docs/model.md §9).
 * Each batch is one {@link TrainingStep}.
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

    List<EpochRecord> records = new ArrayList<>();
    ParameterSnapshot best = null;
    EvaluationResult bestValidation = null;
    int bestEpoch = 0;
    int sinceBest = 0;
    int firstEpoch = 1;
    if (resume) {
      TrainingCheckpoint.Saved saved = TrainingCheckpoint.load(runDirectory, model);
      TrainingCheckpoint.State state = saved.state();
      ParameterSnapshot.of(saved.weights()).restore(model);
      step.optimizer().restore(state.adamSteps(), saved.moments());
      best = ParameterSnapshot.of(saved.best());
      records.addAll(state.records());
      bestEpoch = state.bestEpoch();
      bestValidation = bestEpoch > 0 ? records.get(bestEpoch - 1).validation() : null;
      sinceBest = state.sinceBest();
      firstEpoch = state.epoch() + 1;
      listener.onResume(List.copyOf(records));
      if (sinceBest >= config.patience()) {
        best.restore(model);
        return new Outcome(records, bestEpoch, bestValidation, true);
      }
    }
    boolean stoppedEarly = false;
    for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
      List<int[]> order =
          SampleOrder.epochBatches(samples.size(), config.batchSize(), config.seed(), epoch);
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
          if (best != null) {
            best.restore(model);
          }
          throw new TrainingDivergedException(epoch, i + 1, loss, bestEpoch);
        }
        sums[0] += loss.total() * ids.length;
        sums[1] += loss.crossEntropy() * ids.length;
        sums[2] += loss.contrastive() * ids.length;
        sums[3] += loss.frequency() * ids.length;
        seen += ids.length;
        double elapsed = (System.nanoTime() - start) / 1e9;
        listener.onBatch(epoch, i + 1, order.size(), loss, seen / elapsed);
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      EvaluationResult validation = evaluator.evaluate(scorer, HeldOut.VALIDATION);
      double score = validation.get(config.selectionMetric());
      boolean improved = bestValidation == null || score > bestValidation.get(config.selectionMetric());
      if (improved) {
        best = ParameterSnapshot.of(model);
        bestValidation = validation;
        bestEpoch = epoch;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      LossTerms mean =
          new LossTerms(sums[0] / seen, sums[1] / seen, sums[2] / seen, sums[3] / seen);
      EpochRecord record =
          new EpochRecord(epoch, mean, seen / trainSeconds, trainSeconds, validation, improved);
      records.add(record);
      if (runDirectory != null) {
        TrainingCheckpoint.save(
            runDirectory,
            new TrainingCheckpoint.State(
                TrainingCheckpoint.FORMAT, epoch, bestEpoch, sinceBest, step.optimizer().steps(),
                records),
            model,
            best,
            step.optimizer());
      }
      listener.onEpoch(record);
      if (sinceBest >= config.patience()) {
        stoppedEarly = epoch < config.epochs();
        break;
      }
    }
    best.restore(model);
    return new Outcome(records, bestEpoch, bestValidation, stoppedEarly);
  }
}
