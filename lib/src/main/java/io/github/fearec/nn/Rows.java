package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Picks one position per batch row, e.g. the last real item of each right-padded sequence. */
public final class Rows {

  private Rows() {}

  /**
   * @param x (B, …) with the positions along {@code axis}
   * @param rows (B) int64, the position to keep in each batch row
   * @return x with {@code axis} reduced to length 1: out[b, …, 0, …] = x[b, …, rows[b], …]
   */
  public static NDArray select(NDArray x, NDArray rows, int axis) {
    Shape shape = x.getShape();
    long[] single = shape.getShape();
    single[axis] = 1;
    long[] column = new long[single.length];
    Arrays.fill(column, 1);
    column[0] = shape.get(0);
    NDArray index = rows.reshape(new Shape(column)).broadcast(new Shape(single));
    return x.gather(index, axis);
  }
}
