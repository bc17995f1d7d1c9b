package io.github.fearec.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.fearec.accel.Acceleration;
import java.util.ArrayList;
import java.util.List;

/**
 * The model that predicts a user's next item: a sequence encoder together with the memory that
 * holds its parameters and the device it runs on. It gives user vectors and their scores against
 * every item (docs/model.md §7); training, evaluation, checkpoints and notebooks share it.
 *
 * <h2>Memory rule</h2>
 *
 * Parameters live in this model's {@link NDManager}. Every forward pass runs inside a short-lived
 * sub-manager obtained from {@link #newStep()}: it temporarily adopts the parameter arrays, so
 * every intermediate result (even one computed from a parameter alone, like a transpose) belongs
 * to the step and is freed when the step closes, after which the parameters return here. Keep
 * arrays you need beyond a step by copying them to the host ({@code toFloatArray()}) first.
 */
public final class NextItemModel implements AutoCloseable {

  private final NDManager manager;
  private final SequenceEncoder encoder;
  private final Device device;

  private NextItemModel(NDManager manager, SequenceEncoder encoder) {
    this.manager = manager;
    this.encoder = encoder;
    this.device = manager.getDevice();
  }

  /**
   * A freshly initialised model on {@code device} (null: the engine's default). Initial weights depend on the engine's random
   * seed ({@code Engine.getInstance().setRandomSeed}).
   *
   * @throws io.github.fearec.ConfigException when the weights cannot fit in the memory the machine
   *     has ({@link MemoryEstimate#requireWeightsFit}), before anything is allocated
   */
  public static NextItemModel create(
      ModelType type, ModelConfig config, int numItems, Device device) {
    return create(type, config, numItems, device, Acceleration.AUTO);
  }

  /**
   * As above, computed with the given acceleration (docs/model.md §11): the default, {@link
   * Acceleration#AUTO}, picks the faster route for N and the device and computes the last layer at
   * the user positions; {@link Acceleration#NONE} computes docs/model.md as written; the bench and
   * the tests fix a route.
   */
  public static NextItemModel create(
      ModelType type, ModelConfig config, int numItems, Device device, Acceleration acceleration) {
    return create(type, config, numItems, device, acceleration, DataType.FLOAT32);
  }

  /**
   * As above with parameters of another precision. The kit trains, saves and evaluates float32
   * models; a float64 one computes every step of the forward pass and the losses in float64, for
   * comparisons that float32 rounding would blur (the reference test against RecBole's FEARec,
   * reference/README.md).
   */
  public static NextItemModel create(
      ModelType type, ModelConfig config, int numItems, Device device, Acceleration acceleration,
      DataType dataType) {
    MemoryEstimate.requireWeightsFit(config, numItems, device); // before anything is allocated
    if (type == ModelType.FEAREC) {
      config.requireFrequencyLayers();
    }
    NDManager manager = NDManager.newBaseManager(device);
    try {
      return new NextItemModel(
          manager, SequenceEncoder.create(type, config, numItems, manager, dataType, acceleration));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public SequenceEncoder encoder() {
    return encoder;
  }

  public ModelType type() {
    return encoder.type();
  }

  public ModelConfig config() {
    return encoder.config();
  }

  public int numItems() {
    return encoder.numItems();
  }

  public Device device() {
    return device;
  }

  /**
   * This model's dropout mask stream (its encoder's). Reseed it for reproducible training passes;
   * no other model draws from it.
   */
  public Dropouts dropouts() {
    return encoder.dropouts();
  }

  public NDManager manager() {
    return manager;
  }

  /** A sub-manager for one forward (and backward) pass; see the memory rule above. */
  public NDManager newStep() {
    NDManager step = manager.newSubManager(device);
    step.tempAttachAll(parameterArrays().toArray(new NDArray[0]));
    return step;
  }

  /** The arrays of every parameter, in a stable order. */
  public List<NDArray> parameterArrays() {
    List<NDArray> arrays = new ArrayList<>();
    for (Pair<String, Parameter> p : encoder.getParameters()) {
      arrays.add(p.getValue().getArray());
    }
    return arrays;
  }

  /**
   * The user vectors of a batch of sequences: the last layer's output at position len−1 of each
   * row (docs/model.md §7), computed at that position only.
   *
   * @param ids item ids (B, N) int32, right-padded
   * @param lengths (B) int64
   * @return (B, d)
   */
  public NDArray userVectors(
      ParameterStore store, NDArray ids, NDArray lengths, boolean training) {
    return encoder.userVectors(store, ids, lengths, training);
  }

  /**
   * The last layer's hidden state at every position, for a loss on every position (SASRec's
   * original objective): the full pass, without the user-position shortcut of {@link
   * #userVectors}.
   *
   * @param ids item ids (B, N) int32, right-padded
   * @return (B, N, d)
   */
  public NDArray sequenceStates(ParameterStore store, NDArray ids, boolean training) {
    List<NDArray> states = encoder.hiddenStates(store, ids, training);
    return states.get(states.size() - 1);
  }

  /**
   * The logits of the given items at every position: h_t · e_item(t).
   *
   * @param states (B, N, d) from {@link #sequenceStates}
   * @param items (B, N) int32 item ids, one per position
   * @return (B, N)
   */
  public NDArray itemLogits(ParameterStore store, NDArray states, NDArray items, boolean training) {
    NDArray table = encoder.itemTable(store, states, training);
    NDArray embedded = Embedding.embedding(items, table, SparseFormat.DENSE).singletonOrThrow();
    return states.mul(embedded).sum(new int[] {2});
  }

  /**
   * Scores of every item id 0..|I| (padding included; evaluation excludes it): h · E_itemᵀ.
   *
   * @param users (B, d)
   * @return (B, |I|+1)
   */
  public NDArray scores(ParameterStore store, NDArray users, boolean training) {
    NDArray table = encoder.itemTable(store, users, training);
    return users.matMul(table.transpose());
  }

  @Override
  public void close() {
    manager.close();
  }
}
