package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The position-wise feed-forward sub-layer (docs/model.md §6): Dense(d→inner), GELU in its exact
 * erf form (libtorch's default), Dense(inner→d), dropout, then residual and LayerNorm.
 */
public final class FeedForward extends AbstractBlock {

  private final Linear expand;
  private final ResidualOutput project;
  private final int hiddenSize;
  private final int innerSize;

  /** @param dropouts the model's mask stream */
  public FeedForward(ModelConfig config, Dropouts dropouts) {
    hiddenSize = config.hiddenSize();
    innerSize = config.innerSize();
    expand = addChildBlock("expand", Layers.dense(innerSize));
    project = addChildBlock("project", new ResidualOutput(innerSize, config, dropouts));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray h = expand.forward(store, new NDList(x), training).singletonOrThrow();
    return project.forward(store, new NDList(Activation.gelu(h), x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    expand.initialize(manager, dataType, Layers.hiddenShape(hiddenSize));
    project.initialize(manager, dataType, Layers.hiddenShape(innerSize), Layers.hiddenShape(hiddenSize));
  }
}
