package io.github.fearec.train;

import io.github.fearec.data.LeaveOneOutSplit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sampled negatives of SASRec's original objective ({@link NextItemLoss#BCE}): for every
 * position that has a next item, one item drawn uniformly from those the user has no interaction
 * with in the training part, as Kang &amp; McAuley's code does. Rejection sampling: Beauty's users
 * have at most a few hundred of its 12,101 items, so a draw is almost always accepted at once.
 */
public final class NegativeSampler {

  private final int numItems;

  /** Each user's distinct training items, sorted, for binary search. */
  private final int[][] seen;

  public NegativeSampler(LeaveOneOutSplit split) {
    numItems = split.dataset().numItems();
    seen = new int[split.numUsers()][];
    for (int u = 0; u < seen.length; u++) {
      int length = Math.max(0, split.trainLength(u));
      int[] items = new int[length];
      for (int pos = 0; pos < length; pos++) {
        items[pos] = split.dataset().item(u, pos);
      }
      seen[u] = Arrays.stream(items).sorted().distinct().toArray();
      if (seen[u].length >= numItems) {
        throw new IllegalArgumentException(
            "user " + u + " has interacted with all " + numItems + " items: no negative to draw");
      }
    }
  }

  /**
   * @param users the user of each row
   * @param nextItems row-major, {@code users.length} rows: the positive of every position, 0 at
   *     padding
   * @return the same layout: a negative where {@code nextItems} has a positive, else 0
   */
  public int[] draw(int[] users, int[] nextItems, SplittableRandom random) {
    int width = nextItems.length / users.length;
    int[] negatives = new int[nextItems.length];
    for (int i = 0; i < nextItems.length; i++) {
      if (nextItems[i] != 0) {
        int[] exclude = seen[users[i / width]];
        int item;
        do {
          item = 1 + random.nextInt(numItems);
        } while (Arrays.binarySearch(exclude, item) >= 0);
        negatives[i] = item;
      }
    }
    return negatives;
  }
}
