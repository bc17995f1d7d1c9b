package io.github.fearec.viz;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lines through (x, y) points, one per series: training curves (loss or NDCG@10 per epoch),
 * signals over time, spectra compared across layers.
 *
 * <p>Short series (at most {@value #MARKER_LIMIT} points, e.g. a few epochs) get a dot at every
 * point, so that a reader sees where the measurements are and does not read the straight segments
 * between them as data; longer ones are drawn as plain lines, where dots would only add clutter.
 * The legend goes to the emptiest corner of the plot ({@link LegendPlacement}).
 */
public final class LineChart {

  /** Series with at most this many points are drawn with markers. */
  public static final int MARKER_LIMIT = 40;

  /** Tick labels such as 0.05 and 12.5 (XChart's default prints ".05"). */
  static final String DECIMALS = "0.####";

  private LineChart() {}

  /**
   * @param title the chart title
   * @param xTitle the x-axis title
   * @param yTitle the y-axis title
   * @param series at least one series; their names become the legend (shown for two or more)
   */
  public static XYChart create(String title, String xTitle, String yTitle, Series... series) {
    return create(title, xTitle, yTitle, false, List.of(series));
  }

  /**
   * As {@link #create(String, String, String, Series...)}, with a choice of a logarithmic y axis,
   * for quantities spanning orders of magnitude (points with y ≤ 0 are then left out).
   */
  public static XYChart create(
      String title, String xTitle, String yTitle, boolean logY, List<Series> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a line chart needs at least one series");
    }
    XYChart chart =
        ChartStyle.xyChart(title, xTitle, yTitle);
    chart.getStyler().setYAxisLogarithmic(logY);
    if (!logY) {
      chart.getStyler().setYAxisDecimalPattern(DECIMALS);
    }
    chart.getStyler().setLegendVisible(series.size() > 1);
    LegendPlacement.apply(chart.getStyler(), LegendPlacement.choose(series, false, logY));
    chart.getStyler().setMarkerSize(6);
    for (Series s : series) {
      Series shown = logY ? s.positivePart(false) : s;
      if (shown == null) {
        continue; // nothing a log axis could show
      }
      XYSeries line = chart.addSeries(shown.name(), shown.xValues(), shown.yValues());
      line.setLineWidth(2f);
      line.setMarker(shown.size() <= MARKER_LIMIT ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no series has a positive value for the log axis");
    }
    return chart;
  }
}
