package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.accel.QueryRows;
import io.github.fearec.spectral.FrequencyRamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedding followed by L encoder layers: the whole sequence model. Input: item ids (B, N)
 * int32, right-padded with 0. Output: the last layer's hidden states (B, N, d).
 *
 * <p>{@link #userVectors} gives the user vectors, the last layer's output at position len−1 (the
 * sequence representation the next item is predicted from, docs/model.md §7); {@link #itemTable}
 * is the item embedding the scores are taken against.
 */
public final class SequenceEncoder extends AbstractBlock {

  private final ModelType type;
  private final ModelConfig config;
  private final int numItems;
  private final Dropouts dropouts = new Dropouts();
  private final SequenceEmbedding embedding;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final Acceleration acceleration;

  /**
   * @param acceleration how the model computes faster what docs/model.md defines ({@link
   *     Acceleration#NONE}: as written; {@link Acceleration#AUTO}: the kit's measured choice)
   */
  public SequenceEncoder(
      ModelType type, ModelConfig config, int numItems, Acceleration acceleration) {
    if (numItems < 1) {
      throw new IllegalArgumentException("a model needs at least one item, got " + numItems);
    }
    this.type = type;
    this.config = config;
    this.numItems = numItems;
    this.acceleration = acceleration;
    embedding = addChildBlock("embedding", new SequenceEmbedding(numItems, config, dropouts));
    // SASRec has no bands: a short N whose bands would be empty is no error for it
    FrequencyRamp ramp = type == ModelType.FEAREC ? config.requireFrequencyLayers().ramp() : null;
    for (int l = 0; l < config.numLayers(); l++) {
      AttentionLayer attention = type.attention(config, ramp, l, acceleration, dropouts);
      layers.add(addChildBlock("layer" + l, new EncoderLayer(attention, config, dropouts)));
    }
  }

  /**
   * Creates the encoder with its parameters initialised as the authors do: weights ~ N(0, 0.02),
   * biases 0, LayerNorm γ = 1 and β = 0.
   */
  public static SequenceEncoder create(
      ModelType type, ModelConfig config, int numItems, NDManager manager) {
    return create(type, config, numItems, manager, DataType.FLOAT32, Acceleration.AUTO);
  }

  /**
   * As above with parameters of another precision (float64 for gradient checks) and a given
   * acceleration.
   */
  public static SequenceEncoder create(
      ModelType type,
      ModelConfig config,
      int numItems,
      NDManager manager,
      DataType dataType,
      Acceleration acceleration) {
    SequenceEncoder encoder = new SequenceEncoder(type, config, numItems, acceleration);
    encoder.setInitializer(new NormalInitializer((float) config.initStd()), Parameter.Type.WEIGHT);
    encoder.initialize(manager, dataType, new Shape(1, config.maxLength()));
    return encoder;
  }

  public ModelType type() {
    return type;
  }

  public ModelConfig config() {
    return config;
  }

  public int numItems() {
    return numItems;
  }

  /** How this encoder computes faster what docs/model.md defines. */
  public Acceleration acceleration() {
    return acceleration;
  }

  /** The stream every dropout mask of this encoder is drawn from; {@link Dropouts#reseed} it. */
  public Dropouts dropouts() {
    return dropouts;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    List<NDArray> states = hiddenStates(store, inputs.singletonOrThrow(), training);
    return new NDList(states.get(states.size() - 1));
  }

  /**
   * The hidden states after the embedding and after every layer: L + 1 arrays (B, N, d). The
   * notebooks plot their spectra to show what each layer does to frequencies.
   */
  public List<NDArray> hiddenStates(ParameterStore store, NDArray ids, boolean training) {
    NDArray mask = AttentionMasks.causalPadding(ids);
    List<NDArray> states = new ArrayList<>(layers.size() + 1);
    NDArray x = embedding.forward(store, new NDList(ids), training).singletonOrThrow();
    states.add(x);
    for (EncoderLayer layer : layers) {
      x = layer.forward(store, new NDList(x, mask), training).singletonOrThrow();
      states.add(x);
    }
    return states;
  }

  /**
   * The user vectors: the last layer's output at position len−1 of each row (docs/model.md §7).
   * With an acceleration that says so ({@link Acceleration#lastLayerAtUserPositions}) the last
   * layer computes that position only (see {@link AttentionLayer} for why that suffices and what
   * it saves): equal to the rows len−1 of {@code hiddenStates(...)}'s last entry up to float
   * rounding, except that in training the dropout masks are drawn for the smaller arrays.
   *
   * @param ids item ids (B, N) int32, right-padded
   * @param lengths (B) int64, the number of real items in each row (≥ 1)
   * @return (B, d)
   */
  public NDArray userVectors(
      ParameterStore store, NDArray ids, NDArray lengths, boolean training) {
    NDArray mask = AttentionMasks.causalPadding(ids);
    NDArray x = embedding.forward(store, new NDList(ids), training).singletonOrThrow();
    int last = layers.size() - 1;
    for (int l = 0; l < last; l++) {
      x = layers.get(l).forward(store, new NDList(x, mask), training).singletonOrThrow();
    }
    NDArray positions = lengths.sub(1);
    if (!acceleration.lastLayerAtUserPositions()) {
      NDArray all = layers.get(last).forward(store, new NDList(x, mask), training).singletonOrThrow();
      return QueryRows.at(positions).select(all, 1).squeeze(1);
    }
    NDList atLast = new NDList(x, mask, positions);
    return layers.get(last).forward(store, atLast, training).singletonOrThrow().squeeze(1);
  }

  /** The shared item embedding table (|I|+1, d). */
  public NDArray itemTable(ParameterStore store, NDArray like, boolean training) {
    return embedding.itemTable(store, like, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    embedding.initialize(manager, dataType, inputShapes);
    Shape hidden = Layers.hiddenShape(config.hiddenSize());
    Shape mask = new Shape(1, 1, 1, 1);
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, hidden, mask);
    }
  }
}
