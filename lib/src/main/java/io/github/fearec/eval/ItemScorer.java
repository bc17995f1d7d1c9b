package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.fearec.data.Batch;

/**
 * Anything that scores every item for a batch of users' histories: a trained model ({@link
 * ModelScorer}) or the popularity baseline ({@link PopularityScorer}). The evaluator ranks the
 * targets by these scores.
 */
public interface ItemScorer {

  /** The number of real items |I|; scores cover ids 0..|I|, 0 being padding. */
  int numItems();

  /**
   * A manager for the arrays of one scoring call, closed by the caller afterwards. A model
   * returns a step that adopts its parameters (see {@code NextItemModel#newStep}).
   */
  NDManager newStep();

  /**
   * @return scores (B, |I|+1) on {@code step}; higher is better, the padding column is ignored
   */
  NDArray score(NDManager step, Batch batch);
}
