package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import io.github.fearec.nn.RecommenderModel;
import java.util.List;

/** Host copies of a model's weights: how the best epoch is kept while training goes on. */
public final class ParameterSnapshot {

  private final float[][] values;

  private ParameterSnapshot(float[][] values) {
    this.values = values;
  }

  public static ParameterSnapshot of(RecommenderModel model) {
    List<NDArray> arrays = model.parameterArrays();
    float[][] values = new float[arrays.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = arrays.get(i).toFloatArray();
    }
    return new ParameterSnapshot(values);
  }

  /** Writes the copied weights back into {@code model} (which must have the same structure). */
  public void restore(RecommenderModel model) {
    List<NDArray> arrays = model.parameterArrays();
    if (arrays.size() != values.length) {
      throw new IllegalArgumentException(
          "snapshot has " + values.length + " parameters, model " + arrays.size());
    }
    for (int i = 0; i < values.length; i++) {
      arrays.get(i).set(values[i]);
    }
  }
}
