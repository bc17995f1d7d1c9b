package io.github.fearec.nn;

import io.github.fearec.spectral.FrequencyRamp;
import io.github.fearec.spectral.RouteChoice;
import java.util.Locale;

/** The sequence encoders this kit implements, each choosing the attention of every layer. */
public enum ModelType {
  /** Self-attentive sequential recommendation (Kang &amp; McAuley 2018), docs/model.md §10. */
  SASREC {
    @Override
    AttentionLayer attention(
        ModelConfig config, FrequencyRamp ramp, int layer, RouteChoice route, Dropouts dropouts) {
      return new CausalSelfAttention(config, dropouts);
    }
  },
  /** Frequency enhanced hybrid attention (Du et al. 2023), docs/model.md §3–5. */
  FEAREC {
    @Override
    AttentionLayer attention(
        ModelConfig config, FrequencyRamp ramp, int layer, RouteChoice route, Dropouts dropouts) {
      return new HybridAttention(config, ramp.band(layer), route, dropouts);
    }
  };

  /** The attention of {@code layer}; {@code route} matters to the frequency layers only. */
  abstract AttentionLayer attention(
      ModelConfig config, FrequencyRamp ramp, int layer, RouteChoice route, Dropouts dropouts);

  /** The lower-case name used on the command line and in result files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
