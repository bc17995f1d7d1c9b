package io.github.fearec.course;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.FrequencyBand;
import java.util.Arrays;
import java.util.List;

/**
 * The input of exercise 5.3 (one FEARec layer's forward pass, docs/model.md §4–6): the layer's
 * input x for one sequence, its item ids, its settings and all its weights, taken from a FEARec
 * the library builds from {@code seed}. The reference ({@link #libraryOutput}) builds the same
 * model again and returns what its encoder computes after that layer, in inference mode (dropout
 * off, lags chosen per sample).
 *
 * <p>Not a record: {@link Values} describes records component by component, and this one is
 * described by {@link #toString()} instead.
 *
 * <p>Accessors: seed, the engine seed the model is initialised with
 * <br>config the architecture (a large {@code initStd} makes both branches matter)
 * <br>numItems item ids 1..numItems
 * <br>layer which layer (0 = the first, high band)
 * <br>ids the sequence's item ids (N), right-padded with 0
 * <br>x the layer's input (N × d)
 * <br>heads h, the number of heads of the time branch
 * <br>band the layer's band [left, right)
 * <br>topK k, the number of lags
 * <br>alpha α, the weight of the time branch
 * <br>epsilon LayerNorm's ε
 */
public final class FeaLayerCase {

  private final int seed;
  private final ModelConfig config;
  private final int numItems;
  private final int layer;
  private final int[] ids;
  private final double[][] x;
  private final int heads;
  private final FrequencyBand band;
  private final int topK;
  private final double alpha;
  private final double epsilon;
  private final Dense query;
  private final Dense key;
  private final Dense value;
  private final Dense output;
  private final Norm attentionNorm;
  private final Dense expand;
  private final Dense project;
  private final Norm outputNorm;

  private FeaLayerCase(
      int seed,
      ModelConfig config,
      int numItems,
      int layer,
      int[] ids,
      double[][] x,
      int heads,
      FrequencyBand band,
      int topK,
      double alpha,
      double epsilon,
      Dense query,
      Dense key,
      Dense value,
      Dense output,
      Norm attentionNorm,
      Dense expand,
      Dense project,
      Norm outputNorm) {
    this.seed = seed;
    this.config = config;
    this.numItems = numItems;
    this.layer = layer;
    this.ids = ids;
    this.x = x;
    this.heads = heads;
    this.band = band;
    this.topK = topK;
    this.alpha = alpha;
    this.epsilon = epsilon;
    this.query = query;
    this.key = key;
    this.value = value;
    this.output = output;
    this.attentionNorm = attentionNorm;
    this.expand = expand;
    this.project = project;
    this.outputNorm = outputNorm;
  }

  public int seed() {
    return seed;
  }

  public ModelConfig config() {
    return config;
  }

  public int numItems() {
    return numItems;
  }

  public int layer() {
    return layer;
  }

  public int[] ids() {
    return ids;
  }

  public double[][] x() {
    return x;
  }

  public int heads() {
    return heads;
  }

  public FrequencyBand band() {
    return band;
  }

  public int topK() {
    return topK;
  }

  public double alpha() {
    return alpha;
  }

  public double epsilon() {
    return epsilon;
  }

  public Dense query() {
    return query;
  }

  public Dense key() {
    return key;
  }

  public Dense value() {
    return value;
  }

  public Dense output() {
    return output;
  }

  public Norm attentionNorm() {
    return attentionNorm;
  }

  public Dense expand() {
    return expand;
  }

  public Dense project() {
    return project;
  }

  public Norm outputNorm() {
    return outputNorm;
  }


  /** A dense layer as DJL stores it: y = x·weightᵀ + bias, weight (out × in). */
  public record Dense(double[][] weight, double[] bias) {}

  /** LayerNorm's gain γ and bias β. */
  public record Norm(double[] gain, double[] bias) {}

