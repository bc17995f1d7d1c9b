package io.github.fearec.data;

import java.util.Arrays;

/**
 * Iterative k-core filtering: repeatedly removes every user and every item with fewer than k
 * interactions until none is left, as is standard for the sequential-recommendation benchmarks.
 *
 * <p>One pass is not enough: removing a sparse user lowers the counts of that user's items, which
 * may then fall below k and in turn shorten other users. The loop stops at the unique largest
 * sub-dataset in which every user and every item has at least k interactions, so the result does
 * not depend on the order of removals. Interactions are counted with repetition (a user who bought
 * an item twice contributes 2 to its count).
 */
final class KCoreFilter {

  /** The filtered data and what was removed. */
  record Result(RawSequences sequences, FilterReport report) {}

  private KCoreFilter() {}

  /**
   * @param k threshold; 0 or 1 returns the data unchanged
   */
  static Result apply(RawSequences raw, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0: " + k);
    }
    boolean[] keepUser = filled(raw.numUsers());
    boolean[] keepItem = filled(raw.numItemTokens());
    int[] userLength = new int[raw.numUsers()];
    int[] itemCount = new int[raw.numItemTokens()];
    boolean changed = true;
    while (changed) {
      count(raw, keepUser, keepItem, userLength, itemCount);
      changed = dropBelow(k, userLength, keepUser) | dropBelow(k, itemCount, keepItem);
    }
    boolean removed = !allTrue(keepUser) || !allTrue(keepItem);
    RawSequences kept = removed ? raw.restrictTo(keepUser, keepItem) : raw;
    int itemsLeft = 0;
    for (int i = 0; i < itemCount.length; i++) {
      itemsLeft += keepItem[i] && itemCount[i] > 0 ? 1 : 0;
    }
    FilterReport report =
        new FilterReport(
            k,
            raw.numUsers(),
            raw.numItemTokens(),
            raw.numInteractions(),
            raw.numUsers() - kept.numUsers(),
            raw.numItemTokens() - itemsLeft,
            raw.numInteractions() - kept.numInteractions());
    return new Result(kept, report);
  }

  private static boolean[] filled(int n) {
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    return all;
  }

  private static boolean allTrue(boolean[] flags) {
    for (boolean flag : flags) {
      if (!flag) {
        return false;
      }
    }
    return true;
  }

  /** Counts interactions per kept user and per kept item, among kept users and items only. */
  private static void count(
      RawSequences raw, boolean[] keepUser, boolean[] keepItem, int[] userLength, int[] itemCount) {
    Arrays.fill(userLength, 0);
    Arrays.fill(itemCount, 0);
    for (int u = 0; u < raw.numUsers(); u++) {
      if (!keepUser[u]) {
        continue;
      }
      for (int pos = 0; pos < raw.length(u); pos++) {
        int item = raw.itemIndex(u, pos);
        if (keepItem[item]) {
          userLength[u]++;
          itemCount[item]++;
        }
      }
    }
  }

  /** Unmarks every kept entry whose count is below k; returns whether any was unmarked. */
  private static boolean dropBelow(int k, int[] counts, boolean[] keep) {
    boolean dropped = false;
    for (int i = 0; i < counts.length; i++) {
      if (keep[i] && counts[i] < k) {
        keep[i] = false;
        dropped = true;
      }
    }
    return dropped;
  }
}
