package io.github.fearec.data;

/**
 * One mini-batch of model inputs and targets, as plain int arrays ready to become tensors.
 *
 * <p>Row r of {@link #items()} (length {@link #maxLength()} N) holds the most recent at most N
 * input items of the row's sample, oldest first, at positions {@code 0..lengths()[r]-1}, followed
 * by padding zeros: the right-padded layout of docs/model.md §1, in which the model reads its output
 * at position {@code length-1}.
 *
 * <p>The accessors return the batch's own arrays without copying: a batch is built once and read
 * once, inside the training loop, where copies would be wasted work. Callers must treat them as
 * read-only. Instances are created by {@link BatchFactory}.
 */
public final class Batch {

  private final int maxLength;
  private final int[] items;
  private final int[] lengths;
  private final int[] targets;
  private final int[] users;

  /** Takes ownership of the arrays. */
  Batch(int maxLength, int[] items, int[] lengths, int[] targets, int[] users) {
    int size = lengths.length;
    if (items.length != size * maxLength || targets.length != size || users.length != size) {
      throw new IllegalArgumentException(
          "batch arrays do not match " + size + " rows of " + maxLength);
    }
    this.maxLength = maxLength;
    this.items = items;
    this.lengths = lengths;
    this.targets = targets;
    this.users = users;
  }

  /** Number of rows B. */
  public int size() {
    return lengths.length;
  }

  /** Row width N, the model's maximum sequence length. */
  public int maxLength() {
    return maxLength;
  }

  /** Input items, {@code size() * maxLength()} in row-major order, right-padded with 0. */
  public int[] items() {
    return items;
  }

  /** Number of real (non-padding) items in each row, between 1 and N. */
  public int[] lengths() {
    return lengths;
  }

  /** The item to predict for each row. */
  public int[] targets() {
    return targets;
  }

  /** The user index each row belongs to. */
  public int[] users() {
    return users;
  }
}
