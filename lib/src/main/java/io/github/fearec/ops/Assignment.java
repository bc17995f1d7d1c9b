package io.github.fearec.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Overwrites an array's values without DJL's in-place copy. {@code NDArray.set(float[])} runs under
 * libtorch's deprecated AutoNonVariableTypeMode, which prints a warning on stderr that
 * TORCH_CPP_LOG_LEVEL does not silence (docs/djl.md §8); restoring a checkpoint would print it on
 * every resume and at the end of every run.
 */
public final class Assignment {

  private static final NDIndex ALL = new NDIndex("...");

  private Assignment() {}

  /**
   * Copies {@code values} (as many as {@code target} holds, in its shape) into {@code target} by an
   * indexed assignment over all of it ({@code target[...] = values}), which libtorch runs as an
   * ordinary in-place copy. The array stays the same object with the same tensor, so gradient
   * recording and every reference to it (blocks, the optimiser) are untouched. The copy itself is
   * not recorded ({@link GradientRecording}): libtorch refuses an in-place copy into a parameter
   * while it records.
   */
  public static void assign(NDArray target, float[] values) {
    try (GradientRecording paused = GradientRecording.paused();
        NDArray fresh = target.getManager().create(values, target.getShape())) {
      target.set(ALL, fresh);
    }
  }
}
