package io.github.fearec.testing;

import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.nn.ModelConfig;
import java.util.Map;

/**
 * The small architectures and data the tests build: {@link #CONFIG} for single blocks and models
 * (N = 8, d = 8, h = 2, inner 16), {@link #SMALL} and {@link #smallSplit()} for whole training
 * runs that finish in seconds.
 */
public final class TinyModels {

  /** The paper's settings otherwise (dropout 0.5, γ = 0.6, α = 0.1, k = ⌊ln 8⌋ = 2). */
  public static final ModelConfig CONFIG =
      ModelConfig.defaults().with(Map.of(
              "max_length", 8,
              "hidden_size", 8,
              "num_heads", 2,
              "inner_size", 16));

  /** A model for whole training runs: N = 12, d = 16, inner 32, the paper's settings otherwise. */
  public static final ModelConfig SMALL =
      ModelConfig.defaults().with(Map.of("max_length", 12, "hidden_size", 16, "inner_size", 32));

  private TinyModels() {}

  /** The leave-one-out split of a synthetic dataset of 120 users and 30 items (seeded: always the same). */
  public static LeaveOneOutSplit smallSplit() {
    return new LeaveOneOutSplit(
        SyntheticDataset.generate(SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_users", 120,
                "synthetic_items", 30)))
            .dataset());
  }
}
