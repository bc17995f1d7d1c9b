package io.github.fearec.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders every chart kind off-screen (surefire runs with java.awt.headless=true, so passing here
 * also shows the package needs no display) and checks what was built and drawn.
 */
class ChartsTest {

  private static final double[] RISING = {0.01, 0.05, 0.08, 0.10, 0.11};
  private static final double[] FALLING = {6.2, 5.1, 4.4, 4.0, 3.9};

  @Test
  void lineChartHasOneSeriesPerInputAndDrawsThemInThePalette() {
    XYChart chart =
        LineChart.create(
            "NDCG@10", "epoch", "NDCG@10",
            Series.startingAt("SASRec", 1, RISING),
            Series.startingAt("FEARec", 1, FALLING));
    assertEquals(2, chart.getSeriesMap().size());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, chart.getSeriesMap().get("SASRec").getXData());
    BufferedImage image = Charts.image(chart);
    assertEquals(ChartStyle.WIDTH, image.getWidth());
    assertEquals(ChartStyle.HEIGHT, image.getHeight());
    assertTrue(Pixels.near(image, ChartStyle.color(0), 10) > 100, "the first series' colour is drawn");
    assertTrue(Pixels.near(image, ChartStyle.color(1), 10) > 100, "the second series' colour is drawn");
  }

  @Test
  void aSeriesAddsInkToTheImage() {
    // The same axes once with a flat line at the bottom and once with a tall zig-zag: the
    // zig-zag crosses the plot and must colour many more pixels in the series colour.
    XYChart flat = LineChart.create("t", "x", "y", Series.of("s", new double[] {0, 0, 0, 0, 1}));
    XYChart zigzag =
        LineChart.create(
            "t", "x", "y", Series.of("s", new double[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}));
    long flatInk = Pixels.near(Charts.image(flat), ChartStyle.color(0), 10);
    long zigzagInk = Pixels.near(Charts.image(zigzag), ChartStyle.color(0), 10);
    assertTrue(zigzagInk > 2 * flatInk, zigzagInk + " vs " + flatInk);
  }

  @Test
  void logarithmicLineChartLeavesOutNonPositivePoints() {
    XYChart chart =
        LineChart.create(
            "loss", "epoch", "loss", true,
            List.of(Series.of("a", new double[] {1, 0, 0.1}), Series.of("b", new double[] {0, 0})));
    assertEquals(1, chart.getSeriesMap().size(), "a series with no positive value is left out");
    assertArrayEquals(new double[] {0, 2}, chart.getSeriesMap().get("a").getXData());
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertTrue(Pixels.inked(Charts.image(chart)) > 2_000);
  }

  @Test
  void spectrumChartPlotsEveryBinAndSharesSumToOne() {
    double[] energy = {10, 4, 0, 1, 5};
    double[] shares = SpectrumChart.shares(energy);
    assertEquals(1.0, java.util.Arrays.stream(shares).sum(), 1e-12);
    assertEquals(0.5, shares[0], 1e-12);
    assertArrayEquals(new double[3], SpectrumChart.shares(new double[3]), "all zero stays zero");

    XYChart linear = SpectrumChart.create("s", "energy", false, Series.of("x", energy));
    assertEquals(5, linear.getSeriesMap().get("x").getXData().length);
    XYChart log =
        SpectrumChart.create("s", "share", true, Series.of("x", shares), Series.of("y", energy));
    assertEquals(2, log.getSeriesMap().size());
    assertEquals(4, log.getSeriesMap().get("x").getXData().length, "the empty bin is left out");
    assertTrue(Pixels.near(Charts.image(log), ChartStyle.color(0), 10) > 50);
  }

  @Test
  void barChartGroupsOneValuePerCategory() {
    CategoryChart chart =
        BarChart.create(
            "test", "metric", "value", List.of("HR@10", "NDCG@10"),
            Series.of("SASRec", new double[] {0.3, 0.2}),
            Series.of("FEARec", new double[] {0.32, 0.21}));
    assertEquals(2, chart.getSeriesMap().size());
    BufferedImage image = Charts.image(chart);
    assertTrue(Pixels.near(image, ChartStyle.color(0), 4) > 5_000, "solid bars in colour 0");
    assertTrue(Pixels.near(image, ChartStyle.color(1), 4) > 5_000, "solid bars in colour 1");
    assertThrows(
        IllegalArgumentException.class,
        () -> BarChart.create("t", "x", "y", List.of("a", "b"), Series.of("s", new double[] {1})));
  }

  @Test
  void histogramCountsEveryValueOnce() {
    int[] lengths = {5, 5, 6, 7, 7, 7, 20, 50};
    CategoryChart chart = HistogramChart.create("lengths", "length", lengths, 9);
    assertEquals(1, chart.getSeriesMap().size());
    double total = 0;
    int bins = 0;
    for (Number n : chart.getSeriesMap().get("count").getYData()) {
      total += n.doubleValue();
      bins++;
    }
    assertEquals(lengths.length, total, 1e-9, "no value lost at the edges");
    assertEquals(9, bins);
    assertTrue(Pixels.near(Charts.image(chart), ChartStyle.color(0), 4) > 1_000);
    // a constant sample still gives a chart
    assertNotNull(Charts.histogram("same", "x", new int[] {3, 3, 3}, 5));
  }

  @Test
  void integerHistogramGivesEachValueItsOwnBar() {
    int[] values = {5, 5, 6, 7, 7, 7};
    CategoryChart chart = HistogramChart.create("t", "x", values, 3); // 5, 6 and 7
    List<Object> labels = new java.util.ArrayList<>(chart.getSeriesMap().get("count").getXData());
    List<Double> counts = new java.util.ArrayList<>();
    chart.getSeriesMap().get("count").getYData().forEach(y -> counts.add(y.doubleValue()));
    assertEquals(List.of("5", "6", "7"), labels, "one bar per value, labelled with it");
    assertEquals(List.of(2.0, 1.0, 3.0), counts);
    assertEquals(List.of("0.25", "1"), HistogramChart.labels(List.of(0.25, 1.0)));
  }

  @Test
  void logLogChartIsLogarithmicOnBothAxesAndDropsZeros() {
    XYChart chart =
        LogLogChart.create(
            "popularity", "rank", "count",
            Series.of("items", new double[] {0, 1, 2, 3}, new double[] {9, 5, 0, 2}));
    assertTrue(chart.getStyler().isXAxisLogarithmic());
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    XYSeries s = chart.getSeriesMap().get("items");
    assertArrayEquals(new double[] {1, 3}, s.getXData());
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, chart.getStyler().getDefaultSeriesRenderStyle());
    assertTrue(Pixels.inked(Charts.image(chart)) > 2_000);
  }

  @Test
  void bandChartMarksExactlyTheKeptBinsWithRowZeroOnTop() {
    FrequencyRamp ramp = FrequencyRamp.of(50, 2, 0.6); // [10, 26) and [0, 16) of M = 26
    HeatMapChart chart = BandChart.of("ramp", ramp);
    assertEquals(1, chart.getSeriesMap().size());
    List<? extends Number[]> cells = chart.getHeatMapSeries().getHeatData();
    assertEquals(26 * 2, cells.size());
    List<?> rows = chart.getHeatMapSeries().getYData();
    int top = rows.size() - 1; // heat maps draw y index 0 at the bottom
    assertEquals("layer 0", rows.get(top));
    for (Number[] cell : cells) {
      int bin = cell[0].intValue();
      int layer = top - cell[1].intValue();
      boolean kept = cell[2].intValue() == 1;
      assertEquals(ramp.band(layer).contains(bin), kept, "layer " + layer + " bin " + bin);
    }
    BufferedImage image = Charts.image(chart);
    assertTrue(Pixels.near(image, ChartStyle.color(0), 4) > 5_000, "kept cells are filled");
    assertThrows(
        IllegalArgumentException.class,
        () -> BandChart.create("t", 5, List.of("a"), List.of()));
    HeatMapChart tall =
        BandChart.create(
            "many", 26, List.of("a", "b", "c", "d", "e", "f", "g", "h"),
            java.util.Collections.nCopies(8, new FrequencyBand(0, 5)));
    assertTrue(tall.getHeight() > chart.getHeight(), "more rows, taller chart");
  }

  @Test
  void lagChartShowsScoresPicksAndPeriod() {
    double[] scores = new double[20];
    for (int t = 0; t < scores.length; t++) {
      scores[t] = t % 4 == 0 ? 1 : 0.1;
    }
    XYChart chart = LagChart.create("lags", scores, new int[] {4, 8, 12}, 4);
    assertEquals(3, chart.getSeriesMap().size());
    XYSeries picks = chart.getSeriesMap().get("selected lags [4, 8, 12]");
    assertArrayEquals(new double[] {1, 1, 1}, picks.getYData());
    XYSeries period = chart.getSeriesMap().get("planted period p = 4");
    assertArrayEquals(new double[] {4, 4}, period.getXData());
    assertEquals(1, LagChart.create("lags", scores, new int[0], 0).getSeriesMap().size());
    assertThrows(
        IllegalArgumentException.class, () -> LagChart.create("bad", scores, new int[] {20}, 0));
    assertTrue(Pixels.inked(Charts.image(chart)) > 2_000);
  }

  @Test
  void saveWritesAPngThatImageIoReadsBack(@TempDir Path dir) throws Exception {
    Chart<?, ?> chart = LineChart.create("t", "x", "y", Series.of("s", RISING));
    Path file = dir.resolve("nested/deeper/chart-without-extension");
    assertEquals(file, Charts.save(chart, file));
    assertTrue(Files.isRegularFile(file), "written at exactly the given path");
    assertFalse(Files.exists(dir.resolve("nested/deeper/chart-without-extension.png")));
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
    BufferedImage back = ImageIO.read(file.toFile());
    assertNotNull(back);
    assertEquals(ChartStyle.WIDTH, back.getWidth());
    assertEquals(ChartStyle.HEIGHT, back.getHeight());
    assertTrue(Pixels.near(back, ChartStyle.color(0), 10) > 50);
  }

  @Test
  void shortcutsReturnImagesOfTheDefaultSize() {
    List<BufferedImage> images =
        List.of(
            Charts.lines("l", "x", "y", Series.of("s", RISING)),
            Charts.spectrum("s", "energy", true, Series.of("s", RISING)),
            Charts.bars("b", "x", "y", List.of("a"), Series.of("s", new double[] {1})),
            Charts.histogram("h", "x", RISING, 3),
            Charts.logLog("g", "x", "y", Series.of("s", new double[] {1, 2}, new double[] {3, 4})),
            Charts.lags("lag", new float[] {1f, 0.5f, 0.9f}, new int[] {2}, 2));
    for (BufferedImage image : images) {
      assertEquals(ChartStyle.WIDTH, image.getWidth());
      assertEquals(ChartStyle.HEIGHT, image.getHeight());
      assertTrue(Pixels.inked(image) > 1_000);
    }
    BufferedImage bands = Charts.bands("r", FrequencyRamp.of(20, 3, 0.5));
    assertEquals(ChartStyle.WIDTH, bands.getWidth());
  }

  @Test
  void matrixChartDrawsRowZeroAtTheTopAndLabelsAFewIndices() {
    int n = 20;
    double[][] lower = new double[n][n]; // causal: ones on and below the diagonal
    for (int t = 0; t < n; t++) {
      for (int s = 0; s <= t; s++) {
        lower[t][s] = 1;
      }
    }
    HeatMapChart chart = MatrixChart.create("causal", "input position s", "output position t", lower);
    BufferedImage image = Charts.image(chart);
    // Where the full-weight colour is: the lower-left triangle of the plot, none in its upper right.
    int[] box = inkBox(image, ChartStyle.color(0));
    long lowerLeft = 0;
    long upperRight = 0;
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        if (!near(image.getRGB(x, y), ChartStyle.color(0), 6)) {
          continue;
        }
        double u = (x - box[0]) / (double) (box[2] - box[0]);
        double v = (y - box[1]) / (double) (box[3] - box[1]); // 0 at the top
        if (v > u + 0.1) {
          lowerLeft++;
        } else if (u > v + 0.1) {
          upperRight++;
        }
      }
    }
    assertTrue(lowerLeft > 10_000, "the lower-left triangle is filled: " + lowerLeft);
    assertEquals(0, upperRight, "nothing above the diagonal");

    // Labels: 0, 2, ..., 18 on each axis (at most ten), blanks between, row 0 on top.
    List<?> columns = chart.getSeriesMap().get("weight").getXData();
    List<?> rows = chart.getSeriesMap().get("weight").getYData();
    assertEquals(n, columns.size());
    assertEquals(
        List.of("0", "2", "4", "6", "8", "10", "12", "14", "16", "18"),
        columns.stream().map(String::valueOf).filter(l -> !l.isBlank()).toList());
    assertEquals("0", String.valueOf(rows.get(n - 1)), "heat maps draw their last category on top");
    assertEquals(2, MatrixChart.step(20));
    assertEquals(5, MatrixChart.step(50));
    assertEquals(1, MatrixChart.step(10));
    assertEquals(20, MatrixChart.step(200));
    assertTrue(
        MatrixChart.labels(137).stream().filter(l -> !l.isBlank()).count() <= MatrixChart.MAX_LABELS);
    assertThrows(
        IllegalArgumentException.class,
        () -> MatrixChart.create("t", "x", "y", new double[][] {{1, 2}, {3}}));
  }

  /** The bounding box {xmin, ymin, xmax, ymax} of the pixels near {@code colour}, legend excluded. */
  private static int[] inkBox(BufferedImage image, java.awt.Color colour) {
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    // The colour legend sits at the right edge; the plot ends before the last 100 pixels.
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth() - 100; x++) {
        if (near(image.getRGB(x, y), colour, 6)) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  private static boolean near(int rgb, java.awt.Color colour, int tolerance) {
    java.awt.Color c = new java.awt.Color(rgb);
    return Math.abs(c.getRed() - colour.getRed()) <= tolerance
        && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
        && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance;
  }
}
