package io.github.fearec.data;

import io.github.fearec.FearecException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The leave-one-out protocol of the FEARec paper (docs/model.md §1): for every user, the last item is
 * the test target, the one before it the validation target, and everything earlier the training
 * part.
 *
 * <p>The split is a view: it stores nothing but the dataset, because positions follow from the
 * sequence lengths. Every user must have at least {@link #MIN_USER_LENGTH} items so that each
 * evaluation input holds at least one item.
 */
public final class LeaveOneOutSplit {

  /** Fewest items a user may have: two are held out and at least one must remain as input. */
  public static final int MIN_USER_LENGTH = 3;

  private final SequenceDataset dataset;

  /**
   * @throws FearecException if a user has fewer than {@link #MIN_USER_LENGTH} items
   */
  public LeaveOneOutSplit(SequenceDataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    for (int u = 0; u < dataset.numUsers(); u++) {
      if (dataset.length(u) < MIN_USER_LENGTH) {
        throw new FearecException(
            "dataset "
                + dataset.name()
                + ": user index "
                + u
                + " has "
                + dataset.length(u)
                + " item(s); expected at least "
                + MIN_USER_LENGTH
                + " for leave-one-out");
      }
    }
  }

  public SequenceDataset dataset() {
    return dataset;
  }

  public int numUsers() {
    return dataset.numUsers();
  }

  /** Length of the training part: all but the last two items. */
  public int trainLength(int user) {
    return dataset.length(user) - 2;
  }

  public int validationTarget(int user) {
    return target(user, HeldOut.VALIDATION);
  }

  public int testTarget(int user) {
    return target(user, HeldOut.TEST);
  }

  /** The held-out item of {@code user} for the given phase. */
  public int target(int user, HeldOut phase) {
    return dataset.item(user, inputLength(user, phase));
  }

  /**
   * How many items precede the phase's target: the training length for validation, one more for
   * test. The evaluation input is the user's first {@code inputLength} items.
   */
  public int inputLength(int user, HeldOut phase) {
    return phase.targetPosition(dataset.length(user));
  }

  /**
   * All items the user interacted with before the phase's target, oldest first (a fresh array, not
   * truncated to a model's maximum length): what an "exclude history" evaluation removes from the
   * ranking.
   */
  public int[] history(int user, HeldOut phase) {
    return Arrays.copyOf(dataset.sequence(user), inputLength(user, phase));
  }
}
