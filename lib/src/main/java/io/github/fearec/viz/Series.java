package io.github.fearec.viz;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One named sequence of (x, y) points: a line, a spectrum, a group of bars.
 *
 * <p>The arrays are copied on the way in and out, so a series is a value that later changes to
 * the caller's arrays cannot alter. Notebook code mostly has y values only (a loss per epoch,
 * an energy per frequency bin); the factories without x use the positions 0, 1, 2, … which is
 * exactly the epoch index or the bin index in those cases.
 */
public final class Series {

  private final String name;
  private final double[] x;
  private final double[] y;

  private Series(String name, double[] x, double[] y) {
    this.name = Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': " + x.length + " x values but " + y.length + " y values");
    }
    if (y.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' has no points");
    }
    this.x = x.clone();
    this.y = y.clone();
  }

  /** Points (x[i], y[i]). */
  public static Series of(String name, double[] x, double[] y) {
    return new Series(name, x, y);
  }

  /** Points (i, y[i]) for i = 0..n-1. */
  public static Series of(String name, double[] y) {
    return new Series(name, positions(y.length, 0), y);
  }

  /** Points (i, y[i]) for i = 0..n-1, from float data such as {@code NDArray.toFloatArray()}. */
  public static Series of(String name, float[] y) {
    return of(name, toDouble(y));
  }

  /** Points (i, y[i]) for i = 0..n-1, from counts. */
  public static Series of(String name, int[] y) {
    double[] values = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      values[i] = y[i];
    }
    return of(name, values);
  }

  /** Points (i, y[i]) for i = 0..n-1, from a list such as one collected epoch by epoch. */
  public static Series of(String name, List<? extends Number> y) {
    double[] values = new double[y.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = y.get(i).doubleValue();
    }
    return of(name, values);
  }

  /** Points (first + i, y[i]): e.g. epochs counted from 1. */
  public static Series startingAt(String name, double first, double[] y) {
    return new Series(name, positions(y.length, first), y);
  }

  public String name() {
    return name;
  }

  public double[] x() {
    return x.clone();
  }

  public double[] y() {
    return y.clone();
  }

  public int size() {
    return y.length;
  }

  /**
   * The points a logarithmic axis can show: those with y &gt; 0 (and x &gt; 0 when {@code logX}).
   * A log axis has no place for 0 or negatives; dropping them keeps a chart honest where a small
   * substitute value would invent a point.
   *
   * @return this series when nothing is dropped, null when nothing is left
   */
  Series positivePart(boolean logX) {
    int kept = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 0 && (!logX || x[i] > 0)) {
        kept++;
      }
    }
    if (kept == y.length) {
      return this;
    }
    if (kept == 0) {
      return null;
    }
    double[] px = new double[kept];
    double[] py = new double[kept];
    int j = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 0 && (!logX || x[i] > 0)) {
        px[j] = x[i];
        py[j] = y[i];
        j++;
      }
    }
    return new Series(name, px, py);
  }

  /** Package-internal access without copying, for the chart builders. */
  double[] xValues() {
    return x;
  }

  double[] yValues() {
    return y;
  }

  static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double[] positions(int n, double first) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = first + i;
    }
    return x;
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + y.length + " points, y=" + Arrays.toString(y) + "]";
  }
}
