package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * E = Dropout(LayerNorm(ItemEmb(seq) + PosEmb(0..N−1))) (docs/model.md §2).
 *
 * <p>The item table has a row for every id 0..|I|, padding included, initialised like the others
 * (as the authors do) and shared with the output layer (scores = h · E_item^T), through which every
 * row learns. The lookup here passes gradient to the padding row too; in FEARec, whose frequency
 * layers mix padding positions into real ones, that gradient is not zero, unlike in the authors'
 * code (docs/model.md §12, item 8).
 *
 * <p>Input: item ids (B, N), right-padded with 0. Output: (B, N, d).
 */
public final class SequenceEmbedding extends AbstractBlock {

  private final Parameter items;
  private final Parameter positions;
  private final LayerNorm norm;
  private final double dropout;
  private final Dropouts dropouts;
  private final int hiddenSize;

  /** @param dropouts the model's mask stream */
  public SequenceEmbedding(int numItems, ModelConfig config, Dropouts dropouts) {
    hiddenSize = config.hiddenSize();
    items =
        addParameter(
            Parameter.builder()
                .setName("items")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numItems + 1L, hiddenSize))
                .build());
    positions =
        addParameter(
            Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.maxLength(), hiddenSize))
                .build());
    norm = addChildBlock("norm", Layers.layerNorm(config));
    dropout = config.hiddenDropout();
    this.dropouts = dropouts;
  }

  /** The shared item table E_item, (|I|+1, d). */
  public NDArray itemTable(ParameterStore store, NDArray like, boolean training) {
    return store.getValue(items, like.getDevice(), training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    NDArray table = store.getValue(items, ids.getDevice(), training);
    NDArray pos = store.getValue(positions, ids.getDevice(), training);
    NDArray x = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow().add(pos);
    x = norm.forward(store, new NDList(x), training).singletonOrThrow();
    return new NDList(dropouts.apply(x, dropout, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(hiddenSize)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    norm.initialize(manager, dataType, Layers.hiddenShape(hiddenSize));
  }
}
