package io.github.fearec.viz;

import java.util.List;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Puts a line chart's legend where it hides the least data: the inside corner of the plot with the
 * fewest points near it, or below the plot, in one row, when every corner is crowded.
 *
 * <p>Why: a fixed corner fails in both directions the notebooks need — a falling loss curve leaves
 * the top-right corner empty, a rising NDCG curve fills it — and a legend over the data makes a
 * chart unreadable. Points are measured in the plot's own scale (each axis mapped to 0..1, log
 * axes in log scale); a corner counts the points within {@value #CORNER} of it on both axes. Below
 * rather than beside the plot, because a legend on the right narrows the x axis until XChart's
 * tick labels run into each other.
 */
final class LegendPlacement {

  /** The corner region's size, as a fraction of each axis. */
  static final double CORNER = 0.35;

  /** More than this fraction of points in the emptiest corner sends the legend below the plot. */
  static final double CROWDED = 0.04;

  private static final LegendPosition[] CORNERS = {
    LegendPosition.InsideNE, LegendPosition.InsideNW, LegendPosition.InsideSE, LegendPosition.InsideSW
  };

  private LegendPlacement() {}

  static LegendPosition choose(List<Series> series, boolean logX, boolean logY) {
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    int total = 0;
    for (Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        double x = scale(s.xValues()[i], logX);
        double y = scale(s.yValues()[i], logY);
        if (Double.isFinite(x) && Double.isFinite(y)) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          total++;
        }
      }
    }
    if (total == 0) {
      return LegendPosition.InsideNE;
    }
    int[] counts = new int[CORNERS.length];
    for (Series s : series) {
      for (int i = 0; i < s.size(); i++) {
        double x = unit(scale(s.xValues()[i], logX), minX, maxX);
        double y = unit(scale(s.yValues()[i], logY), minY, maxY);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          continue;
        }
        boolean right = x >= 1 - CORNER;
        boolean left = x <= CORNER;
        boolean top = y >= 1 - CORNER;
        boolean bottom = y <= CORNER;
        if (top && right) counts[0]++;
        if (top && left) counts[1]++;
        if (bottom && right) counts[2]++;
        if (bottom && left) counts[3]++;
      }
    }
    int best = 0;
    for (int c = 1; c < CORNERS.length; c++) {
      if (counts[c] < counts[best]) {
        best = c;
      }
    }
    return counts[best] > CROWDED * total ? LegendPosition.OutsideS : CORNERS[best];
  }

  /** Sets {@code position} on {@code styler}; a legend below the plot is laid out in one row. */
  static void apply(Styler styler, LegendPosition position) {
    styler.setLegendPosition(position);
    styler.setLegendLayout(
        position == LegendPosition.OutsideS ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
  }

  private static double scale(double v, boolean log) {
    return log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
  }

  private static double unit(double v, double min, double max) {
    return max > min ? (v - min) / (max - min) : 0.5;
  }
}
