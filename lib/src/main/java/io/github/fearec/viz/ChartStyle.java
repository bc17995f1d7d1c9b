package io.github.fearec.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look all kit charts share, so that figures in different chapters read alike.
 *
 * <p>Why these values: 720×420 pixels fits the text column of Jupyter and of a rendered HTML
 * page without scaling, so fonts keep their size; 13–16 pt sans-serif text stays readable in
 * that size (XChart's defaults are 10–12 pt, small on high-resolution screens). Colours follow
 * the Okabe–Ito palette, which stays distinguishable for the common forms of colour blindness;
 * the first colours go to the series a chapter compares most often.
 */
public final class ChartStyle {

  /** Default width in pixels. */
  public static final int WIDTH = 720;

  /** Default height in pixels. */
  public static final int HEIGHT = 420;

  /** Okabe–Ito colours, the yellow last because it is faint on white. */
  static final Color[] PALETTE = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermillion
    new Color(0x009E73), // bluish green
    new Color(0xCC79A7), // reddish purple
    new Color(0xE69F00), // orange
    new Color(0x56B4E9), // sky blue
    new Color(0x000000), // black
    new Color(0xF0E442), // yellow
  };

  private static final String FAMILY = Font.SANS_SERIF;

  private ChartStyle() {}

  /** An XY chart of the kit's size and style. */
  public static XYChart xyChart(String title, String xTitle, String yTitle) {
    return apply(
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build());
  }

  /** A category (bar) chart of the kit's size and style. */
  public static CategoryChart categoryChart(String title, String xTitle, String yTitle) {
    return apply(
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build());
  }

  /**
   * Applies the kit's fonts, colours and grid to {@code chart}.
   *
   * @return the same chart, for chaining
   */
  public static <C extends Chart<?, ?>> C apply(C chart) {
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(FAMILY, Font.BOLD, 16));
    s.setLegendFont(new Font(FAMILY, Font.PLAIN, 13));
    s.setLegendBorderColor(new Color(0xDDDDDD));
    // Heat maps accept only outside legends; every other chart keeps its legend in the plot.
    if (!(s instanceof HeatMapStyler)) {
      s.setLegendPosition(Styler.LegendPosition.InsideNE);
    }
    s.setSeriesColors(PALETTE);
    s.setAntiAlias(true);
    s.setChartPadding(12);
    s.setToolTipsEnabled(false);
    if (s instanceof AxesChartStyler a) {
      a.setAxisTitleFont(new Font(FAMILY, Font.PLAIN, 14));
      a.setAxisTickLabelsFont(new Font(FAMILY, Font.PLAIN, 13));
      a.setPlotGridLinesColor(new Color(0xE5E5E5));
      a.setPlotGridLinesStroke(new BasicStroke(1f));
      a.setAxisTickMarksColor(new Color(0x888888));
    }
    return chart;
  }

  /** The palette colour for the series at {@code index}, repeating after the last. */
  public static Color color(int index) {
    return PALETTE[Math.floorMod(index, PALETTE.length)];
  }
}
