package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.Scalars;

/**
 * The loss of one batch as the paper writes it (Eq. 14–17, docs/model.md §8), from the user
 * vectors of its views: L = L_rec(h) + λ·L_cl + w·L_freq, where h is the pass the next-item
 * cross-entropy reads, and the contrastive mode decides which two views InfoNCE and the frequency
 * L1 compare. Or, with {@link NextItemLoss#BCE}, SASRec's original per-position binary
 * cross-entropy. Only the maths: which pass runs when, and in which step, is {@link Objective}'s.
 */
final class JointLoss {

  private final TrainConfig config;

  JointLoss(TrainConfig config) {
    this.config = config;
  }

  /** L_rec: next-item cross-entropy of the user vectors {@code h} over all items (Eq. 14). */
  static NDArray recommendation(
      NextItemModel model, ParameterStore store, NDArray h, NDArray targets) {
    return Losses.crossEntropy(model.scores(store, h, true), targets);
  }

  /**
   * The contrastive part, λ·L_cl + w·L_freq (Eq. 15–17), of the views a mode uses; views it does
   * not use may be null. {@code us_x}, the paper's, contrasts the dropout view with the semantic
   * one and leaves h out.
   *
   * @param h the cross-entropy pass
   * @param augmented the dropout view of the same samples
   * @param semantic the semantic positives' view
   */
  Contrast contrastive(ContrastiveMode mode, NDArray h, NDArray augmented, NDArray semantic) {
    return switch (mode) {
      case UN -> contrast(h, augmented, infoNce(h, augmented));
      case SU -> contrast(h, semantic, infoNce(h, semantic));
      case US -> contrast(h, semantic, infoNce(h, augmented).add(infoNce(h, semantic)));
      case US_X -> contrast(augmented, semantic, infoNce(augmented, semantic));
      case NONE -> throw new IllegalArgumentException("contrastive = none has no contrastive term");
    };
  }

  private NDArray infoNce(NDArray a, NDArray b) {
    return Losses.infoNce(a, b, config.temperature());
  }

  /** λ·{@code nce} plus, when its weight is not 0, w·L1 between the spectra of {@code a}, {@code b}. */
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
   * The contrastive part of the loss: the InfoNCE value, the frequency-domain L1 (null when its
   * weight is 0), and their weighted sum, λ·L_cl + w·L_freq.
   */
  record Contrast(NDArray nce, NDArray frequency, NDArray weighted) {

    /** The values of every term, with the cross-entropy {@code ce} computed elsewhere. */
    LossTerms terms(double ce) {
      return new LossTerms(ce + value(weighted), ce, value(nce),
          frequency == null ? 0 : value(frequency));
    }
  }

  /**
   * A scalar loss term on the host, in its own precision: float32, or float64 for a float64 model
   * (the reference test, reference/README.md), whose terms a float32 copy would round.
   */
  static double value(NDArray scalar) {
    return scalar.getDataType() == DataType.FLOAT64 ? scalar.getDouble() : scalar.getFloat();
  }

  /**
   * SASRec's original objective (Kang &amp; McAuley 2018): binary cross-entropy of the true next item
   * against one sampled negative at every position of the batch's sequences.
   *
   * @param batch one whole training sequence per row
   * @param nextItems the next item (B, N) int32 at every position, 0 at padding
   * @param negatives one sampled negative (B, N) int32 per position, 0 at padding
   */
  static NDArray everyPosition(
      NextItemModel model, ParameterStore store, BatchTensors batch, NDArray nextItems,
      NDArray negatives) {
    NDArray states = model.sequenceStates(store, batch.ids(), true);
    NDArray mask = nextItems.neq(0).toType(DataType.FLOAT32, false);
    return Losses.binaryCrossEntropy(
        model.itemLogits(store, states, nextItems, true),
        model.itemLogits(store, states, negatives, true),
        mask);
  }
}
