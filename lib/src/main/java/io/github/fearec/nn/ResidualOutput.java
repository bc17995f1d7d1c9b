package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * How every sub-layer of the encoder ends (docs/model.md §5–6): LayerNorm(x + Dropout(Dense(h))),
 * with h the sub-layer's result and x its input.
 *
 * <p>Inputs: h (B, N, in) and the residual x (B, N, d). Output: (B, N, d).
 */
final class ResidualOutput extends AbstractBlock {

  private final Linear dense;
  private final LayerNorm norm;
  private final double dropout;
  private final Dropouts dropouts;
  private final int inputSize;
  private final int hiddenSize;

  ResidualOutput(int inputSize, ModelConfig config, Dropouts dropouts) {
    this.inputSize = inputSize;
    this.hiddenSize = config.hiddenSize();
    dense = addChildBlock("dense", Layers.dense(hiddenSize));
    norm = addChildBlock("norm", Layers.layerNorm(config));
    dropout = config.hiddenDropout();
    this.dropouts = dropouts;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = dense.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
    h = dropouts.apply(h, dropout, training);
    return norm.forward(store, new NDList(h.add(inputs.get(1))), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[1]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    dense.initialize(manager, dataType, Layers.hiddenShape(inputSize));
    norm.initialize(manager, dataType, Layers.hiddenShape(hiddenSize));
  }
}
