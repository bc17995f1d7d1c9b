package io.github.fearec.data;

import java.util.Objects;

/**
 * The next-item training samples of a split (docs/model.md §1): every proper prefix of each user's
 * training part, labelled with the item that follows it. A user with training items {@code i1..in}
 * yields the n-1 samples {@code (i1 -> i2), (i1 i2 -> i3), ..., (i1..i(n-1) -> in)}, in that order,
 * users in index order.
 *
 * <p>A sample is stored as two ints, its user and the position of its target in the user's sequence
 * (which is also the length of its input), instead of as a copied prefix: Beauty's 131,413 samples
 * then take about 1 MB instead of the tens of MB that materialised prefixes would.
 */
public final class TrainingSamples {

  private final LeaveOneOutSplit split;
  private final int[] users;
  private final int[] targetPositions;

  /** The prefix samples of every user's training part (the default of training). */
  public TrainingSamples(LeaveOneOutSplit split) {
    this(split, 1);
  }

  /**
   * One sample per user: the user's whole training part but its last item as input, that item as
   * target. SASRec's original objective trains on these, predicting the next item at every input
   * position ({@link BatchFactory#nextItems}). Users with a single training item have no sample.
   */
  public static TrainingSamples wholeSequences(LeaveOneOutSplit split) {
    return new TrainingSamples(split, Integer.MAX_VALUE);
  }

  /**
   * @param firstTarget the smallest target position kept; positions below it are dropped, except
   *     that the user's last training position is always kept
   */
  private TrainingSamples(LeaveOneOutSplit split, int firstTarget) {
    this.split = Objects.requireNonNull(split, "split");
    int total = 0;
    for (int u = 0; u < split.numUsers(); u++) {
      total += Math.max(0, split.trainLength(u) - first(split, u, firstTarget));
    }
    this.users = new int[total];
    this.targetPositions = new int[total];
    int sample = 0;
    for (int u = 0; u < split.numUsers(); u++) {
      for (int pos = first(split, u, firstTarget); pos < split.trainLength(u); pos++) {
        users[sample] = u;
        targetPositions[sample] = pos;
        sample++;
      }
    }
  }

  private static int first(LeaveOneOutSplit split, int user, int firstTarget) {
    return Math.max(1, Math.min(firstTarget, split.trainLength(user) - 1));
  }

  public LeaveOneOutSplit split() {
    return split;
  }

  public int size() {
    return users.length;
  }

  /** The user index the sample comes from. */
  public int user(int sample) {
    return users[sample];
  }

  /** Number of input items, i.e. the position of the target in the user's sequence. */
  public int inputLength(int sample) {
    return targetPositions[sample];
  }

  /** The item to predict. */
  public int target(int sample) {
    return split.dataset().item(users[sample], targetPositions[sample]);
  }
}
