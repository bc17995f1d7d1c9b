package io.github.fearec.data;

import io.github.fearec.Numbers;

/**
 * The periods of the synthetic users' motifs: each user draws one uniformly from {@code
 * min..max}; {@code min == max} gives every user the same period, the case FEARec's batch-shared
 * lags are built for (docs/results.md §2). Written "5" or "2-7".
 *
 * @param min the shortest period, at least 1
 * @param max the longest period, at least {@code min}
 */
public record Periods(int min, int max) {

  private static final String EXPECTED =
      "a period P or a range MIN-MAX with 1 <= MIN <= MAX, e.g. 5 or 2-7";

  public Periods {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException(EXPECTED);
    }
  }

  /**
   * Parses "P" or "MIN-MAX".
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static Periods parse(String text) {
    String[] parts = text.trim().split("-", -1);
    if (parts.length == 1 || parts.length == 2) {
      try {
        return new Periods(
            Numbers.parseInt(parts[0].trim()), Numbers.parseInt(parts[parts.length - 1].trim()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(EXPECTED);
  }

  /** "P" or "MIN-MAX", as {@link #parse} reads it. */
  @Override
  public String toString() {
    return min == max ? String.valueOf(min) : min + "-" + max;
  }
}
