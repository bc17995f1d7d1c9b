package io.github.fearec.course;

import java.util.Objects;

/**
 * The comparisons checks use. Floating-point answers are compared with a tolerance that is
 * absolute for values up to 1 in magnitude and relative above ({@code |e − a| ≤ tol·max(1, |e|)}),
 * because a student's sum in another order, or in double where the library computes in float32,
 * differs from the reference in the last digits without being wrong.
 */
public final class Comparisons {

  private Comparisons() {}

  /** Exact equality by {@code equals} (ints, strings, records such as {@code FrequencyBand}). */
  public static <T> Comparison<T> equal() {
    return (expected, actual) ->
        Objects.equals(expected, actual)
            ? null
            : "expected " + Values.describe(expected) + ", got " + Values.describe(actual);
  }

  /** One number within {@code tolerance} (see the class comment). */
  public static Comparison<Double> closeTo(double tolerance) {
    requirePositive(tolerance);
    return (expected, actual) -> {
      if (actual == null) {
        return "expected " + Values.describe(expected) + ", got null";
      }
      return close(expected, actual, tolerance)
          ? null
          : "expected " + Values.describe(expected) + ", got " + Values.describe(actual)
              + " (tolerance " + tolerance + ")";
    };
  }

  /** Arrays of the same length whose entries all lie within {@code tolerance}. */
  public static Comparison<double[]> doubles(double tolerance) {
    requirePositive(tolerance);
    return (expected, actual) -> {
      String shape = lengthMismatch(expected.length, actual == null ? -1 : actual.length);
      if (shape != null) {
        return shape;
      }
      for (int i = 0; i < expected.length; i++) {
        if (!close(expected[i], actual[i], tolerance)) {
          return "differs at index " + i + ": expected " + Values.describe(expected[i]) + ", got "
              + Values.describe(actual[i]) + " (tolerance " + tolerance + ")";
        }
      }
      return null;
    };
  }

  /** Matrices (arrays of rows) of the same shape whose entries all lie within {@code tolerance}. */
  public static Comparison<double[][]> doubleRows(double tolerance) {
    return rows(doubles(tolerance));
  }

  /** Arrays of the same length with equal entries. */
  public static Comparison<int[]> ints() {
    return (expected, actual) -> {
      String shape = lengthMismatch(expected.length, actual == null ? -1 : actual.length);
      if (shape != null) {
        return shape;
      }
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] != actual[i]) {
          return "differs at index " + i + ": expected " + expected[i] + ", got " + actual[i];
        }
      }
      return null;
    };
  }

  /** Matrices of ints (arrays of rows) of the same shape with equal entries. */
  public static Comparison<int[][]> intRows() {
    return rows(ints());
  }

  /** As many rows as expected, each compared by {@code row}; names the first row that differs. */
  private static <R> Comparison<R[]> rows(Comparison<R> row) {
    return (expected, actual) -> {
      if (actual == null) {
        return "expected " + expected.length + " rows, got null";
      }
      if (actual.length != expected.length) {
        return "expected " + expected.length + " rows, got " + actual.length;
      }
      for (int r = 0; r < expected.length; r++) {
        String mismatch = row.mismatch(expected[r], actual[r]);
        if (mismatch != null) {
          return "row " + r + ": " + mismatch;
        }
      }
      return null;
    };
  }

  private static String lengthMismatch(int expected, int actual) {
    if (actual < 0) {
      return "expected an array of length " + expected + ", got null";
    }
    return actual == expected
        ? null
        : "expected an array of length " + expected + ", got one of length " + actual;
  }

  private static boolean close(double expected, double actual, double tolerance) {
    // NaN never matches, not even a NaN reference: a check whose reference gives NaN is a bug.
    return Math.abs(expected - actual) <= tolerance * Math.max(1, Math.abs(expected));
  }

  private static void requirePositive(double tolerance) {
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("a tolerance must be > 0, got " + tolerance);
    }
  }
}
