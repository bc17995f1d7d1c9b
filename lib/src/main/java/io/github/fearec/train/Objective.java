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
          value(total), value(crossEntropy), valueOrZero(contrastive), valueOrZero(frequency));
    }

    private static double valueOrZero(NDArray a) {
      return a == null ? 0 : value(a);
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
   * the sweep). When {@link ViewRecompute} says so, the two views get steps of their own too, the
   * dropout view being recomputed in the backward pass, and one pass is held at a time.
   *
   * @param batch the samples
   * @param positives their semantic positives (same target), or null when the mode needs none
   * @param backward back-propagates one part of the loss (a scalar); called one to three times
   * @return the values of the loss and its terms
   */
  public LossTerms compute(
      NextItemModel model, ParameterStore store, BatchTensors batch, BatchTensors positives,
      Consumer<NDArray> backward) {
    ContrastiveMode mode = config.contrastive();
    if (mode == ContrastiveMode.US_X) {
      return separatePasses(model, store, batch, positives, backward);
    }
    NDArray h = view(model, store, batch);
    NDArray ce = crossEntropy(model, store, h, batch);
    if (mode == ContrastiveMode.NONE) {
      backward.accept(ce);
      double value = value(ce);
      return new LossTerms(value, value, 0, 0);
    }
    NDArray augmented = mode.needsDropoutView() ? view(model, store, batch) : null;
    NDArray semantic = mode.needsSemanticView() ? view(model, store, positives) : null;
    double tau = config.temperature();
    Contrast contrast =
        switch (mode) {
          case UN -> contrast(h, augmented, Losses.infoNce(h, augmented, tau));
          case SU -> contrast(h, semantic, Losses.infoNce(h, semantic, tau));
          case US -> contrast(h, semantic,
              Losses.infoNce(h, augmented, tau).add(Losses.infoNce(h, semantic, tau)));
          default -> throw new IllegalStateException("unhandled contrastive mode " + mode);
        };
    backward.accept(ce.add(contrast.weighted()));
    return contrast.terms(value(ce));
  }

  /**
   * us_x, whose cross-entropy pass h takes no part in the contrastive term: h runs in a step of
   * its own and is back-propagated at once, and closing that step frees its activations (every
   * intermediate array of a pass lives until its step closes) before the two contrasted views are
   * built. When {@link ViewRecompute} says so the views get steps of their own as well: the
   * dropout view runs without keeping anything, the semantic view and the loss run and are
   * back-propagated in one step, then the dropout view is replayed ({@link #replayDropoutView}).
   * The masks are drawn in the same order either way.
   */
  private LossTerms separatePasses(
      NextItemModel model, ParameterStore store, BatchTensors batch, BatchTensors positives,
      Consumer<NDArray> backward) {
    double ce;
    try (NDManager pass = model.newStep()) {
      NDArray separate = crossEntropy(model, store, null, batch.copyTo(pass));
      backward.accept(separate);
      ce = value(separate);
    }
    long batchSize = batch.ids().getShape().get(0);
    if (!config.recomputesDropoutView(model.config(), batchSize)) {
      NDArray augmented = view(model, store, batch);
      NDArray semantic = view(model, store, positives);
      Contrast contrast = contrast(augmented, semantic, infoNce(augmented, semantic));
      backward.accept(contrast.weighted());
      return contrast.terms(ce);
    }
    long masks = model.dropouts().position();
    NDArray augmented = detachedView(model, store, batch);
    LossTerms terms;
    try (NDManager pass = model.newStep()) {
      NDArray semantic = view(model, store, positives.copyTo(pass));
      Contrast contrast = contrast(augmented, semantic, infoNce(augmented, semantic));
      backward.accept(contrast.weighted());
      terms = contrast.terms(ce);
    }
    replayDropoutView(model, store, batch, augmented, masks, backward);
    return terms;
  }

  /** A scalar loss term on the host, in its precision (float32, or float64 for a float64 model). */
  private static double value(NDArray scalar) {
    return scalar.getDataType() == DataType.FLOAT64 ? scalar.getDouble() : scalar.getFloat();
  }

  private NDArray infoNce(NDArray a, NDArray b) {
    return Losses.infoNce(a, b, config.temperature());
  }

  /**
   * The contrastive part of the loss: the InfoNCE value, the frequency-domain L1 between the two
   * views {@code a} and {@code b} of the pair (null when its weight is 0), and their weighted sum.
   */
  private record Contrast(NDArray nce, NDArray frequency, NDArray weighted) {

    /** The values of every term, with the cross-entropy {@code ce} computed elsewhere. */
    LossTerms terms(double ce) {
      return new LossTerms(ce + value(weighted), ce, value(nce),
          frequency == null ? 0 : value(frequency));
    }
  }

  private Contrast contrast(NDArray a, NDArray b, NDArray nce) {
    NDArray weighted = Scalars.scale(nce, config.contrastiveWeight());
    NDArray frequency = null;
    if (config.frequencyWeight() > 0) {
      frequency = Losses.frequencyL1(a, b);
      weighted = weighted.add(Scalars.scale(frequency, config.frequencyWeight()));
    }
    return new Contrast(nce, frequency, weighted);
  }

  /**
   * The dropout view's user vectors without the activations behind them: the pass runs in a step
   * of its own, which is closed at once, and the copy returned is a leaf that collects the loss's
   * gradient with respect to the view ({@link #replayDropoutView} passes it on to the weights).
   */
  private static NDArray detachedView(NextItemModel model, ParameterStore store, BatchTensors b) {
    NDArray copy;
    try (NDManager pass = model.newStep()) {
      copy = view(model, store, b.copyTo(pass)).stopGradient().duplicate();
      copy.attach(b.ids().getManager());
    }
    copy.setRequiresGradient(true);
    return copy;
  }

  /**
   * Runs the dropout view's pass again with the masks it drew the first time and back-propagates
   * the gradient its detached copy collected, ∂L/∂z_aug, through it: the backward of Σ z·g is
   * g·∂z/∂θ. The mask stream then continues where it stood, so the next step draws what it would
   * have drawn without the replay.
   */
  private static void replayDropoutView(
      NextItemModel model, ParameterStore store, BatchTensors batch, NDArray detached,
      long masks, Consumer<NDArray> backward) {
    long next = model.dropouts().position();
    model.dropouts().rewind(masks);
    try (NDManager pass = model.newStep()) {
      NDArray again = view(model, store, batch.copyTo(pass));
      backward.accept(again.mul(detached.getGradient()).sum());
    }
    model.dropouts().rewind(next);
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
