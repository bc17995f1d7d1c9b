package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.train.ContrastiveMode;
import io.github.fearec.train.NextItemLoss;
import io.github.fearec.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every configuration key, its documentation and how it is applied: the single place a config
 * file, {@code --set key=value} and {@code fearec keys} read from. An unknown key or a value that
 * does not parse is an error, never ignored.
 */
final class ConfigKeys {

  /** One documented key. */
  record Key(String name, String description, BiConsumer<Settings, String> apply,
      Function<Settings, Object> current, Scope scope) {}

  /**
   * When a key means something. A key given where it does not (an α for a model without a time
   * branch, a k-core for generated data) is refused rather than ignored, and a run's settings file
   * lists only the keys that apply to it, so it can be passed back with {@code --config}.
   */
  enum Scope {
    ALWAYS(s -> null),
    SYNTHETIC(s -> isSynthetic(s) ? null : "data = " + s.data + " is read from a file, not generated"),
    FILE_DATA(s -> isSynthetic(s) ? "the synthetic data is generated without k-core filtering" : null),
    NEURAL(s -> s.model.equals(Models.POPULARITY)
        ? "the popularity baseline has no architecture and is not trained" : null),
    FEAREC(s -> NEURAL.whyNot(s) != null ? NEURAL.whyNot(s)
        : s.model.equals(Models.FEAREC) ? null : "only FEARec has frequency layers, not " + s.model),
    FEAREC_TIME(s -> FEAREC.whyNot(s) != null ? FEAREC.whyNot(s)
        : s.architecture.build().dualDomain() ? null
        : "dual_domain = false switches FEARec's time-domain branch off");

    private final Function<Settings, String> whyNot;

    Scope(Function<Settings, String> whyNot) {
      this.whyNot = whyNot;
    }

    /** Why the key does not apply to {@code settings}, or null when it does. */
    String whyNot(Settings settings) {
      return whyNot.apply(settings);
    }

    private static boolean isSynthetic(Settings s) {
      return s.data.equals(DataSource.SYNTHETIC);
    }
  }

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    run("model", "which model: fearec, sasrec, duorec (SASRec + the us_x contrastive term) or"
            + " pop (the popularity baseline)",
        (s, v) -> s.model = Models.check(v), s -> s.model, Scope.ALWAYS);
    run("data", "'synthetic' (the embedded default) or a path to a .txt/.inter file or folder",
        (s, v) -> s.data = v, s -> DataSource.stored(s.data), Scope.ALWAYS);
    run("synthetic_users", "users of the synthetic dataset (data = synthetic)",
        (s, v) -> s.synthetic.numUsers(integer("synthetic_users", v)),
        s -> s.synthetic.build().numUsers(), Scope.SYNTHETIC);
    run("synthetic_items", "items of the synthetic dataset (data = synthetic)",
        (s, v) -> s.synthetic.numItems(integer("synthetic_items", v)),
        s -> s.synthetic.build().numItems(), Scope.SYNTHETIC);
    run("synthetic_min_length",
        "shortest synthetic sequence (data = synthetic); at least 10 (the longest period 7 + 3)",
        (s, v) -> s.synthetic.minLength(integer("synthetic_min_length", v)),
        s -> s.synthetic.build().minLength(), Scope.SYNTHETIC);
    run("synthetic_max_length",
        "longest synthetic sequence (data = synthetic); at least synthetic_min_length; lengths are"
            + " uniform in between, so raise both to fill a long max_length",
        (s, v) -> s.synthetic.maxLength(integer("synthetic_max_length", v)),
        s -> s.synthetic.build().maxLength(), Scope.SYNTHETIC);
    run("synthetic_seed", "seed of the synthetic dataset (data = synthetic)",
        (s, v) -> s.synthetic.seed(longValue("synthetic_seed", v)),
        s -> s.synthetic.build().seed(), Scope.SYNTHETIC);
    run("synthetic_periods", "periods of the synthetic users' motifs: MIN-MAX, each user drawing"
            + " its own, or P, one period shared by all (data = synthetic)",
        (s, v) -> {
          int[] range = periodRange(v);
          s.synthetic.periods(range[0], range[1]);
        },
        s -> periodText(s.synthetic.build()), Scope.SYNTHETIC);
    run("k_core", "drop users and items with fewer interactions, repeatedly; 0 = off",
        (s, v) -> s.kCore = nonNegative("k_core", integer("k_core", v)), s -> s.kCore,
        Scope.FILE_DATA);
    run("device", "cpu, gpu or gpu:N (gpu needs the -Pgpu build)",
        (s, v) -> s.device = v, s -> s.device, Scope.ALWAYS);

