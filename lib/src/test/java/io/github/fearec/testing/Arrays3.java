package io.github.fearec.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Moves small (B, N, d) tensors between Java arrays and DJL for hand-computed expectations. */
public final class Arrays3 {

  private Arrays3() {}

  public static double[][][] random(int b, int n, int d, long seed) {
    Random r = new Random(seed);
    double[][][] x = new double[b][n][d];
    for (double[][] row : x) {
      for (double[] pos : row) {
        for (int c = 0; c < d; c++) {
          pos[c] = r.nextGaussian();
        }
      }
    }
    return x;
  }

  /**
   * One sequence of n steps and d channels that repeats every {@code period} steps, plus 5 %
   * noise: its auto-correlation peaks at the multiples of the period (docs/model.md §4).
   */
  public static double[][][] periodic(int n, int d, int period, long seed) {
    double[][][] x = random(1, n, d, seed);
    double[][][] periodic = new double[1][n][d];
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < d; c++) {
        periodic[0][t][c] = x[0][t % period][c] + 0.05 * x[0][t][c];
      }
    }
    return periodic;
  }

  public static NDArray toArray(NDManager manager, double[][][] x) {
    int b = x.length;
    int n = x[0].length;
    int d = x[0][0].length;
    float[] flat = new float[b * n * d];
    for (int i = 0; i < b; i++) {
      for (int t = 0; t < n; t++) {
        for (int c = 0; c < d; c++) {
          flat[(i * n + t) * d + c] = (float) x[i][t][c];
        }
      }
    }
    return manager.create(flat, new Shape(b, n, d));
  }

  /** The time series of one channel: x[b][·][c]. */
  public static double[] channel(double[][][] x, int b, int c) {
    double[] s = new double[x[b].length];
    for (int t = 0; t < s.length; t++) {
      s[t] = x[b][t][c];
    }
    return s;
  }

  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
