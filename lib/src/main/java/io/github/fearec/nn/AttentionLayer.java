package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.fearec.accel.QueryRows;

/**
 * The attention sub-layer shared by SASRec and FEARec: project the input to Q, K, V, mix them
 * into a context (the part the two models differ in), then Dense(d→d), dropout, residual and
 * LayerNorm (docs/model.md §5).
 *
 * <p>Inputs: the hidden states (B, N, d), the additive attention mask (B, 1, N, N) built by
 * {@link AttentionMasks} and, optionally, one position per row (B) int64. Output: (B, N, d), or
 * (B, 1, d) holding only the given positions. The last layer needs nothing else, since the
 * losses and the scores read one position per sequence (docs/model.md §7, §11): computing the
 * context, the dense layers and the feed-forward there for one position instead of N saves about
 * a third of a training step. Keys, values and the lag scores still use every position; the
 * subclass gets the positions as {@link QueryRows} and applies them to the query side only. The
 * encoder passes them only when its {@code accel.Acceleration} says so; without, every layer
 * computes every position, as docs/model.md writes it.
 */
public abstract class AttentionLayer extends AbstractBlock {

  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final ResidualOutput output;
  private final int hiddenSize;

  /** @param dropouts the model's mask stream, for the dropout after the output projection */
  protected AttentionLayer(ModelConfig config, Dropouts dropouts) {
    hiddenSize = config.hiddenSize();
    query = addChildBlock("query", Layers.dense(hiddenSize));
    key = addChildBlock("key", Layers.dense(hiddenSize));
    value = addChildBlock("value", Layers.dense(hiddenSize));
    output = addChildBlock("output", new ResidualOutput(hiddenSize, config, dropouts));
  }

  /**
   * Mixes projected queries, keys and values, each (B, N, d), into a context at the query rows.
   *
   * @param mask additive mask (B, 1, N, N): 0 where attention is allowed, a large negative number
   *     where it is not
   * @param rows where the context is needed: {@link QueryRows#ALL}, or one position per row
   * @return (B, N, d), or (B, 1, d) for one position per row, equal to the full context there
   */
  protected abstract NDArray context(
      NDArray q, NDArray k, NDArray v, NDArray mask, QueryRows rows, boolean training);

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    QueryRows rows = inputs.size() > 2 ? QueryRows.at(inputs.get(2)) : QueryRows.ALL;
    NDList in = new NDList(x);
    NDArray q = query.forward(store, in, training).singletonOrThrow();
    NDArray k = key.forward(store, in, training).singletonOrThrow();
    NDArray v = value.forward(store, in, training).singletonOrThrow();
    NDArray context = context(q, k, v, mask, rows, training);
    return output.forward(store, new NDList(context, rows.select(x, 1)), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = Layers.hiddenShape(hiddenSize);
    for (Linear dense : new Linear[] {query, key, value}) {
      dense.initialize(manager, dataType, hidden);
    }
    output.initialize(manager, dataType, hidden, hidden);
  }
}
