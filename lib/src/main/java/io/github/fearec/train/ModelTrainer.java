package io.github.fearec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.fearec.FearecException;
import io.github.fearec.data.Batch;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.SampleOrder;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelRecommender;
import io.github.fearec.nn.BatchTensors;
import io.github.fearec.nn.RecommenderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: shuffled mini-batches of prefix samples, Adam, validation after every epoch,
 * early stopping on the selection metric with patience, and the best epoch's weights restored at
 * the end (FEARec-spec §1, §4).
 *
 * <p>Each step runs in its own {@link RecommenderModel#newStep() step manager}, so native memory
 * does not grow from batch to batch; the optimiser update runs after the step has closed, when the
 * parameters are back in the model's manager and Adam's state is created there.
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
   * Trains {@code model} in place.
   *
   * @throws TrainingDivergedException when a loss becomes NaN or infinite; the model then holds
   *     the best weights seen before
   */
  public Outcome fit(
      RecommenderModel model,
      TrainingSamples samples,
      BatchFactory batches,
      Evaluator evaluator) {
    if (samples.size() == 0) {
      throw new FearecException("no training samples: every user needs at least 4 items");
    }
    Optimizer adam =
        Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build();
    ParameterStore store = new ParameterStore(model.manager(), false);
    store.setParameterServer(new LocalParameterServer(adam), new ai.djl.Device[] {model.device()});
    Objective objective = new Objective(config);
    SemanticPositives positives =
        config.contrastive().needsSemanticView()
            ? new SemanticPositives(samples.size(), samples::target, model.numItems())
            : null;
    ModelRecommender recommender = new ModelRecommender(model);

    List<EpochRecord> records = new ArrayList<>();
    ParameterSnapshot best = null;
    EvaluationResult bestValidation = null;
    int bestEpoch = 0;
    int sinceBest = 0;
    boolean stoppedEarly = false;
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      List<int[]> order =
          SampleOrder.epochBatches(samples.size(), config.batchSize(), config.seed(), epoch);
      // positives come from their own stream, so switching them off leaves the order unchanged
      SplittableRandom random = new SplittableRandom(~config.seed() * 7919L + epoch);
      long start = System.nanoTime();
      double[] sums = new double[4];
      long seen = 0;
      for (int i = 0; i < order.size(); i++) {
        int[] ids = order.get(i);
        Batch batch = batches.trainingBatch(samples, ids);
        Batch positive =
            positives == null ? null : batches.trainingBatch(samples, positives.draw(ids, random));
        LossTerms loss = step(model, store, objective, batch, positive);
        if (!loss.isFinite()) {
          if (best != null) {
            best.restore(model);
          }
          throw new TrainingDivergedException(epoch, i + 1, loss, bestEpoch);
        }
        store.updateAllParameters();
        sums[0] += loss.total() * ids.length;
        sums[1] += loss.crossEntropy() * ids.length;
        sums[2] += loss.contrastive() * ids.length;
        sums[3] += loss.frequency() * ids.length;
        seen += ids.length;
        double elapsed = (System.nanoTime() - start) / 1e9;
        listener.onBatch(epoch, i + 1, order.size(), loss, seen / elapsed);
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      EvaluationResult validation = evaluator.evaluate(recommender, HeldOut.VALIDATION);
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
      listener.onEpoch(record);
      if (sinceBest >= config.patience()) {
        stoppedEarly = epoch < config.epochs();
        break;
      }
    }
    best.restore(model);
    return new Outcome(records, bestEpoch, bestValidation, stoppedEarly);
  }

  private static LossTerms step(
      RecommenderModel model,
      ParameterStore store,
      Objective objective,
      Batch batch,
      Batch positive) {
    try (NDManager step = model.newStep()) {
      BatchTensors in = BatchTensors.of(step, batch.items(), batch.lengths(), batch.targets());
      BatchTensors pos =
          positive == null
              ? null
              : BatchTensors.of(step, positive.items(), positive.lengths(), positive.targets());
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        Objective.Result result = objective.compute(model, store, in, pos);
        LossTerms values = result.values();
        if (values.isFinite()) {
          collector.backward(result.total());
        }
        return values;
      }
    }
  }
}
