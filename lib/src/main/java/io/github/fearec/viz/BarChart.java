package io.github.fearec.viz;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/**
 * Bars over named categories, grouped by series: e.g. NDCG@10 and HR@10 (categories) of several
 * models (series) in a final comparison.
 *
 * <p>Each series supplies one value per category in its y values (its x values are not used).
 * Categories are text, not numbers, so the bars are evenly spaced whatever their labels say.
 */
public final class BarChart {

  private BarChart() {}

  /**
   * @param categories the labels under the bar groups
   * @param groups one series per bar colour, each with {@code categories.size()} y values
   */
  public static CategoryChart create(
      String title, String xTitle, String yTitle, List<String> categories, Series... groups) {
    if (groups.length == 0) {
      throw new IllegalArgumentException("a bar chart needs at least one series");
    }
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("a bar chart needs at least one category");
    }
    CategoryChart chart =
        ChartStyle.categoryChart(title, xTitle, yTitle);
    chart.getStyler().setLegendVisible(groups.length > 1);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setYAxisDecimalPattern(LineChart.DECIMALS);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    for (Series g : groups) {
      double[] y = g.yValues();
      if (y.length != categories.size()) {
        throw new IllegalArgumentException(
            "series '" + g.name() + "' has " + y.length + " values for " + categories.size()
                + " categories");
      }
      List<Double> values = new ArrayList<>(y.length);
      for (double v : y) {
        values.add(v);
      }
      chart.addSeries(g.name(), new ArrayList<>(categories), values);
    }
    return chart;
  }
}
