package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.Scalars;

/**
 * The training loss of one batch (docs/model.md §8): next-item cross-entropy on a pass h, plus λ
 * times the configured InfoNCE term, plus the frequency-domain L1 between the two contrasted views;
 * or, with {@link NextItemLoss#BCE}, SASRec's original per-position binary cross-entropy.
 * Every view is a separate forward pass in training mode, so each gets its own dropout mask (and,
 * in FEARec, its own batch-shared lags).
 */
public final class Objective {

  private final TrainConfig config;

  public Objective(TrainConfig config) {
    this.config = config;
  }

  /** The loss of a batch and the terms it is made of. */
  public record Result(NDArray total, NDArray crossEntropy, NDArray contrastive, NDArray frequency) {

    /** Copies the values to the host (call before the step's manager closes). */
    public LossTerms values() {
      return new LossTerms(
          total.getFloat(), crossEntropy.getFloat(), value(contrastive), value(frequency));
    }

    private static double value(NDArray a) {
      return a == null ? 0 : a.getFloat();
    }
  }

  /**
   * @param batch the samples
   * @param positives their semantic positives (same target), or null when the mode needs none
   */
  public Result compute(
      NextItemModel model, ParameterStore store, BatchTensors batch, BatchTensors positives) {
    ContrastiveMode mode = config.contrastive();
    NDArray h = view(model, store, batch);
    NDArray ce = Losses.crossEntropy(model.scores(store, h, true), batch.targets());
    if (mode == ContrastiveMode.NONE) {
      return new Result(ce, ce, null, null);
    }
    NDArray augmented = mode.needsDropoutView() ? view(model, store, batch) : null;
    NDArray semantic = mode.needsSemanticView() ? view(model, store, positives) : null;
    double tau = config.temperature();
    NDArray nce;
    NDArray[] pair;
    switch (mode) {
      case UN -> {
        pair = new NDArray[] {h, augmented};
        nce = Losses.infoNce(h, augmented, tau);
      }
      case SU -> {
        pair = new NDArray[] {h, semantic};
        nce = Losses.infoNce(h, semantic, tau);
      }
      case US -> {
        pair = new NDArray[] {h, semantic};
        nce = Losses.infoNce(h, augmented, tau).add(Losses.infoNce(h, semantic, tau));
      }
      case US_X -> {
        pair = new NDArray[] {augmented, semantic};
        nce = Losses.infoNce(augmented, semantic, tau);
      }
      default -> throw new IllegalStateException("unhandled contrastive mode " + mode);
    }
    NDArray total = ce.add(Scalars.scale(nce, config.contrastiveWeight()));
    NDArray freq = null;
    if (config.frequencyWeight() > 0) {
      freq = Losses.frequencyL1(pair[0], pair[1]);
      total = total.add(Scalars.scale(freq, config.frequencyWeight()));
    }
    return new Result(total, ce, nce, freq);
  }

  /**
   * SASRec's original objective ({@link NextItemLoss#BCE}): binary cross-entropy of the true next
   * item against one sampled negative at every position of the batch's sequences.
   *
   * @param batch one whole training sequence per row
   * @param targets the next item (B, N) int32 at every position, 0 at padding
   * @param negatives one sampled negative (B, N) int32 per position, 0 at padding
   */
  public Result everyPosition(
      NextItemModel model, ParameterStore store, BatchTensors batch, NDArray targets,
      NDArray negatives) {
    NDArray states = model.sequenceStates(store, batch.ids(), true);
    NDArray mask = targets.neq(0).toType(DataType.FLOAT32, false);
    NDArray bce =
        Losses.binaryCrossEntropy(
            model.itemLogits(store, states, targets, true),
            model.itemLogits(store, states, negatives, true),
            mask);
    return new Result(bce, bce, null, null);
  }

  private static NDArray view(NextItemModel model, ParameterStore store, BatchTensors b) {
    return model.userVectors(store, b.ids(), b.lengths(), true);
  }
}
