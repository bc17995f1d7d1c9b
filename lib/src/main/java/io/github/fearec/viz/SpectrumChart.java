package io.github.fearec.viz;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Energy per frequency bin, |X[f]|² for f = 0..N/2, of one or more signals: the picture behind
 * "self-attention is a low-pass filter" and behind the frequency ramp.
 *
 * <p>Spectra are drawn as lines with a dot per bin rather than as bars, because the chapters
 * compare several spectra (before and after each layer) on one plot and grouped bars of 26 bins
 * times several signals are unreadable. Signals of different size are compared through their
 * {@link #shares share} of the total energy, and a logarithmic axis shows the high-frequency bins
 * whose energy is orders of magnitude below the constant (DC) bin.
 */
public final class SpectrumChart {

  private SpectrumChart() {}

  /**
   * @param title the chart title
   * @param yTitle what the values are, e.g. "energy |X[f]|²" or "share of energy"
   * @param logY a logarithmic y axis; bins with zero energy are then left out
   * @param spectra one series per signal, x = bin index
   */
  public static XYChart create(String title, String yTitle, boolean logY, Series... spectra) {
    return create(title, yTitle, logY, List.of(spectra));
  }

  /** As above, with the spectra in a list (e.g. one per layer, built in a loop). */
  public static XYChart create(String title, String yTitle, boolean logY, List<Series> spectra) {
    if (spectra.isEmpty()) {
      throw new IllegalArgumentException("a spectrum chart needs at least one spectrum");
    }
    XYChart chart =
        ChartStyle.xyChart(title, "frequency bin f (0 = constant, N/2 = fastest)", yTitle);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendVisible(spectra.size() > 1);
    // Spectra fill the plot corner to corner (low bins high, high bins anywhere), so the legend
    // goes below the plot rather than over the data.
    LegendPlacement.apply(chart.getStyler(), Styler.LegendPosition.OutsideS);
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setXAxisDecimalPattern("0");
    for (Series s : spectra) {
      Series shown = logY ? s.positivePart(false) : s;
      if (shown == null) {
        continue;
      }
      XYSeries line = chart.addSeries(shown.name(), shown.xValues(), shown.yValues());
      line.setLineWidth(1.5f);
      line.setMarker(SeriesMarkers.CIRCLE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no spectrum has a positive value for the log axis");
    }
    return chart;
  }

  /**
   * Each bin's share of the total energy (the values sum to 1), so that spectra of signals with
   * different norms can share an axis. An all-zero spectrum stays all zero.
   */
  public static double[] shares(double[] energy) {
    double total = 0;
    for (double e : energy) {
      total += e;
    }
    double[] out = new double[energy.length];
    if (total > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = energy[i] / total;
      }
    }
    return out;
  }

  /** {@link #shares(double[])} for float data such as {@code NDArray.toFloatArray()}. */
  public static double[] shares(float[] energy) {
    return shares(Series.toDouble(energy));
  }
}
