package io.github.fearec.viz;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot with both axes logarithmic: how item popularity (count) falls with popularity
 * rank. A power law count ∝ rank^(−s) is a straight line of slope −s on these axes, which is why
 * the long tail of recommendation data is shown this way.
 *
 * <p>Points with a coordinate ≤ 0 have no place on a log axis and are left out.
 */
public final class LogLogChart {

  private LogLogChart() {}

  public static XYChart create(String title, String xTitle, String yTitle, Series... series) {
    if (series.length == 0) {
      throw new IllegalArgumentException("a log-log chart needs at least one series");
    }
    XYChart chart =
        ChartStyle.xyChart(title, xTitle, yTitle);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setLegendVisible(series.length > 1);
    for (Series s : List.of(series)) {
      Series shown = s.positivePart(true);
      if (shown != null) {
        chart.addSeries(shown.name(), shown.xValues(), shown.yValues())
            .setMarker(SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no series has a point with positive coordinates");
    }
    return chart;
  }
}
