package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.Scalars;

/**
 * Multi-head scaled dot-product attention (Vaswani et al.): softmax(q·kᵀ/√e + mask)·v per head,
 * with dropout on the attention probabilities. Stateless: the projections belong to {@link
 * AttentionLayer}. The queries may be fewer than the keys (T of N: the last layer's, one per row,
 * with their rows of the mask; docs/model.md §11).
 */
public final class ScaledDotProductAttention {

  private final int numHeads;
  private final double scale;
  private final double dropout;
  private final Dropouts dropouts;

  /** @param dropouts the model's mask stream, for the attention probabilities */
  public ScaledDotProductAttention(ModelConfig config, Dropouts dropouts) {
    numHeads = config.numHeads();
    scale = 1.0 / Math.sqrt(config.headSize());
    dropout = config.attentionDropout();
    this.dropouts = dropouts;
  }

  /**
   * @param queries queries (B, T, d), T = N or fewer
   * @param k keys (B, N, d)
   * @param v values (B, N, d)
   * @param mask additive mask (B, 1, T, N): the rows of the queries
   * @return the context (B, T, d)
   */
  public NDArray attend(NDArray queries, NDArray k, NDArray v, NDArray mask, boolean training) {
    Shape shape = queries.getShape();
    // The (B, h, T, N) arrays dominate a step's memory at long N. A step's manager keeps every
    // array until the step ends, so the three that only feed the next operation are closed here;
    // libtorch keeps its own reference to whatever the backward pass needs.
    NDArray products = heads(queries).matMul(heads(k).transpose(0, 1, 3, 2));
    NDArray scaled = Scalars.scale(products, scale);
    products.close();
    NDArray scores = scaled.add(mask);
    scaled.close();
    NDArray probs = scores.softmax(-1);
    scores.close();
    probs = dropouts.apply(probs, dropout, training);
    return probs.matMul(heads(v)).transpose(0, 2, 1, 3).reshape(shape);
  }

  /** (B, N, d) → (B, h, N, e). */
  private NDArray heads(NDArray x) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), numHeads, s.get(2) / numHeads).transpose(0, 2, 1, 3);
  }
}
