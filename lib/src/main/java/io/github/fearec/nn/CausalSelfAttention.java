package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import io.github.fearec.accel.QueryRows;

/**
 * SASRec's attention sub-layer (Kang &amp; McAuley 2018; docs/model.md §10): plain causal multi-head
 * self-attention on the unfiltered Q, K, V. Stacking it is what makes SASRec a low-pass filter:
 * every row of the attention matrix is a probability vector, i.e. a weighted average.
 */
public final class CausalSelfAttention extends AttentionLayer {

  private final ScaledDotProductAttention attention;

  public CausalSelfAttention(ModelConfig config, Dropouts dropouts) {
    super(config, dropouts);
    attention = new ScaledDotProductAttention(config, dropouts);
  }

  @Override
  protected NDArray context(
      NDArray q, NDArray k, NDArray v, NDArray mask, QueryRows rows, boolean training) {
    // Only the selected queries and their mask rows take part: T rows of scores instead of N.
    return attention.attend(rows.select(q, 1), k, v, rows.select(mask, 2), training);
  }
}
