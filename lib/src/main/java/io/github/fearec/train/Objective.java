package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.NextItemModel;
import java.util.function.Consumer;

/**
 * How one batch's loss is computed and back-propagated: which forward passes (views) run, in which
 * nested step, and when each part of the loss is handed to the backward pass. The loss itself, the
 * paper's Eq. 14–17, is {@link JointLoss}'s. Every view is a separate forward pass in training
 * mode, so each gets its own dropout mask (and, in FEARec, its own batch-shared lags).
 *
 * <p>The memory plan (docs/model.md §11, docs/benchmarks.md): every intermediate array of a pass
 * lives until its step closes. Under {@code us_x} the cross-entropy pass h takes no part in the
 * contrastive term, so it runs in a step of its own and is back-propagated at once, before the two
 * contrasted views are built: two passes' activations are held at a time instead of three. When
 * {@link ViewRecompute} says so, the views get steps of their own too, the dropout view being
 * recomputed in the backward pass, and one pass is held at a time.
 */
public final class Objective {

  private final TrainConfig config;
  private final JointLoss loss;

  public Objective(TrainConfig config) {
    this.config = config;
    this.loss = new JointLoss(config);
  }

  /**
   * Computes the loss of a batch and back-propagates it through {@code backward}, part by part.
   * Gradients add up over the calls, so their sum is the gradient of the total.
   *
   * @param backward back-propagates one part of the loss (a scalar); called one to three times
   * @return the values of the loss and its terms
   */
  public LossTerms compute(
      NextItemModel model, ParameterStore store, TrainingInput in, Consumer<NDArray> backward) {
    if (config.loss() == NextItemLoss.BCE) {
      NDArray bce =
          JointLoss.everyPosition(model, store, in.batch(), in.nextItems(), in.negatives());
      backward.accept(bce);
      double value = JointLoss.value(bce);
      return new LossTerms(value, value, 0, 0);
    }
    ContrastiveMode mode = config.contrastive();
    if (mode == ContrastiveMode.US_X) {
      return separatePasses(model, store, in.batch(), in.positives(), backward);
    }
    NDArray h = view(model, store, in.batch());
    NDArray ce = JointLoss.recommendation(model, store, h, in.batch().targets());
    if (mode == ContrastiveMode.NONE) {
      backward.accept(ce);
      double value = JointLoss.value(ce);
      return new LossTerms(value, value, 0, 0);
    }
    NDArray augmented = mode.needsDropoutView() ? view(model, store, in.batch()) : null;
    NDArray semantic = mode.needsSemanticView() ? view(model, store, in.positives()) : null;
    JointLoss.Contrast contrast = loss.contrastive(mode, h, augmented, semantic);
    backward.accept(ce.add(contrast.weighted()));
    return contrast.terms(JointLoss.value(ce));
  }

  /**
   * us_x: h runs in a step of its own and is back-propagated at once, and closing that step frees
   * its activations before the two contrasted views are built. When {@link ViewRecompute} says so
   * the views get steps of their own as well: the dropout view runs without keeping anything, the
   * semantic view and the loss run and are back-propagated in one step, then the dropout view is
   * replayed ({@link #replayDropoutView}). The masks are drawn in the same order either way.
   */
  private LossTerms separatePasses(
      NextItemModel model, ParameterStore store, BatchTensors batch, BatchTensors positives,
      Consumer<NDArray> backward) {
    double ce;
    try (NDManager pass = model.newStep()) {
      BatchTensors own = batch.copyTo(pass);
      NDArray separate =
          JointLoss.recommendation(model, store, view(model, store, own), own.targets());
      backward.accept(separate);
      ce = JointLoss.value(separate);
    }
    long batchSize = batch.ids().getShape().get(0);
    if (!config.recomputesDropoutView(model.config(), batchSize)) {
      NDArray augmented = view(model, store, batch);
      NDArray semantic = view(model, store, positives);
      JointLoss.Contrast contrast =
          loss.contrastive(ContrastiveMode.US_X, null, augmented, semantic);
      backward.accept(contrast.weighted());
      return contrast.terms(ce);
    }
    long masks = model.dropouts().position();
    NDArray augmented = detachedView(model, store, batch);
    LossTerms terms;
    try (NDManager pass = model.newStep()) {
      NDArray semantic = view(model, store, positives.copyTo(pass));
      JointLoss.Contrast contrast =
          loss.contrastive(ContrastiveMode.US_X, null, augmented, semantic);
      backward.accept(contrast.weighted());
      terms = contrast.terms(ce);
    }
    replayDropoutView(model, store, batch, augmented, masks, backward);
    return terms;
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

  private static NDArray view(NextItemModel model, ParameterStore store, BatchTensors b) {
    return model.userVectors(store, b.ids(), b.lengths(), true);
  }
}
