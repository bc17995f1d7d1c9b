package io.github.fearec.viz;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.Histogram;

/**
 * How many values fall into each of a number of equal-width bins: e.g. the distribution of
 * sequence lengths in a dataset.
 *
 * <p>The bins span the data's own minimum to maximum, so no value is lost at the edges. Each bar is
 * labelled with the centre of its bin; with many bins only every few labels are printed, which
 * keeps the axis readable.
 *
 * <p>Integer data (lengths, counts) gets bins whose edges lie half-way between integers, from
 * min − ½ to max + ½: with {@code numBins = max − min + 1} every bar then holds exactly one value
 * and is labelled with it, instead of bins that straddle integers unevenly.
 */
public final class HistogramChart {

  private HistogramChart() {}

  /**
   * @param values the data (at least one value)
   * @param numBins the number of bins (at least 1)
   */
  public static CategoryChart create(String title, String xTitle, double[] values, int numBins) {
    return create(title, xTitle, values, numBins, 0);
  }

  /** As above, for integer data such as sequence lengths (bin edges at half-integers). */
  public static CategoryChart create(String title, String xTitle, int[] values, int numBins) {
    double[] data = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = values[i];
    }
    return create(title, xTitle, data, numBins, 0.5);
  }

  /** @param margin how far the outer bin edges lie beyond the data's minimum and maximum */
  private static CategoryChart create(
      String title, String xTitle, double[] values, int numBins, double margin) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a histogram needs at least one value");
    }
    if (numBins < 1) {
      throw new IllegalArgumentException("a histogram needs at least one bin, got " + numBins);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Double> data = new ArrayList<>(values.length);
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("a histogram value is not finite: " + v);
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      data.add(v);
    }
    min -= margin;
    max += margin;
    if (max == min) {
      max = min + 1; // one bin holding everything
    }
    Histogram histogram = new Histogram(data, numBins, min, max);
    CategoryChart chart =
        ChartStyle.categoryChart(title, xTitle, "count");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAvailableSpaceFill(0.95);
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setXAxisMaxLabelCount(Math.min(numBins, 12));
    chart.addSeries("count", labels(histogram.getxAxisData()), histogram.getyAxisData());
    return chart;
  }

  /**
   * The bin centres as text. Given numbers, XChart places its own evenly spaced tick values
   * (such as 5.49) under the bars; text labels are printed as they are, so a bar of integer data
   * reads "5" and a fractional centre keeps two decimals.
   */
  static List<String> labels(List<Double> centres) {
    List<String> out = new ArrayList<>(centres.size());
    for (double c : centres) {
      out.add(
          c == Math.rint(c) && Math.abs(c) < 1e15
              ? Long.toString((long) c)
              : String.format(java.util.Locale.ROOT, "%.2f", c));
    }
    return out;
  }
}
