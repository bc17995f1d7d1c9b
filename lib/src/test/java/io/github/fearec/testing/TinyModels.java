package io.github.fearec.testing;

import io.github.fearec.nn.ModelConfig;
import java.util.Map;

/** The smallest architecture the model tests build: N = 8, d = 8, h = 2, inner 16. */
public final class TinyModels {

  /** The paper's settings otherwise (dropout 0.5, γ = 0.6, α = 0.1, k = ⌊ln 8⌋ = 2). */
  public static final ModelConfig CONFIG =
      ModelConfig.defaults().with(Map.of(
              "max_length", 8,
              "hidden_size", 8,
              "num_heads", 2,
              "inner_size", 16));

  private TinyModels() {}
}