    arch("max_length", "N: the most recent items a model reads",
        (b, v) -> b.maxLength(integer("max_length", v)), ModelConfig::maxLength);
    arch("hidden_size", "d: embedding and hidden width",
        (b, v) -> b.hiddenSize(integer("hidden_size", v)), ModelConfig::hiddenSize);
    arch("num_layers", "L: encoder layers", (b, v) -> b.numLayers(integer("num_layers", v)),
        ModelConfig::numLayers);
    arch("num_heads", "h: attention heads; must divide hidden_size",
        (b, v) -> b.numHeads(integer("num_heads", v)), ModelConfig::numHeads);
    arch("inner_size", "width of the feed-forward layer",
        (b, v) -> b.innerSize(integer("inner_size", v)), ModelConfig::innerSize);
    arch("hidden_dropout", "dropout on embeddings and sub-layer outputs, in [0, 1)",
        (b, v) -> b.hiddenDropout(real("hidden_dropout", v)), ModelConfig::hiddenDropout);
    arch("attention_dropout", "dropout on attention probabilities, in [0, 1)",
        (b, v) -> b.attentionDropout(real("attention_dropout", v)), ModelConfig::attentionDropout);
    arch("global_ratio", "γ of the frequency ramp, in (0, 1] (FEARec)",
        (b, v) -> b.globalRatio(real("global_ratio", v)), ModelConfig::globalRatio, Scope.FEAREC);
    arch("dual_domain", "true: add time-domain attention to the frequency branch (FEARec)",
        (b, v) -> b.dualDomain(bool("dual_domain", v)), ModelConfig::dualDomain, Scope.FEAREC);
    arch("std", "true: the time-domain branch sees only the layer's band (FEARec)",
        (b, v) -> b.bandLimitedTime(bool("std", v)), ModelConfig::bandLimitedTime,
        Scope.FEAREC_TIME);
    arch("spatial_ratio", "α: weight of the time-domain branch, in [0, 1] (FEARec)",
        (b, v) -> b.spatialRatio(real("spatial_ratio", v)), ModelConfig::spatialRatio,
        Scope.FEAREC_TIME);
    arch("topk_factor", "c in k = floor(c·ln N) lags aggregated (FEARec)",
        (b, v) -> b.topkFactor(real("topk_factor", v)), ModelConfig::topkFactor, Scope.FEAREC);
    arch("layer_norm_eps", "LayerNorm epsilon",
        (b, v) -> b.layerNormEps(real("layer_norm_eps", v)), ModelConfig::layerNormEps);
    arch("init_std", "standard deviation of the normal weight initialisation",
        (b, v) -> b.initStd(real("init_std", v)), ModelConfig::initStd);

