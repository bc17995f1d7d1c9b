package io.github.fearec.data;

import io.github.fearec.files.Checksums;
import java.util.Objects;

/**
 * An immutable set of chronologically ordered item sequences, one per user: the input of sequential
 * recommendation.
 *
 * <p>Users are indexed {@code 0..numUsers-1}. Items are ids {@code 1..numItems}; id 0 is reserved
 * for padding in model inputs and never occurs in a sequence. All sequences live in one flat array
 * with per-user offsets, which keeps a dataset of a few hundred thousand interactions in two arrays
 * instead of thousands of small ones and lets {@link #item(int, int)} serve hot loops without
 * copying.
 */
public final class SequenceDataset {

  private final String name;
  private final int numItems;

  /** {@code items[offsets[u] .. offsets[u+1]-1]} is user u's sequence. */
  private final int[] offsets;

  private final int[] items;
  private final int[] itemCounts;

  /**
   * Builds a dataset from per-user sequences (copied, so later changes to the arrays do not leak
   * in).
   *
   * @param name a short label used in reports, e.g. {@code "Beauty"}
   * @param numItems size of the item catalogue; every id must lie in {@code 1..numItems}, but an id
   *     need not occur (its count is then 0)
   * @param sequences one array per user, oldest item first
   * @throws IllegalArgumentException if an id lies outside {@code 1..numItems}
   */
  public SequenceDataset(String name, int numItems, int[][] sequences) {
    this.name = Objects.requireNonNull(name, "name");
    if (numItems < 0) {
      throw new IllegalArgumentException("numItems must be >= 0: " + numItems);
    }
    this.numItems = numItems;
    this.offsets = new int[sequences.length + 1];
    long total = 0;
    for (int u = 0; u < sequences.length; u++) {
      total += sequences[u].length;
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("more interactions than fit in one Java array");
      }
      offsets[u + 1] = (int) total;
    }
    this.items = new int[(int) total];
    this.itemCounts = new int[numItems + 1];
    for (int u = 0; u < sequences.length; u++) {
      int[] sequence = sequences[u];
      for (int pos = 0; pos < sequence.length; pos++) {
        int item = sequence[pos];
        if (item < 1 || item > numItems) {
          throw new IllegalArgumentException(
              "user " + u + " position " + pos + ": item id " + item + " outside 1.." + numItems);
        }
        itemCounts[item]++;
      }
      System.arraycopy(sequence, 0, items, offsets[u], sequence.length);
    }
  }

  /** The label given at construction, e.g. the file name without extension. */
  public String name() {
    return name;
  }

  public int numUsers() {
    return offsets.length - 1;
  }

  /** Catalogue size: valid item ids are {@code 1..numItems()}. */
  public int numItems() {
    return numItems;
  }

  /** Total sequence length over all users. */
  public long numInteractions() {
    return items.length;
  }

  /** A copy of user {@code user}'s sequence, oldest item first. */
  public int[] sequence(int user) {
    int start = offsets[Objects.checkIndex(user, numUsers())];
    int[] copy = new int[offsets[user + 1] - start];
    System.arraycopy(items, start, copy, 0, copy.length);
    return copy;
  }

  public int length(int user) {
    Objects.checkIndex(user, numUsers());
    return offsets[user + 1] - offsets[user];
  }

  /** Item at position {@code pos} (0 = oldest) of user {@code user}'s sequence, without copying. */
  public int item(int user, int pos) {
    return items[offsets[user] + Objects.checkIndex(pos, length(user))];
  }

  /** The longest sequence length, 0 for a dataset without users. */
  public int maxLength() {
    int max = 0;
    for (int u = 0; u < numUsers(); u++) {
      max = Math.max(max, offsets[u + 1] - offsets[u]);
    }
    return max;
  }

  /**
   * How often each item occurs, indexed by item id: a fresh array of length {@code numItems+1}
   * whose entry 0 (padding) is 0. The basis of popularity baselines and of k-core statistics.
   */
  public int[] itemCounts() {
    return itemCounts.clone();
  }

  /**
   * The SHA-256 of the catalogue size, the user offsets and the items, in hex: the same dataset
   * (after filtering and id mapping) gives the same fingerprint, any other dataset, even one with
   * the same counts, a different one. A run records it so that its weights are never scored or
   * resumed on other data.
   */
  public String fingerprint() {
    java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.allocate(4 * (1 + offsets.length + items.length));
    buffer.putInt(numItems);
    buffer.asIntBuffer().put(offsets);
    buffer.position(buffer.position() + 4 * offsets.length);
    buffer.asIntBuffer().put(items);
    return Checksums.sha256(buffer.array());
  }

  @Override
  public String toString() {
    return "SequenceDataset["
        + name
        + ": "
        + numUsers()
        + " users, "
        + numItems
        + " items, "
        + numInteractions()
        + " interactions]";
  }
}
