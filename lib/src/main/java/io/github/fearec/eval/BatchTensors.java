package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A batch of right-padded sequences as device arrays: ids (B, N) int32, lengths (B) int64 and
 * targets (B) int64. Created on a step's manager, so they are freed with the step.
 *
 * <p>Scoring needs only the model's inputs: {@link #ids} and {@link #lengths} build those two
 * alone, without the targets, which only the training losses read.
 */
public record BatchTensors(NDArray ids, NDArray lengths, NDArray targets) {

  /** Copies of these arrays on {@code manager}, freed with it. */
  public BatchTensors copyTo(NDManager manager) {
    return new BatchTensors(copy(ids, manager), copy(lengths, manager), copy(targets, manager));
  }

  private static NDArray copy(NDArray a, NDManager manager) {
    NDArray c = a.duplicate();
    c.attach(manager);
    return c;
  }

  /**
   * @param items B·N item ids, row-major, each row right-padded with 0
   * @param lengths the number of real items in each row (1..N)
   * @param targets the item each row should predict
   */
  public static BatchTensors of(NDManager manager, int[] items, int[] lengths, int[] targets) {
    return new BatchTensors(
        ids(manager, items, lengths), lengths(manager, lengths), int64(manager, targets));
  }

  /**
   * @param items B·N item ids, row-major, each row right-padded with 0
   * @param lengths the number of real items in each row; its length is B
   * @return the ids as (B, N) int32
   */
  public static NDArray ids(NDManager manager, int[] items, int[] lengths) {
    int b = lengths.length;
    if (b == 0 || items.length % b != 0) {
      throw new IllegalArgumentException(
          items.length + " item ids do not split into " + b + " rows");
    }
    return manager.create(items, new Shape(b, items.length / b));
  }

  /** The number of real items in each row as (B) int64, the type the model indexes with. */
  public static NDArray lengths(NDManager manager, int[] lengths) {
    return int64(manager, lengths);
  }

  private static NDArray int64(NDManager manager, int[] values) {
    return manager.create(Arrays.stream(values).asLongStream().toArray());
  }
}
