package io.github.fearec.cli;

import io.github.fearec.nn.ModelType;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.Numbers;
import io.github.fearec.config.ConfigSchema;
import io.github.fearec.config.Scope;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.train.ContrastiveMode;
import io.github.fearec.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every configuration key, its documentation and how it is applied: the single place a config
 * file, {@code --set} and {@code fearec keys} read from. The hyperparameters are declared where
 * they live, on the components of the configuration records ({@link io.github.fearec.config
 * .Setting}); this class adds the four keys of the command line itself (model, data, k-core,
 * device) and decides when each {@link Scope} applies. An unknown key or a value that does not
 * parse is an error, never ignored.
 */
final class ConfigKeys {

  /** One documented key. */
  record Key(String name, String description, BiConsumer<Settings, String> apply,
      Function<Settings, String> current, Scope scope) {}

  /** The canonical keys in the order {@code fearec keys} lists them. */
  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  /** Every key and alias to its key. */
  private static final Map<String, Key> NAMES = new LinkedHashMap<>();

  static {
    run("model", "which model: fearec, sasrec, sasrec-bce (SASRec's original BCE objective),"
            + " duorec (SASRec + the us_x contrastive term) or pop (the popularity baseline)",
        (s, v) -> s.model = Settings.model(v), s -> s.model.id(), Scope.ALWAYS);
    run("data", "'synthetic' (the embedded default) or a path to a .txt/.inter file or folder",
        (s, v) -> s.data = dataPath(v), s -> DataSource.stored(s.data), Scope.ALWAYS);
    group(SyntheticConfig.SETTINGS, s -> s.synthetic);
    run("k_core", "drop users and items with fewer interactions, repeatedly; 0 = off",
        (s, v) -> s.kCore = nonNegative("k_core", integer("k_core", v)),
        s -> String.valueOf(s.kCore), Scope.FILE_DATA);
    run("device", "cpu, gpu or gpu:N (gpu needs the -Pgpu build)",
        (s, v) -> s.device = v, s -> s.device, Scope.ALWAYS);
    group(ModelConfig.SETTINGS, s -> s.architecture);
    group(TrainConfig.SETTINGS, s -> s.training);
    group(EvalConfig.SETTINGS, s -> s.evaluation);
  }

  /**
   * Why a key of {@code scope} does not apply to {@code settings}, or null when it does: the one
   * place that knows which combinations make a key meaningless.
   */
  static String whyNot(Scope scope, Settings s) {
    boolean synthetic = s.data.equals(DataSource.SYNTHETIC);
    return switch (scope) {
      case ALWAYS -> null;
      case SYNTHETIC -> synthetic ? null : "data = " + s.data + " is read from a file, not generated";
      case FILE_DATA -> synthetic ? "the synthetic data is generated without k-core filtering" : null;
      case NEURAL -> !s.model.trained()
          ? "the popularity baseline has no architecture and is not trained" : null;
      case FEAREC -> whyNot(Scope.NEURAL, s) != null ? whyNot(Scope.NEURAL, s)
          : s.model.encoder() == ModelType.FEAREC ? null
              : "only FEARec has frequency layers, not " + s.model.id();
      case FEAREC_TIME -> whyNot(Scope.FEAREC, s) != null ? whyNot(Scope.FEAREC, s)
          : s.architecture.build().dualDomain() ? null
          : "dual_domain = false switches FEARec's time-domain branch off";
      case US_X -> whyNot(Scope.NEURAL, s) != null ? whyNot(Scope.NEURAL, s)
          : s.training.build().contrastive() == ContrastiveMode.US_X ? null
          : "contrastive = " + s.training.build().contrastive().id()
              + " trains without us_x's two contrasted views";
    };
  }

  private ConfigKeys() {}

  /** The canonical keys, without aliases. */
  static Map<String, Key> all() {
    return KEYS;
  }

  /**
   * The key {@code name} (or an alias of it) names.
   *
   * @throws ConfigException for an unknown name; {@code where} prefixes the message
   */
  static Key find(String name, String where) {
    Key k = NAMES.get(name.trim());
    if (k == null) {
      throw new ConfigException(
          where + "unknown key '" + Excerpt.of(name.trim()) + "'; run 'fearec keys' for the list");
    }
    return k;
  }

  /** Applies {@code key = value}; {@code where} prefixes errors (e.g. "run.properties:4: "). */
  static void apply(Settings settings, String key, String value, String where) {
    Key k = find(key, where);
    try {
      k.apply().accept(settings, value.trim());
    } catch (ConfigException e) {
      throw new ConfigException(where + e.getMessage());
    }
  }

  /**
   * The settings file of a run: every key that applies to it with its effective value, escaped so
   * that {@code --config} reads back exactly these values.
   */
  static String effectiveSettings(Settings settings) {
    StringBuilder out = new StringBuilder("# effective settings of this run (fearec keys)\n");
    applying(settings).forEach(
        (name, value) -> out.append(name).append(" = ").append(escape(value)).append('\n'));
    return out.toString();
  }

  /** The keys that apply to {@code settings} ({@link Scope}) with their effective values. */
  static Map<String, String> applying(Settings settings) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Key key : KEYS.values()) {
      if (whyNot(key.scope(), settings) == null) {
        values.put(key.name(), key.current().apply(settings));
      }
    }
    return values;
  }

  /** A value as a settings file holds it: {@code #}, backslash and line ends escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("#", "\\#").replace("\n", "\\n")
        .replace("\r", "\\r");
  }

  private static void run(String name, String doc, BiConsumer<Settings, String> apply,
      Function<Settings, String> current, Scope scope) {
    add(new Key(name, doc, apply, current, scope), name);
  }

  /** Every setting a configuration record declares, staged in {@code staged(settings)}. */
  private static <R extends Record> void group(
      ConfigSchema<R> schema, Function<Settings, ConfigSchema<R>.Staged> staged) {
    for (ConfigSchema.Key key : schema.keys()) {
      // fearec keys shows what a value may be next to what it means
      String doc = key.expected().equals("text") ? key.doc() : key.doc() + "; " + key.expected();
      Key k = new Key(key.name(), doc, (s, v) -> staged.apply(s).set(key.name(), v),
          s -> schema.text(staged.apply(s).build(), key), key.scope());
      add(k, key.name());
      key.aliases().forEach(alias -> add(k, alias));
    }
  }

  private static void add(Key key, String name) {
    KEYS.putIfAbsent(key.name(), key);
    if (NAMES.put(name, key) != null) {
      throw new IllegalStateException("key " + name + " declared twice");
    }
  }

  /**
   * An empty data path is what an unset shell variable gives ({@code --data "$DATA"}); read as a
   * path it is the current directory, and the loader would pick whatever X.inter it holds.
   */
  private static String dataPath(String v) {
    if (v.isBlank()) {
      throw new ConfigException("data = '" + Excerpt.of(v) + "': an empty path (an unset shell"
          + " variable?); expected synthetic or the path of a .txt or .inter file or folder");
    }
    return v;
  }

  static int integer(String key, String v) {
    try {
      return Numbers.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = " + Excerpt.of(v) + ": expected an integer");
    }
  }

  private static int nonNegative(String key, int v) {
    ConfigException.require(v >= 0, key, v, "an integer >= 0");
    return v;
  }
}
