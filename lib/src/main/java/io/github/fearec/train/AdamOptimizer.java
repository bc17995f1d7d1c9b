package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.fearec.ops.Assignment;
import io.github.fearec.ops.GradientRecording;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with PyTorch's update rule, the optimiser of the authors' code:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ),
 * v̂ = v/(1−β₂ᵗ); no weight decay.
 *
 * <p>It is written here rather than taken from DJL because its state (the step count and the
 * moments m, v) must be saved with each checkpoint and restored on resume, which DJL's optimiser
 * does not expose. The update runs with gradient recording paused (as PyTorch's {@code step} runs
 * under {@code no_grad}), on whichever thread calls it, so scaling by plain numbers is safe here;
 * the moments live in the model's manager and are freed with it.
 */
public final class AdamOptimizer {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final NDManager manager;
  private final List<NDArray> weights;
  private final double learningRate;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private long steps;

  /**
   * @param manager owns the parameters (a model's manager); the moments are created in it
   * @param weights the parameters to train
   */
  public AdamOptimizer(NDManager manager, List<NDArray> weights, double learningRate) {
    this.manager = manager;
    this.weights = List.copyOf(weights);
    this.learningRate = learningRate;
    for (NDArray w : this.weights) {
      means.add(w.zerosLike());
      variances.add(w.zerosLike());
    }
  }

  /** Updates every parameter from its gradient, then zeroes the gradients. */
  public void step() {
    steps++;
    double correction1 = 1 - Math.pow(BETA1, steps);
    double correction2 = 1 - Math.pow(BETA2, steps);
    try (GradientRecording paused = GradientRecording.paused();
        NDManager scope = manager.newSubManager()) {
      List<NDArray> adopted = new ArrayList<>(weights);
      adopted.addAll(means);
      adopted.addAll(variances);
      scope.tempAttachAll(adopted.toArray(new NDArray[0]));
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        NDArray g = w.getGradient();
        NDArray m = means.get(i).muli(BETA1).addi(g.mul(1 - BETA1));
        NDArray v = variances.get(i).muli(BETA2).addi(g.square().muli(1 - BETA2));
        NDArray denominator = v.sqrt().divi(Math.sqrt(correction2)).addi(EPSILON);
        w.subi(m.div(denominator).muli(learningRate / correction1));
        g.muli(0);
      }
    }
  }

  /** How many updates have run. */
  public long steps() {
    return steps;
  }

  /** Host copies of the moments, in parameter order: [m₀, v₀, m₁, v₁, ...]. */
  public float[][] moments() {
    float[][] out = new float[2 * means.size()][];
    for (int i = 0; i < means.size(); i++) {
      out[2 * i] = means.get(i).toFloatArray();
      out[2 * i + 1] = variances.get(i).toFloatArray();
    }
    return out;
  }

  /**
   * Restores a state saved with {@link #steps()} and {@link #moments()} for the same parameters (a
   * mismatch is a bug, since checkpoints are checked when they are loaded).
   */
  public void restore(long steps, float[][] moments) {
    if (moments.length != 2 * means.size()) {
      throw new IllegalArgumentException(
          "optimiser state has " + moments.length / 2 + " parameters, the model " + means.size());
    }
    for (int i = 0; i < means.size(); i++) {
      Assignment.assign(means.get(i), moments[2 * i]);
      Assignment.assign(variances.get(i), moments[2 * i + 1]);
    }
    this.steps = steps;
  }
}
