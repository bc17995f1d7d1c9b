package io.github.fearec.reference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.GradientRecording;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.train.LossTerms;
import io.github.fearec.train.Objective;
import io.github.fearec.train.TrainingInput;
import io.github.fearec.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's side of the reference test against RecBole's FEARec (reference/README.md): reads
 * cases written by {@code reference/test_recbole_fearec.py} (a configuration, RecBole's weights
 * under RecBole's parameter names, a batch and its semantic positives), loads the weights into a
 * float64 FEARec of the kit and writes what the kit computes from them:
 *
 * <ul>
 *   <li>the bands of the frequency ramp, one [left, right) per layer;
 *   <li>per route (the paper's FFTs, the short-sequence matrices): the user vectors in training
 *       mode (batch-shared lags) and in inference (per-sample lags), the scores of every item in
 *       inference, the terms of the training loss ({@link Objective}, as training computes it)
 *       and the gradient of that loss for every parameter, under RecBole's name.
 * </ul>
 *
 * Dropout is off in every case (the Python side sets it to 0 in both models). The test compares
 * the numbers; this class only computes them.
 *
 * <p>A case without weights gets its bands only (L = 1, which RecBole cannot build).
 *
 * <p>Usage: {@code RecBoleParity CASE.json...} writes {@code CASE.kit.json} beside each case.
 */
public final class RecBoleParity {

  private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

  /** kit name after the layer prefix, without its last part → RecBole module path. */
  private static final Map<String, String> LAYER_MODULES =
      Map.of(
          "01attention_01query", "hybrid_attention.query_layer",
          "01attention_02key", "hybrid_attention.key_layer",
          "01attention_03value", "hybrid_attention.value_layer",
          "01attention_04output_01dense", "hybrid_attention.dense",
          "01attention_04output_02norm", "hybrid_attention.LayerNorm",
          "02ffn_01expand", "feed_forward.dense_1",
          "02ffn_02project_01dense", "feed_forward.dense_2",
          "02ffn_02project_02norm", "feed_forward.LayerNorm");

  private static final Map<String, String> EMBEDDING =
      Map.of(
          "items", "item_embedding.weight",
          "positions", "position_embedding.weight",
          "01norm_gamma", "LayerNorm.weight",
          "01norm_beta", "LayerNorm.bias");

  /** DJL's parameter kinds → torch's attribute names. */
  private static final Map<String, String> KINDS =
      Map.of("weight", "weight", "bias", "bias", "gamma", "weight", "beta", "bias");

  private static final Pattern LAYER =
      Pattern.compile("\\d\\dlayer(\\d+)_(.+)_(weight|bias|gamma|beta)");
  private static final Pattern EMBEDDING_NAME = Pattern.compile("\\d\\dembedding_(.+)");

  private RecBoleParity() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: RecBoleParity CASE.json...");
      System.exit(2);
    }
    for (String arg : args) {
      Path in = Path.of(arg);
      JsonObject result = run(GSON.fromJson(Files.readString(in), JsonObject.class));
      String name = in.getFileName().toString().replaceFirst("\\.json$", "");
      Path out = in.resolveSibling(name + ".kit.json");
      Files.writeString(out, GSON.toJson(result), StandardCharsets.UTF_8);
    }
  }

  /**
   * RecBole's name of a kit parameter, e.g. {@code 02layer0_01attention_01query_weight} →
   * {@code item_encoder.layer.0.hybrid_attention.query_layer.weight}.
   *
   * @throws IllegalArgumentException for a name the mapping does not know
   */
  static String recBoleName(String kitName) {
    Matcher layer = LAYER.matcher(kitName);
    if (layer.matches() && LAYER_MODULES.containsKey(layer.group(2))) {
      return "item_encoder.layer." + layer.group(1) + "." + LAYER_MODULES.get(layer.group(2)) + "."
          + KINDS.get(layer.group(3));
    }
    Matcher embedding = EMBEDDING_NAME.matcher(kitName);
    if (embedding.matches() && EMBEDDING.containsKey(embedding.group(1))) {
      return EMBEDDING.get(embedding.group(1));
    }
    throw new IllegalArgumentException("no RecBole counterpart for the kit's parameter " + kitName);
  }

  private static JsonObject run(JsonObject spec) {
    ModelConfig config = ModelConfig.defaults().with(toMap(spec.getAsJsonObject("model")));
    TrainConfig train =
        TrainConfig.defaults(ModelType.FEAREC).with(toMap(spec.getAsJsonObject("train")));
    int numItems = spec.get("num_items").getAsInt();
    JsonObject weights = spec.getAsJsonObject("weights");
    Batch batch = Batch.of(spec.getAsJsonObject("batch"));
    Batch positives = Batch.of(spec.getAsJsonObject("positives"));

    JsonObject out = new JsonObject();
    JsonArray bands = new JsonArray();
    for (FrequencyBand band : config.ramp().bands()) {
      JsonArray b = new JsonArray();
      b.add(band.left());
      b.add(band.right());
      bands.add(b);
    }
    out.add("bands", bands);
    if (weights == null) {
      return out; // a configuration RecBole cannot build: only the kit's bands are compared
    }
    JsonObject routes = new JsonObject();
    for (JsonElement route : spec.getAsJsonArray("routes")) {
      Acceleration choice = Acceleration.parse(route.getAsString());
      routes.add(choice.id(), runRoute(config, train, numItems, weights, batch, positives, choice));
    }
    out.add("routes", routes);
    return out;
  }

  private static JsonObject runRoute(
      ModelConfig config, TrainConfig train, int numItems, JsonObject weights, Batch batch,
      Batch positives, Acceleration route) {
    JsonObject out = new JsonObject();
    try (NextItemModel model = NextItemModel.create(
        ModelType.FEAREC, config, numItems, Device.cpu(), route, DataType.FLOAT64)) {
      load(model, weights);
      ParameterStore store = new ParameterStore(model.manager(), false);
      try (NDManager step = model.newStep()) {
        BatchTensors in = batch.on(step);
        out.add("users_train", values(model.userVectors(store, in.ids(), in.lengths(), true)));
        NDArray users = model.userVectors(store, in.ids(), in.lengths(), false);
        out.add("users_eval", values(users));
        out.add("scores_eval", values(model.scores(store, users, false)));
      }
      LossTerms terms;
      try (NDManager step = model.newStep()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          terms = new Objective(train).compute(
              model, store, TrainingInput.of(batch.on(step), positives.on(step)),
              collector::backward);
        }
        JsonObject grads = new JsonObject();
        for (Pair<String, Parameter> p : model.encoder().getParameters()) {
          grads.add(recBoleName(p.getKey()), values(p.getValue().getArray().getGradient()));
        }
        out.add("grads", grads);
      }
      JsonObject loss = new JsonObject();
      loss.addProperty("total", terms.total());
      loss.addProperty("ce", terms.crossEntropy());
      loss.addProperty("contrastive", terms.contrastive());
      loss.addProperty("frequency", terms.frequency());
      out.add("loss", loss);
    }
    return out;
  }

  /** Copies RecBole's weights into the model's parameters; every one must be used exactly once. */
  private static void load(NextItemModel model, JsonObject weights) {
    TreeSet<String> unused = new TreeSet<>(weights.keySet());
    List<String> problems = new ArrayList<>();
    for (Pair<String, Parameter> p : model.encoder().getParameters()) {
      String name = recBoleName(p.getKey());
      NDArray target = p.getValue().getArray();
      JsonObject w = weights.getAsJsonObject(name);
      if (w == null) {
        problems.add(p.getKey() + ": RecBole has no " + name);
        continue;
      }
      unused.remove(name);
      Shape shape = new Shape(toLongs(w.getAsJsonArray("shape")));
      if (!shape.equals(target.getShape())) {
        problems.add(p.getKey() + " " + target.getShape() + " vs " + name + " " + shape);
        continue;
      }
      double[] values = toDoubles(w.getAsJsonArray("values"));
      try (GradientRecording paused = GradientRecording.paused();
          NDArray fresh = model.manager().create(values, shape)) {
        target.set(new NDIndex("..."), fresh);
      }
    }
    if (!unused.isEmpty()) {
      problems.add("RecBole parameters the kit has no place for: " + unused);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the parameters do not match:\n" + String.join("\n", problems));
    }
  }

  /** A batch as the JSON holds it: ids (B, N) right-padded, lengths (B), targets (B). */
  private record Batch(int[] ids, int[] lengths, int[] targets) {

    static Batch of(JsonObject o) {
      List<Integer> ids = new ArrayList<>();
      for (JsonElement row : o.getAsJsonArray("ids")) {
        for (JsonElement id : row.getAsJsonArray()) {
          ids.add(id.getAsInt());
        }
      }
      return new Batch(
          ids.stream().mapToInt(Integer::intValue).toArray(),
          toInts(o.getAsJsonArray("lengths")),
          toInts(o.getAsJsonArray("targets")));
    }

    BatchTensors on(NDManager manager) {
      return BatchTensors.of(manager, ids, lengths, targets);
    }
  }

  private static Map<String, Object> toMap(JsonObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      m.put(e.getKey(), e.getValue().getAsString());
    }
    return m;
  }

  private static JsonArray values(NDArray a) {
    JsonArray out = new JsonArray();
    for (double v : a.toDoubleArray()) {
      out.add(v);
    }
    return out;
  }

  private static double[] toDoubles(JsonArray a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsDouble();
    }
    return d;
  }

  private static int[] toInts(JsonArray a) {
    int[] d = new int[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsInt();
    }
    return d;
  }

  private static long[] toLongs(JsonArray a) {
    long[] d = new long[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsLong();
    }
    return d;
  }
}
