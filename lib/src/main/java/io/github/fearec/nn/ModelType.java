package io.github.fearec.nn;

import io.github.fearec.accel.Acceleration;
import io.github.fearec.spectral.FrequencyRamp;
import java.util.Locale;

/** The sequence encoders this kit implements, each choosing the attention of every layer. */
public enum ModelType {
  /** Self-attentive sequential recommendation (Kang &amp; McAuley 2018), docs/model.md §10. */
  SASREC {
    @Override
    AttentionLayer attention(
        ModelConfig config, FrequencyRamp ramp, int layer, Acceleration acceleration,
        Dropouts dropouts) {
      return new CausalSelfAttention(config, dropouts);
    }
  },
  /** Frequency enhanced hybrid attention (Du et al. 2023), docs/model.md §3–5. */
  FEAREC {
    @Override
    AttentionLayer attention(
        ModelConfig config, FrequencyRamp ramp, int layer, Acceleration acceleration,
        Dropouts dropouts) {
      return new HybridAttention(config, ramp.band(layer), acceleration, dropouts);
    }
  };

  /**
   * The attention of {@code layer}; the acceleration's frequency operations matter to FEARec's
   * layers only.
   */
  abstract AttentionLayer attention(
      ModelConfig config, FrequencyRamp ramp, int layer, Acceleration acceleration,
      Dropouts dropouts);

  /** The lower-case name used on the command line and in result files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
