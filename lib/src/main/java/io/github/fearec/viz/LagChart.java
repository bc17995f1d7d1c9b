package io.github.fearec.viz;

import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The auto-correlation score of every time lag τ = 0..N−1, the lags the attention picked, and
 * (when known) the true period: the one picture that shows whether FEARec's frequency-domain
 * attention "finds" a user's periodic behaviour.
 *
 * <p>Three layers, one per series: the score curve (a plain line); a large diamond on each selected
 * lag, so the choice stands out; a dashed vertical line at the planted period p. A periodic sequence also peaks at 2p, 3p, …, so a
 * selection at a multiple of p is a success too.
 */
public final class LagChart {

  private LagChart() {}

  /**
   * @param scores the score of each lag, index = τ
   * @param selected the lags chosen (e.g. the top-k), each in 0..scores.length-1; may be empty
   * @param period the true period to mark, or a value ≤ 0 for none
   */
  public static XYChart create(String title, double[] scores, int[] selected, int period) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("a lag chart needs at least one score");
    }
    XYChart chart =
        ChartStyle.xyChart(title, "lag τ", "auto-correlation score");
    chart.getStyler().setMarkerSize(10); // only the selected lags carry markers
    chart.getStyler().setXAxisDecimalPattern("0");
    Series curve = Series.of("score per lag", scores);
    XYSeries line = chart.addSeries(curve.name(), curve.xValues(), curve.yValues());
    line.setLineWidth(1.5f);
    line.setMarker(SeriesMarkers.NONE);

    if (selected.length > 0) {
      double[] x = new double[selected.length];
      double[] y = new double[selected.length];
      for (int i = 0; i < selected.length; i++) {
        int lag = selected[i];
        if (lag < 0 || lag >= scores.length) {
          throw new IllegalArgumentException(
              "selected lag " + lag + " outside 0.." + (scores.length - 1));
        }
        x[i] = lag;
        y[i] = scores[lag];
      }
      XYSeries picks =
          chart.addSeries("selected lags " + Arrays.toString(selected), x, y);
      picks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      picks.setMarker(SeriesMarkers.DIAMOND);
      picks.setMarkerColor(ChartStyle.color(1));
    }
    if (period > 0 && period < scores.length) {
      double lo = Arrays.stream(scores).min().getAsDouble();
      double hi = Arrays.stream(scores).max().getAsDouble();
      XYSeries mark =
          chart.addSeries("planted period p = " + period, new double[] {period, period},
              new double[] {lo, hi});
      mark.setMarker(SeriesMarkers.NONE);
      mark.setLineStyle(SeriesLines.DASH_DASH);
      mark.setLineColor(ChartStyle.color(2));
      mark.setLineWidth(2f);
    }
    chart.getStyler().setLegendVisible(chart.getSeriesMap().size() > 1);
    LegendPlacement.apply(
        chart.getStyler(), LegendPlacement.choose(java.util.List.of(curve), false, false));
    return chart;
  }

  /** As above for float scores, e.g. a row of {@code AutoCorrelationAttention.lagScores}. */
  public static XYChart create(String title, float[] scores, int[] selected, int period) {
    return create(title, Series.toDouble(scores), selected, period);
  }
}
