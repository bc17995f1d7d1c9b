package io.github.fearec.course;

/**
 * Decides whether a student's answer matches the reference's, and if not, says how they differ.
 * {@link Comparisons} has the usual ones (exact equality, numbers and arrays within a tolerance).
 *
 * @param <T> the type of the answers
 */
@FunctionalInterface
public interface Comparison<T> {

  /**
   * @param expected the reference's answer (never null)
   * @param actual the student's answer (may be null)
   * @return null when they match, otherwise a short reason a student can act on, e.g. "differs
   *     at index 3 (expected 0.5, got 0.25)"
   */
  String mismatch(T expected, T actual);
}
