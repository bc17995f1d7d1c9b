package io.github.fearec.nn;

import static io.github.fearec.ConfigException.require;

import io.github.fearec.ConfigException;

import io.github.fearec.spectral.FrequencyRamp;

/**
 * The architecture of SASRec and FEARec: immutable, validated on construction. Defaults are the
 * paper's Beauty settings (docs/model.md §9). SASRec reads only the fields shared by both models.
 *
 * @param maxLength N, the number of most recent items the model reads (default 50)
 * @param hiddenSize d, the embedding and hidden width (default 64)
 * @param numLayers L, the number of encoder layers (default 2)
 * @param numHeads h, attention heads in the time-domain attention; must divide d (default 2)
 * @param innerSize the width of the feed-forward layer (default 256 = 4d)
 * @param hiddenDropout dropout on embeddings and after each sub-layer (default 0.5)
 * @param attentionDropout dropout on attention probabilities (default 0.5)
 * @param globalRatio γ of the frequency ramp, in (0, 1] (default 0.6; docs/model.md §3)
 * @param dualDomain whether FEARec adds time-domain attention to the frequency branch (default on)
 * @param bandLimitedTime "std" in the authors' code: the time-domain branch also sees only the
 *     layer's band (default on; docs/model.md §5)
 * @param spatialRatio α, the weight of the time-domain branch in the hybrid (default 0.1)
 * @param topkFactor c in k = ⌊c·ln N⌋, the number of lags aggregated (default 1)
 * @param layerNormEps LayerNorm epsilon (default 1e-12, as the authors)
 * @param initStd standard deviation of the normal weight initialisation (default 0.02)
 */
public record ModelConfig(
    int maxLength,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int innerSize,
    double hiddenDropout,
    double attentionDropout,
    double globalRatio,
    boolean dualDomain,
    boolean bandLimitedTime,
    double spatialRatio,
    double topkFactor,
    double layerNormEps,
    double initStd) {

  public ModelConfig {
    require(maxLength >= 2, "max_length", maxLength, "an integer >= 2");
    require(hiddenSize >= 1, "hidden_size", hiddenSize, "an integer >= 1");
    require(numLayers >= 1, "num_layers", numLayers, "an integer >= 1");
    require(numHeads >= 1, "num_heads", numHeads, "an integer >= 1");
    require(
        hiddenSize % numHeads == 0,
        "num_heads",
        numHeads,
        "a divisor of hidden_size = " + hiddenSize);
    require(innerSize >= 1, "inner_size", innerSize, "an integer >= 1");
    require(
        hiddenDropout >= 0 && hiddenDropout < 1,
        "hidden_dropout",
        hiddenDropout,
        "a number in [0, 1)");
    require(
        attentionDropout >= 0 && attentionDropout < 1,
        "attention_dropout",
        attentionDropout,
        "a number in [0, 1)");
    require(
        globalRatio > 0 && globalRatio <= 1, "global_ratio", globalRatio, "a number in (0, 1]");
    require(
        spatialRatio >= 0 && spatialRatio <= 1, "spatial_ratio", spatialRatio, "a number in [0, 1]");
    require(topkFactor > 0, "topk_factor", topkFactor, "a number > 0");
    require(layerNormEps > 0, "layer_norm_eps", layerNormEps, "a number > 0");
    require(initStd > 0, "init_std", initStd, "a number > 0");
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
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
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

  /** Mutable staging for a {@link ModelConfig}; {@link #build()} validates. */
  public static final class Builder {
    private int maxLength = 50;
    private int hiddenSize = 64;
    private int numLayers = 2;
    private int numHeads = 2;
    private int innerSize = 256;
    private double hiddenDropout = 0.5;
    private double attentionDropout = 0.5;
    private double globalRatio = 0.6;
    private boolean dualDomain = true;
    private boolean bandLimitedTime = true;
    private double spatialRatio = 0.1;
    private double topkFactor = 1.0;
    private double layerNormEps = 1e-12;
    private double initStd = 0.02;

    private Builder() {}

    private Builder(ModelConfig c) {
      maxLength = c.maxLength;
      hiddenSize = c.hiddenSize;
      numLayers = c.numLayers;
      numHeads = c.numHeads;
      innerSize = c.innerSize;
      hiddenDropout = c.hiddenDropout;
      attentionDropout = c.attentionDropout;
      globalRatio = c.globalRatio;
      dualDomain = c.dualDomain;
      bandLimitedTime = c.bandLimitedTime;
      spatialRatio = c.spatialRatio;
      topkFactor = c.topkFactor;
      layerNormEps = c.layerNormEps;
      initStd = c.initStd;
    }

    public Builder maxLength(int v) {
      maxLength = v;
      return this;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    public Builder numLayers(int v) {
      numLayers = v;
      return this;
    }

    public Builder numHeads(int v) {
      numHeads = v;
      return this;
    }

    public Builder innerSize(int v) {
      innerSize = v;
      return this;
    }

    public Builder hiddenDropout(double v) {
      hiddenDropout = v;
      return this;
    }

    public Builder attentionDropout(double v) {
      attentionDropout = v;
      return this;
    }

    public Builder globalRatio(double v) {
      globalRatio = v;
      return this;
    }

    public Builder dualDomain(boolean v) {
      dualDomain = v;
      return this;
    }

    public Builder bandLimitedTime(boolean v) {
      bandLimitedTime = v;
      return this;
    }

    public Builder spatialRatio(double v) {
      spatialRatio = v;
      return this;
    }

    public Builder topkFactor(double v) {
      topkFactor = v;
      return this;
    }

    public Builder layerNormEps(double v) {
      layerNormEps = v;
      return this;
    }

    public Builder initStd(double v) {
      initStd = v;
      return this;
    }

    public ModelConfig build() {
      return new ModelConfig(
          maxLength,
          hiddenSize,
          numLayers,
          numHeads,
          innerSize,
          hiddenDropout,
          attentionDropout,
          globalRatio,
          dualDomain,
          bandLimitedTime,
          spatialRatio,
          topkFactor,
          layerNormEps,
          initStd);
    }
  }
}
