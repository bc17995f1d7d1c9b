package io.github.fearec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.fearec.data.Batch;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.NextItemModel;
import java.util.SplittableRandom;

/**
 * One optimisation step: build the batch (and its semantic positives when the objective needs
 * them), forward, backward, Adam update. Shared by {@link ModelTrainer} and the benchmarks, so
 * both measure and run the same code.
 *
 * <p>The forward and backward passes run in a {@link NextItemModel#newStep() step manager}, so
 * native memory does not grow from batch to batch; the update runs after the step has closed.
 */
public final class TrainingStep {

  private final NextItemModel model;
  private final TrainingSamples samples;
  private final BatchFactory batches;
  private final ParameterStore store;
  private final AdamOptimizer adam;
  private final Objective objective;
  private final SemanticPositives positives;
  private final NegativeSampler negatives;

  public TrainingStep(
      NextItemModel model, TrainingSamples samples, BatchFactory batches, TrainConfig config) {
    this.model = model;
    this.samples = samples;
    this.batches = batches;
    store = new ParameterStore(model.manager(), false);
    adam = new AdamOptimizer(model.manager(), model.parameterArrays(), config.learningRate());
    objective = new Objective(config);
    config.loss().requireSupports(model.type());
    positives =
        config.contrastive().needsSemanticView()
            ? new SemanticPositives(samples.size(), samples::target, model.numItems())
            : null;
    negatives =
        config.loss() == NextItemLoss.BCE ? new NegativeSampler(samples.split()) : null;
  }

  /**
   * Trains on the given samples. When the loss is not finite nothing is updated and the returned
   * terms say so ({@link LossTerms#isFinite()}).
   *
   * @param sampleIds the training samples of this batch
   * @param random draws the semantic positives or the sampled negatives
   */
  public LossTerms run(int[] sampleIds, SplittableRandom random) {
    Batch batch = batches.trainingBatch(samples, sampleIds);
    Batch positive =
        positives == null ? null : batches.trainingBatch(samples, positives.draw(sampleIds, random));
    int[] next = negatives == null ? null : batches.nextItems(samples, sampleIds);
    int[] sampledNegatives = next == null ? null : negatives.draw(batch.users(), next, random);
    LossTerms values;
    try (NDManager step = model.newStep()) {
      BatchTensors in = BatchTensors.of(step, batch.items(), batch.lengths(), batch.targets());
      BatchTensors pos =
          positive == null
              ? null
              : BatchTensors.of(step, positive.items(), positive.lengths(), positive.targets());
      TrainingInput input =
          next == null
              ? TrainingInput.of(in, pos)
              : new TrainingInput(
                  in, null, step.create(next, in.ids().getShape()),
                  step.create(sampledNegatives, in.ids().getShape()));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        // back-propagates as it goes; a non-finite loss is caught below, before the update
        values = objective.compute(model, store, input, collector::backward);
      }
    }
    if (values.isFinite()) {
      adam.step();
    }
    return values;
  }

  /** The optimiser, whose state checkpoints save. */
  public AdamOptimizer optimizer() {
    return adam;
  }
}
