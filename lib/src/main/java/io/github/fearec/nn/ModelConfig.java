package io.github.fearec.nn;

import static io.github.fearec.ConfigException.require;

import com.google.gson.annotations.SerializedName;
import io.github.fearec.ConfigException;
import io.github.fearec.config.ConfigSchema;
import io.github.fearec.config.Scope;
import io.github.fearec.config.Setting;
import io.github.fearec.spectral.FrequencyRamp;
import io.github.fearec.spectral.LagSelection;
import java.util.Map;

/**
 * The architecture of SASRec and FEARec: immutable, validated on construction. Each component
 * declares its key, meaning and default ({@link Setting}); the defaults are the paper's Beauty
 * settings (docs/model.md §9). SASRec reads only the settings shared by both models. Build
 * variations with {@link #with}, e.g. {@code ModelConfig.defaults().with("max_length", 20)}.
 *
 * <p>{@code timeWeight} is stored under its old name {@code spatialRatio} in a checkpoint's
 * {@code model.json}, so that checkpoints written before the rename still load.
 */
public record ModelConfig(
    @Setting(key = "max_length", init = "50", min = 2, scope = Scope.NEURAL,
        doc = "N: the most recent items a model reads")
    int maxLength,
    @Setting(key = "hidden_size", init = "64", min = 1, scope = Scope.NEURAL,
        doc = "d: embedding and hidden width")
    int hiddenSize,
    @Setting(key = "num_layers", init = "2", min = 1, scope = Scope.NEURAL,
        doc = "L: encoder layers")
    int numLayers,
    @Setting(key = "num_heads", init = "2", min = 1, scope = Scope.NEURAL,
        doc = "h: attention heads of the time-domain attention; must divide hidden_size")
    int numHeads,
    @Setting(key = "inner_size", init = "256", min = 1, scope = Scope.NEURAL,
        doc = "width of the feed-forward layer (4d)")
    int innerSize,
    @Setting(key = "hidden_dropout", init = "0.5", min = 0, max = 1, maxExcluded = true,
        scope = Scope.NEURAL, doc = "dropout on embeddings and after each sub-layer")
    double hiddenDropout,
    @Setting(key = "attention_dropout", init = "0.5", min = 0, max = 1, maxExcluded = true,
        scope = Scope.NEURAL, doc = "dropout on attention probabilities")
    double attentionDropout,
    @Setting(key = "global_ratio", init = "0.6", min = 0, minExcluded = true, max = 1,
        scope = Scope.FEAREC, doc = "γ of the frequency ramp (FEARec; docs/model.md §3)")
    double globalRatio,
    @Setting(key = "dual_domain", init = "true", scope = Scope.FEAREC,
        doc = "true: add time-domain attention to the frequency branch (FEARec)")
    boolean dualDomain,
    @Setting(key = "std", init = "true", scope = Scope.FEAREC_TIME,
        doc = "true: the time-domain branch sees only the layer's band (FEARec; the authors'"
            + " name; docs/model.md §5)")
    boolean bandLimitedTime,
    @Setting(key = "time_weight", aliases = "spatial_ratio", init = "0.1", min = 0, max = 1,
        scope = Scope.FEAREC_TIME,
        doc = "α: weight of the time-domain branch in the hybrid (FEARec; docs/model.md §5)")
    @SerializedName("spatialRatio")
    double timeWeight,
    @Setting(key = "topk_factor", init = "1", min = 0, minExcluded = true, scope = Scope.FEAREC,
        doc = "c in k = floor(c·ln N), the number of lags aggregated (FEARec; docs/model.md §4)")
    double topkFactor,
    @Setting(key = "layer_norm_eps", init = "1e-12", min = 0, minExcluded = true,
        scope = Scope.NEURAL, doc = "LayerNorm epsilon (1e-12, as the authors)")
    double layerNormEps,
    @Setting(key = "init_std", init = "0.02", min = 0, minExcluded = true, scope = Scope.NEURAL,
        doc = "standard deviation of the normal weight initialisation")
    double initStd,
    @Setting(key = "inference_lags", init = "sample", scope = Scope.FEAREC,
        doc = "lags of the frequency attention outside training: sample = each sequence its own"
            + " top k (the authors'), batch = the top k of the batch average, as in training"
            + " (FEARec; docs/model.md §4)")
    LagSelection inferenceLags) {

  /** The declarations above, read once. */
  public static final ConfigSchema<ModelConfig> SETTINGS = ConfigSchema.of(ModelConfig.class);

  /**
   * What the declarations cannot say alone: the heads must divide the width. A checkpoint written
   * before {@code inference_lags} existed has none in its {@code model.json}; it used per-sample
   * lags, the default.
   */
  public ModelConfig {
    if (inferenceLags == null) {
      inferenceLags = LagSelection.SAMPLE;
    }
    require(
        hiddenSize % numHeads == 0,
        "num_heads",
        numHeads,
        "a divisor of hidden_size = " + hiddenSize);
  }

  /**
   * Checks what only FEARec's frequency layers need: at least one lag, k = ⌊c·ln N⌋ ≥ 1, and a
   * non-empty band for every layer. SASRec reads neither, so a short N that leaves no lag is no
   * error for it (and must not be reported as one about {@code topk_factor}).
   *
   * @return this configuration
   * @throws ConfigException naming the key to change
   */
  public ModelConfig requireFrequencyLayers() {
    int k = topK(topkFactor, maxLength);
    require(
        k >= 1 && k <= maxLength,
        "topk_factor",
        topkFactor,
        "a value giving 1 <= k = floor(c·ln N) <= N for FEARec (here k = " + k + " for N = "
            + maxLength + "; raise max_length or topk_factor)");
    try {
      FrequencyRamp.of(maxLength, numLayers, globalRatio);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return this;
  }

  /** The paper's Beauty settings. */
  public static ModelConfig defaults() {
    return SETTINGS.defaults();
  }

  /** This configuration with {@code changes} (key to value, text or typed), checked together. */
  public ModelConfig with(Map<String, ?> changes) {
    return SETTINGS.with(this, changes);
  }

  /** This configuration with one setting changed. */
  public ModelConfig with(String key, Object value) {
    return with(Map.of(key, value));
  }

  /** k = ⌊c·ln N⌋: how many time lags the auto-correlation attention aggregates (docs/model.md §4). */
  public int topK() {
    return topK(topkFactor, maxLength);
  }

  private static int topK(double factor, int maxLength) {
    return (int) Math.floor(factor * Math.log(maxLength));
  }

  /** e = d / h. */
  public int headSize() {
    return hiddenSize / numHeads;
  }

  /** The band each FEARec layer keeps. */
  public FrequencyRamp ramp() {
    return FrequencyRamp.of(maxLength, numLayers, globalRatio);
  }
}
