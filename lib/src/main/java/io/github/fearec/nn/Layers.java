package io.github.fearec.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/** Factories for the standard layers every block of this package builds the same way. */
final class Layers {

  private Layers() {}

  /** LayerNorm over the hidden axis of (B, N, d) with the configured epsilon. */
  static LayerNorm layerNorm(ModelConfig config) {
    return LayerNorm.builder().axis(2).optEpsilon((float) config.layerNormEps()).build();
  }

  /** A dense layer with bias, acting on the last axis. */
  static Linear dense(int units) {
    return Linear.builder().setUnits(units).optBias(true).build();
  }

  /** The shape blocks are initialised with: one position of one sequence, (1, 1, width). */
  static Shape hiddenShape(int width) {
    return new Shape(1, 1, width);
  }
}
