package io.github.fearec.viz;

import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Which frequency bins each layer keeps, as a grid: one row per layer (or per layer of several
 * ramps), one column per bin, a filled cell where the bin is kept. This is the frequency ramp of
 * FEARec at a glance: the first layer's band sits at the high frequencies and deeper layers slide
 * down towards bin 0.
 *
 * <p>The grid is an XChart heat map with two values (kept / dropped); its colour legend is hidden
 * because two colours need none. The first row is drawn at the top, matching the order in which
 * the rows are given.
 */
public final class BandChart {

  private static final Color KEPT = ChartStyle.PALETTE[0];
  private static final Color DROPPED = new Color(0xF2F2F2);

  private BandChart() {}

  /** The bands of every layer of {@code ramp}, rows "layer 0", "layer 1", …. */
  public static HeatMapChart of(String title, FrequencyRamp ramp) {
    List<String> rows = new ArrayList<>();
    for (int l = 0; l < ramp.numLayers(); l++) {
      rows.add("layer " + l);
    }
    return create(title, ramp.spectrumLength(), rows, ramp.bands());
  }

  /**
   * @param spectrumLength M, the number of bins (columns)
   * @param rowLabels one label per band, drawn top to bottom
   * @param bands the kept bins of each row
   */
  public static HeatMapChart create(
      String title, int spectrumLength, List<String> rowLabels, List<FrequencyBand> bands) {
    if (rowLabels.size() != bands.size() || bands.isEmpty()) {
      throw new IllegalArgumentException(
          rowLabels.size() + " row labels for " + bands.size() + " bands; expected as many, >= 1");
    }
    if (spectrumLength < 1) {
      throw new IllegalArgumentException("spectrum length must be >= 1, got " + spectrumLength);
    }
    int rows = bands.size();
    int height = Math.max(220, 110 + 34 * rows);
    HeatMapChart chart =
        ChartStyle.apply(
            new HeatMapChartBuilder()
                .width(ChartStyle.WIDTH)
                .height(height)
                .title(title)
                .xAxisTitle("frequency bin f")
                .yAxisTitle("")
                .build());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setRangeColors(new Color[] {DROPPED, KEPT});
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart.getStyler().setShowValue(false);
    chart.getStyler().setDrawBorder(true);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setXAxisMaxLabelCount(Math.min(spectrumLength, 14));

    List<Integer> bins = new ArrayList<>(spectrumLength);
    for (int f = 0; f < spectrumLength; f++) {
      bins.add(f);
    }
    // Heat maps put their first y category at the bottom; reverse so row 0 is on top.
    List<String> labels = new ArrayList<>(rowLabels);
    java.util.Collections.reverse(labels);
    List<Number[]> cells = new ArrayList<>(spectrumLength * rows);
    for (int r = 0; r < rows; r++) {
      FrequencyBand band = bands.get(r);
      int y = rows - 1 - r;
      for (int f = 0; f < spectrumLength; f++) {
        cells.add(new Number[] {f, y, band.contains(f) ? 1 : 0});
      }
    }
    chart.addSeries("kept bins", bins, labels, cells);
    return chart;
  }
}
