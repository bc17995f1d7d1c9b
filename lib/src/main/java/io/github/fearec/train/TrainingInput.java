package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import io.github.fearec.eval.BatchTensors;

/**
 * One batch as the {@link Objective} reads it: the samples, and what their loss needs besides.
 *
 * @param batch the samples (ids, lengths, next-item targets)
 * @param positives their semantic positives (same target), or null when the contrastive mode
 *     needs none
 * @param nextItems for SASRec's original objective, the next item (B, N) int32 at every position,
 *     0 at padding; else null
 * @param negatives for SASRec's original objective, one sampled negative (B, N) int32 per
 *     position, 0 at padding; else null
 */
public record TrainingInput(
    BatchTensors batch, BatchTensors positives, NDArray nextItems, NDArray negatives) {

  /** A batch for the cross-entropy objectives (with semantic positives, or null). */
  public static TrainingInput of(BatchTensors batch, BatchTensors positives) {
    return new TrainingInput(batch, positives, null, null);
  }
}