    train("epochs", "maximum number of epochs", (b, v) -> b.epochs(integer("epochs", v)),
        TrainConfig::epochs);
    train("batch_size", "training samples per step",
        (b, v) -> b.batchSize(integer("batch_size", v)), TrainConfig::batchSize);
    train("learning_rate", "Adam's learning rate",
        (b, v) -> b.learningRate(real("learning_rate", v)), TrainConfig::learningRate);
    train("seed", "seeds weights, dropout, shuffling and positive sampling",
        (b, v) -> b.seed(longValue("seed", v)), TrainConfig::seed);
    train("patience", "epochs without improvement before early stopping",
        (b, v) -> b.patience(integer("patience", v)), TrainConfig::patience);
    train("selection_metric", "validation metric selecting the model: NDCG@10 or HR@10",
        (b, v) -> b.selectionMetric(v.toUpperCase(Locale.ROOT)), TrainConfig::selectionMetric);
    train("loss", "next-item loss: ce (cross-entropy over all items, on prefix samples) or bce"
            + " (SASRec's original: one sampled negative per position, loss on every position)",
        (b, v) -> b.loss(NextItemLoss.parse(v)), c -> c.loss().id());
    train("contrastive", "contrastive term: none, un, su, us or us_x (FEARec's and DuoRec's)",
        (b, v) -> b.contrastive(mode(v)), c -> c.contrastive().id());
    train("contrastive_weight", "λ: weight of the InfoNCE term",
        (b, v) -> b.contrastiveWeight(real("contrastive_weight", v)),
        TrainConfig::contrastiveWeight);
    train("temperature", "τ of InfoNCE", (b, v) -> b.temperature(real("temperature", v)),
        TrainConfig::temperature);
    train("frequency_weight", "weight of the frequency-domain L1 term; 0 = off",
        (b, v) -> b.frequencyWeight(real("frequency_weight", v)), TrainConfig::frequencyWeight);
    eval("eval_batch_size", "users per evaluation batch",
        (b, v) -> b.batchSize(integer("eval_batch_size", v)), EvalConfig::batchSize);
    eval("exclude_history", "true: remove each user's past items from the ranking",
        (b, v) -> b.excludeHistory(bool("exclude_history", v)), EvalConfig::excludeHistory);
  }

  private ConfigKeys() {}

  static Map<String, Key> all() {
    return KEYS;
  }

  /** Applies {@code key = value}; {@code where} prefixes errors (e.g. "run.properties:4: "). */
  static void apply(Settings settings, String key, String value, String where) {
    Key k = KEYS.get(key.trim());
    if (k == null) {
      throw new ConfigException(
          where + "unknown key '" + key.trim() + "'; run 'fearec keys' for the list");
    }
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
      if (key.scope().whyNot(settings) == null) {
        values.put(key.name(), String.valueOf(key.current().apply(settings)));
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
      Function<Settings, Object> current, Scope scope) {
    KEYS.put(name, new Key(name, doc, apply, current, scope));
  }

  private static void arch(String name, String doc, BiConsumer<ModelConfig.Builder, String> apply,
      Function<ModelConfig, Object> current) {
    arch(name, doc, apply, current, Scope.NEURAL);
  }

  private static void arch(String name, String doc, BiConsumer<ModelConfig.Builder, String> apply,
      Function<ModelConfig, Object> current, Scope scope) {
    KEYS.put(name, new Key(name, doc, (s, v) -> apply.accept(s.architecture, v),
        s -> current.apply(s.architecture.build()), scope));
  }

  private static void train(String name, String doc, BiConsumer<TrainConfig.Builder, String> apply,
      Function<TrainConfig, Object> current) {
    KEYS.put(name, new Key(name, doc, (s, v) -> apply.accept(s.training, v),
        s -> current.apply(s.training.build()), Scope.NEURAL));
  }

  private static void eval(String name, String doc, BiConsumer<EvalConfig.Builder, String> apply,
      Function<EvalConfig, Object> current) {
    KEYS.put(name, new Key(name, doc, (s, v) -> apply.accept(s.evaluation, v),
        s -> current.apply(s.evaluation.build()), Scope.ALWAYS));
  }

  static int integer(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = " + v + ": expected an integer");
    }
  }

  /** "5" = one period for everyone, "2-7" = each user draws one in 2..7. */
  private static int[] periodRange(String v) {
    String[] parts = v.trim().split("-", -1);
    try {
      if (parts.length == 1 || parts.length == 2) {
        int min = Integer.parseInt(parts[0].trim());
        int max = Integer.parseInt(parts[parts.length - 1].trim());
        return new int[] {min, max};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "synthetic_periods = " + v + ": expected a period P or a range MIN-MAX, e.g. 5 or 2-7");
  }

  private static String periodText(SyntheticConfig c) {
    return c.minPeriod() == c.maxPeriod()
        ? String.valueOf(c.minPeriod())
        : c.minPeriod() + "-" + c.maxPeriod();
  }

  private static long longValue(String key, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = " + v + ": expected an integer");
    }
  }

  private static int nonNegative(String key, int v) {
    ConfigException.require(v >= 0, key, v, "an integer >= 0");
    return v;
  }

  private static double real(String key, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      ConfigException.require(Double.isFinite(d), key, v, "a finite number");
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = " + v + ": expected a number");
    }
  }

  private static boolean bool(String key, String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new ConfigException(key + " = " + v + ": expected true or false");
    };
  }

  private static ContrastiveMode mode(String v) {
    try {
      return ContrastiveMode.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("contrastive = " + v + ": expected none, un, su, us or us_x");
    }
  }
}
