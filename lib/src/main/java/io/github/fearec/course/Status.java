package io.github.fearec.course;

/** The outcome of one exercise, as the grader's CSV spells it. */
public enum Status {
  /** Every input gave the reference's answer. */
  PASSED("passed"),
  /** Some inputs did, some did not. */
  PARTIAL("partial"),
  /** No input did. */
  FAILED("failed"),
  /** The stub is still in place: the student's code threw {@link NotAttempted}. */
  NOT_ATTEMPTED("not attempted");

  private final String label;

  Status(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
