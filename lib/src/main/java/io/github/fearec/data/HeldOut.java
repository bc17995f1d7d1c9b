package io.github.fearec.data;

/**
 * Which of the two items that leave-one-out holds out from each user an evaluation targets.
 *
 * <p>Both phases use the same rule, "input = everything before the target", and differ only in how
 * far from the end the target sits, so code that evaluates can be written once.
 */
public enum HeldOut {
  /** The second-to-last item; the input is the training part. Used for model selection. */
  VALIDATION(2),
  /** The last item; the input is the training part plus the validation item. */
  TEST(1);

  private final int fromEnd;

  HeldOut(int fromEnd) {
    this.fromEnd = fromEnd;
  }

  /** Position of the target in a sequence of the given length (= length of its input). */
  int targetPosition(int sequenceLength) {
    return sequenceLength - fromEnd;
  }
}
