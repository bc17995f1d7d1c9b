package io.github.fearec.train;

import io.github.fearec.config.Choice;
import io.github.fearec.nn.ModelConfig;
import java.util.Locale;

/**
 * Whether {@code us_x} training keeps the dropout view's activations for the backward pass or
 * recomputes them there (docs/benchmarks.md, "Where the memory of a step goes").
 *
 * <p>The InfoNCE term needs the dropout view z_aug and the semantic view z_sem together, so the
 * straightforward step holds two forward passes' activations at once. Recomputing runs z_aug
 * without keeping its activations, back-propagates the loss into z_sem's pass and into z_aug
 * itself, then replays z_aug's pass with the same dropout masks and back-propagates that gradient
 * through it: one pass's activations at a time, for one extra forward pass per step (measured
 * +25 % step time at N = 200, +41 % at N = 400). The gradients are the same either way, up to
 * float rounding.
 */
public enum ViewRecompute implements Choice {
  /** Recompute when one pass's causal-attention arrays get large ({@link #AUTO_FROM_BYTES}). */
  AUTO,
  /** Always keep both views' activations (the faster step). */
  NEVER,
  /** Always recompute the dropout view (the smaller step). */
  ALWAYS;

  /**
   * AUTO recomputes when one (B, h, N, N) float32 array of attention weights reaches 64 MiB, the
   * size from which those arrays dominate a pass: at the paper's batch of 256 and h = 2 that is
   * from N = 182 on. Measured on the project's machine (docs/benchmarks.md): at N = 200
   * recomputing brings FEARec's peak from 3.2 to 2.3 GB; at N = 50 the extra pass would cost
   * throughput for memory nobody lacks.
   */
  public static final long AUTO_FROM_BYTES = 64L << 20;

  /** Whether a batch of {@code batchSize} sequences of {@code model} recomputes its dropout view. */
  public boolean recomputes(ModelConfig model, long batchSize) {
    return switch (this) {
      case NEVER -> false;
      case ALWAYS -> true;
      case AUTO -> {
        long n = model.maxLength();
        yield batchSize * model.numHeads() * n * n * Float.BYTES >= AUTO_FROM_BYTES;
      }
    };
  }

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
