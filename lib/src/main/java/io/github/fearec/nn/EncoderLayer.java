package io.github.fearec.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One encoder layer: an attention sub-layer (SASRec's or FEARec's) followed by the feed-forward
 * sub-layer. Inputs: hidden states (B, N, d), the attention mask and optionally one position per
 * row (see {@link AttentionLayer}); output (B, N, d), or (B, 1, d) at those positions.
 */
public final class EncoderLayer extends AbstractBlock {

  private final AttentionLayer attention;
  private final FeedForward feedForward;

  /** @param dropouts the model's mask stream, for the feed-forward sub-layer */
  public EncoderLayer(AttentionLayer attention, ModelConfig config, Dropouts dropouts) {
    this.attention = addChildBlock("attention", attention);
    this.feedForward = addChildBlock("ffn", new FeedForward(config, dropouts));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList mixed = attention.forward(store, inputs, training);
    return feedForward.forward(store, mixed, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    attention.initialize(manager, dataType, inputShapes);
    feedForward.initialize(manager, dataType, inputShapes[0]);
  }
}
