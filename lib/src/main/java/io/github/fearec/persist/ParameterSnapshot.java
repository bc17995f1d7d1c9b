package io.github.fearec.persist;

import ai.djl.ndarray.NDArray;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.Assignment;
import java.util.List;

/** Host copies of a model's weights: how the best epoch is kept while training goes on. */
public final class ParameterSnapshot {

  private final float[][] values;

  private ParameterSnapshot(float[][] values) {
    this.values = values;
  }

  /** A snapshot of values read back from a checkpoint. */
  static ParameterSnapshot of(float[][] values) {
    return new ParameterSnapshot(values);
  }

  /** The copied values, one array per parameter (not copied again: do not modify). */
  float[][] values() {
    return values;
  }

  public static ParameterSnapshot of(NextItemModel model) {
    List<NDArray> arrays = model.parameterArrays();
    float[][] values = new float[arrays.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = arrays.get(i).toFloatArray();
    }
    return new ParameterSnapshot(values);
  }

  /**
   * Writes the copied weights back into {@code model}, which must have the same structure: a
   * mismatch is a bug, since checkpoints are checked when they are loaded.
   */
  public void restore(NextItemModel model) {
    List<NDArray> arrays = model.parameterArrays();
    if (arrays.size() != values.length) {
      throw new IllegalArgumentException(
          "saved weights have " + values.length + " parameters, the model " + arrays.size());
    }
    for (int i = 0; i < values.length; i++) {
      if (arrays.get(i).size() != values[i].length) {
        throw new IllegalArgumentException(
            "saved parameter " + i + " has " + values[i].length + " values, the model's "
                + arrays.get(i).getShape());
      }
      Assignment.assign(arrays.get(i), values[i]);
    }
  }
}
