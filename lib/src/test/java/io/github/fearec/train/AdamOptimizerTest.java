package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.github.fearec.testing.ManagedTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest extends ManagedTest {

  /**
   * With a constant gradient g the bias-corrected moments are exactly m̂ = g and v̂ = g², so each
   * step moves w by lr·g/(|g| + ε).
   */
  @Test
  void aConstantGradientMovesEachWeightByTheLearningRate() {
    NDArray w = manager.create(new float[] {1f, -2f, 0.5f});
    w.setRequiresGradient(true);
    NDArray slope = manager.create(new float[] {3f, -0.5f, 1e-3f});
    double lr = 0.01;
    AdamOptimizer adam = new AdamOptimizer(manager, List.of(w), lr);
    for (int t = 0; t < 3; t++) {
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(w.mul(slope).sum()); // dL/dw = slope
      }
      adam.step();
    }
    float[] expected = new float[3];
    float[] w0 = {1f, -2f, 0.5f};
    float[] g = {3f, -0.5f, 1e-3f};
    for (int i = 0; i < 3; i++) {
      expected[i] = (float) (w0[i] - 3 * lr * g[i] / (Math.abs(g[i]) + 1e-8));
    }
    assertArrayEquals(expected, w.toFloatArray(), 1e-5f);
    assertEquals(3, adam.steps());
    for (float gradient : w.getGradient().toFloatArray()) {
      assertEquals(0.0, gradient, 0.0, "gradients zeroed");
    }
  }

  @Test
  void restoringTheStateContinuesExactly() {
    NDArray a = manager.create(new float[] {1f, 2f});
    NDArray b = manager.create(new float[] {1f, 2f});
    a.setRequiresGradient(true);
    b.setRequiresGradient(true);
    AdamOptimizer first = new AdamOptimizer(manager, List.of(a), 0.1);
    AdamOptimizer second = new AdamOptimizer(manager, List.of(b), 0.1);
    quadraticStep(a, first);
    second.restore(first.steps(), first.moments());
    b.set(a.toFloatArray());
    quadraticStep(a, first);
    quadraticStep(b, second);
    assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
  }

  private static void quadraticStep(NDArray w, AdamOptimizer adam) {
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      c.backward(w.mul(w).sum());
    }
    adam.step();
  }
}
