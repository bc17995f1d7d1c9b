package io.github.fearec.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws item ids {@code 1..n} with probability proportional to {@code id^-s}: a Zipf law in which
 * item 1 is the most popular, the usual shape of item popularity in recommendation data. Sampling
 * is a binary search in the cumulative weights, O(log n) per draw.
 */
final class ZipfSampler {

  /** {@code cumulative[k]}: total weight of items 1..k+1, normalised so the last entry is 1. */
  private final double[] cumulative;

  ZipfSampler(int n, double exponent) {
    cumulative = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      total += Math.pow(k + 1, -exponent);
      cumulative[k] = total;
    }
    for (int k = 0; k < n; k++) {
      cumulative[k] /= total;
    }
    cumulative[n - 1] = 1.0;
  }

  int next(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    // Item k owns [cumulative[k-2], cumulative[k-1]); an exact hit on a boundary belongs above it.
    return index >= 0 ? index + 2 : -index;
  }
}
