package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A batch of right-padded sequences as device arrays: ids (B, N) int32, lengths (B) int64 and
 * targets (B) int64. Created on a step's manager, so they are freed with the step.
 */
public record BatchTensors(NDArray ids, NDArray lengths, NDArray targets) {

  /**
   * @param items B·N item ids, row-major, each row right-padded with 0
   * @param lengths the number of real items in each row (1..N)
   * @param targets the item each row should predict
   */
  public static BatchTensors of(NDManager manager, int[] items, int[] lengths, int[] targets) {
    int b = lengths.length;
    if (b == 0 || items.length % b != 0) {
      throw new IllegalArgumentException(
          items.length + " item ids do not split into " + b + " rows");
    }
    int n = items.length / b;
    return new BatchTensors(
        manager.create(items, new Shape(b, n)),
        manager.create(Arrays.stream(lengths).asLongStream().toArray()),
        manager.create(Arrays.stream(targets).asLongStream().toArray()));
  }
}
