package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.Scalars;
import java.util.function.Consumer;

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
   * Computes the loss of a batch and back-propagates it through {@code backward}. Gradients add
   * up over the calls, so their sum is the gradient of the total.
   *
   * <p>Under {@code us_x} the cross-entropy pass h takes no part in the contrastive term, which
   * contrasts the two other views. So that pass runs in a step of its own and is back-propagated
   * at once; closing the step frees its activations before the two contrastive views are built,
   * and training holds two passes' activations at a time instead of three (docs/benchmarks.md,
   * the sweep). The dropout masks are drawn in the same order either way.
   *
   * @param batch the samples
   * @param positives their semantic positives (same target), or null when the mode needs none
   * @param backward back-propagates one part of the loss (a scalar); called once or twice
   * @return the values of the loss and its terms
   */
  public LossTerms compute(
      NextItemModel model, ParameterStore store, BatchTensors batch, BatchTensors positives,
      Consumer<NDArray> backward) {
    ContrastiveMode mode = config.contrastive();
    boolean hContrasted = mode != ContrastiveMode.US_X;
    NDArray h = null;
    NDArray ce = null;
    double ceValue;
    if (hContrasted) {
      h = view(model, store, batch);
      ce = crossEntropy(model, store, h, batch);
      ceValue = ce.getFloat();
    } else {
      try (NDManager pass = model.newStep()) {
        NDArray separate = crossEntropy(model, store, null, batch.copyTo(pass));
        backward.accept(separate);
        ceValue = separate.getFloat();
      }
    }
    if (mode == ContrastiveMode.NONE) {
      backward.accept(ce);
      return new LossTerms(ceValue, ceValue, 0, 0);
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
    NDArray rest = Scalars.scale(nce, config.contrastiveWeight());
    NDArray freq = null;
    if (config.frequencyWeight() > 0) {
      freq = Losses.frequencyL1(pair[0], pair[1]);
      rest = rest.add(Scalars.scale(freq, config.frequencyWeight()));
    }
    backward.accept(hContrasted ? ce.add(rest) : rest);
    return new LossTerms(
        ceValue + rest.getFloat(), ceValue, nce.getFloat(), freq == null ? 0 : freq.getFloat());
  }

  /** Next-item cross-entropy of the pass h (computed here when null) over all items. */
  private static NDArray crossEntropy(
      NextItemModel model, ParameterStore store, NDArray h, BatchTensors batch) {
    NDArray users = h != null ? h : view(model, store, batch);
    return Losses.crossEntropy(model.scores(store, users, true), batch.targets());
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
