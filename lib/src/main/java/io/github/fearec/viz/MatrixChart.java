package io.github.fearec.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A matrix as a heat map, drawn the way a matrix is written: row 0 at the top, column 0 at the
 * left. An attention matrix {@code a[t][s]} (output position t, input position s) then reads like
 * its formula: a causal one, which is lower-triangular (s ≤ t), fills the lower-left triangle
 * below the diagonal from the top-left corner.
 *
 * <p>Only every k-th row and column is labelled, k the first of 1, 2, 5, 10, 20, 50, … that leaves
 * at most {@link #MAX_LABELS} labels per axis, always including 0, so that labels never run
 * together; the other ticks stay unlabelled in place, so each label sits under its own cell.
 * Colours run from white at {@code min} to blue at {@code max}; values outside are clipped.
 */
public final class MatrixChart {

  /** At most this many labels per axis. */
  public static final int MAX_LABELS = 10;

  private static final Color LOW = Color.WHITE;
  private static final Color HIGH = ChartStyle.PALETTE[0];

  private MatrixChart() {}

  /**
   * @param m the matrix, {@code m[row][column]}, rectangular and not empty
   * @param xTitle the title of the columns (across)
   * @param yTitle the title of the rows (down, row 0 at the top)
   */
  public static HeatMapChart create(
      String title, String xTitle, String yTitle, double[][] m, double min, double max) {
    if (m.length == 0 || m[0].length == 0) {
      throw new IllegalArgumentException("a matrix chart needs at least one row and one column");
    }
    int rows = m.length;
    int columns = m[0].length;
    for (double[] row : m) {
      if (row.length != columns) {
        throw new IllegalArgumentException(
            "rows of different lengths (" + columns + " and " + row.length + ")");
      }
    }
    if (!(max > min)) {
      throw new IllegalArgumentException("max must be above min, got " + min + " and " + max);
    }
    int side = 560;
    HeatMapChart chart =
        ChartStyle.apply(
            new HeatMapChartBuilder()
                .width(side + 120)
                .height(side)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setRangeColors(new Color[] {LOW, HIGH});
    chart.getStyler().setMin(min);
    chart.getStyler().setMax(max);
    chart.getStyler().setShowValue(false);
    chart.getStyler().setDrawBorder(false);
    chart.getStyler().setPlotGridLinesVisible(false);

    // Heat maps put their first y category at the bottom: rows go in reversed, so row 0 is on top.
    List<String> rowLabels = labels(rows);
    java.util.Collections.reverse(rowLabels);
    List<Number[]> cells = new ArrayList<>(rows * columns);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double v = Math.max(min, Math.min(max, m[r][c]));
        cells.add(new Number[] {c, rows - 1 - r, v});
      }
    }
    chart.addSeries("weight", labels(columns), rowLabels, cells);
    return chart;
  }

  /** Attention weights: 0 to 1. */
  public static HeatMapChart create(String title, String xTitle, String yTitle, double[][] m) {
    return create(title, xTitle, yTitle, m, 0, 1);
  }

  /** The labels of indices 0..n-1: the index where it is a multiple of {@link #step(int)}, else a blank. */
  static List<String> labels(int n) {
    int step = step(n);
    List<String> labels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // A blank, not "": XChart cannot lay out an empty label.
      labels.add(i % step == 0 ? String.valueOf(i) : " ");
    }
    return labels;
  }

  /** The first of 1, 2, 5, 10, 20, 50, … that labels at most MAX_LABELS of n indices. */
  static int step(int n) {
    for (int scale = 1; ; scale *= 10) {
      for (int k : new int[] {1, 2, 5}) {
        int step = k * scale;
        if ((n + step - 1) / step <= MAX_LABELS) {
          return step;
        }
      }
    }
  }
}