  /** Builds the case from a FEARec initialised with {@code seed}; ids must have length N. */
  public static FeaLayerCase of(int seed, ModelConfig config, int numItems, int layer, int[] ids) {
    if (ids.length != config.maxLength()) {
      throw new IllegalArgumentException(
          "ids must have N = " + config.maxLength() + " entries, got " + ids.length);
    }
    try (NextItemModel model = model(seed, config, numItems)) {
      double[][] x = states(model, ids).get(layer);
      List<Pair<String, Parameter>> parameters = model.encoder().getParameters().stream().toList();
      String prefix = "layer" + layer + "_";
      return new FeaLayerCase(
          seed,
          config,
          numItems,
          layer,
          ids.clone(),
          x,
          config.numHeads(),
          config.ramp().band(layer),
          config.topK(),
          config.dualDomain() ? config.timeWeight() : 0.0,
          config.layerNormEps(),
          dense(parameters, prefix, "attention_01query"),
          dense(parameters, prefix, "attention_02key"),
          dense(parameters, prefix, "attention_03value"),
          dense(parameters, prefix, "attention_04output_01dense"),
          norm(parameters, prefix, "attention_04output_02norm"),
          dense(parameters, prefix, "ffn_01expand"),
          dense(parameters, prefix, "ffn_02project_01dense"),
          norm(parameters, prefix, "ffn_02project_02norm"));
    }
  }

  /** What the library's encoder computes after this case's layer (N × d). */
  public static double[][] libraryOutput(FeaLayerCase c) {
    try (NextItemModel model = model(c.seed(), c.config(), c.numItems())) {
      return states(model, c.ids()).get(c.layer() + 1);
    }
  }

  @Override
  public String toString() {
    return "one FEARec layer: layer " + layer + ", N = " + ids.length + ", d = " + x[0].length
        + ", h = " + heads + ", band " + band + ", k = " + topK + ", alpha = " + alpha
        + ", ids " + Arrays.toString(ids);
  }

  private static NextItemModel model(int seed, ModelConfig config, int numItems) {
    Engine.getInstance().setRandomSeed(seed);
    return NextItemModel.create(ModelType.FEAREC, config, numItems, null);
  }

  /** The embedding output and every layer's output for the one sequence, each N × d. */
  private static List<double[][]> states(NextItemModel model, int[] ids) {
    try (NDManager step = model.newStep()) {
      NDArray in = step.create(ids, new Shape(1, ids.length));
      return model.encoder().hiddenStates(new ParameterStore(step, false), in, false).stream()
          .map(h -> rows(h.reshape(h.getShape().get(1), h.getShape().get(2))))
          .toList();
    }
  }

  private static Dense dense(List<Pair<String, Parameter>> parameters, String prefix, String name) {
    return new Dense(
        rows(find(parameters, prefix, name + "_weight")), find(parameters, prefix, name + "_bias")
            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
  }

  private static Norm norm(List<Pair<String, Parameter>> parameters, String prefix, String name) {
    return new Norm(
        find(parameters, prefix, name + "_gamma")
            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
        find(parameters, prefix, name + "_beta")
            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
  }

  /** DJL names parameters by the block path, e.g. "02layer0_01attention_01query_weight". */
  private static NDArray find(List<Pair<String, Parameter>> parameters, String prefix, String name) {
    for (Pair<String, Parameter> p : parameters) {
      String key = p.getKey();
      int at = key.indexOf(prefix);
      if (at >= 0 && key.substring(at + prefix.length()).replaceFirst("^\\d\\d", "").equals(name)) {
        return p.getValue().getArray();
      }
    }
    throw new IllegalStateException("no parameter " + prefix + name + " in the FEARec encoder");
  }

  private static double[][] rows(NDArray matrix) {
    long[] shape = matrix.getShape().getShape();
    double[] flat = matrix.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    double[][] out = new double[(int) shape[0]][(int) shape[1]];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(flat, r * out[r].length, out[r], 0, out[r].length);
    }
    return out;
  }
}
