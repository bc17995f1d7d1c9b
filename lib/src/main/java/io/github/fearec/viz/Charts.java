package io.github.fearec.viz;

import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import io.github.fearec.spectral.FrequencyRamp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The notebooks' entry point: turns a chart into an image for {@code display(...)} or a PNG file,
 * and offers one-call shortcuts for the chart kinds of this package.
 *
 * <p>Why images: the Java kernel shows a {@link BufferedImage} as a PNG inline, with no
 * JavaScript and no Swing window, so the same cell works in Jupyter, in a headless test run and
 * in an HTML export. A typical cell is
 *
 * <pre>{@code
 * { display(Charts.lines("Training loss", "epoch", "loss", Series.of("SASRec", losses))); }
 * }</pre>
 *
 * (the braces keep the id that {@code display} returns from being printed).
 */
public final class Charts {

  private Charts() {}

  /** Renders {@code chart} off-screen at its own size. */
  public static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Writes {@code chart} as a PNG file at exactly {@code file} (no extension is added), creating
   * missing parent directories.
   *
   * @return {@code file}
   */
  public static Path save(Chart<?, ?> chart, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      DurableFiles.replace(
          file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
      return file;
    } catch (IOException e) {
      throw OutputException.of(file, e, "a writable place for the PNG chart");
    }
  }

  /** {@link LineChart}: lines through each series' points. */
  public static BufferedImage lines(String title, String xTitle, String yTitle, Series... series) {
    return image(LineChart.create(title, xTitle, yTitle, series));
  }

  /** {@link SpectrumChart}: energy (or share of energy) per frequency bin. */
  public static BufferedImage spectrum(
      String title, String yTitle, boolean logY, Series... spectra) {
    return image(SpectrumChart.create(title, yTitle, logY, spectra));
  }

  /** {@link BarChart}: one value per category and series. */
  public static BufferedImage bars(
      String title, String xTitle, String yTitle, List<String> categories, Series... groups) {
    return image(BarChart.create(title, xTitle, yTitle, categories, groups));
  }

  /** {@link HistogramChart}: counts of values in equal-width bins. */
  public static BufferedImage histogram(String title, String xTitle, int[] values, int numBins) {
    return image(HistogramChart.create(title, xTitle, values, numBins));
  }

  /** {@link HistogramChart}: counts of values in equal-width bins. */
  public static BufferedImage histogram(String title, String xTitle, double[] values, int numBins) {
    return image(HistogramChart.create(title, xTitle, values, numBins));
  }

  /** {@link LogLogChart}: a scatter plot on logarithmic axes. */
  public static BufferedImage logLog(String title, String xTitle, String yTitle, Series... series) {
    return image(LogLogChart.create(title, xTitle, yTitle, series));
  }

  /** {@link BandChart}: the bins each layer of {@code ramp} keeps. */
  public static BufferedImage bands(String title, FrequencyRamp ramp) {
    return image(BandChart.of(title, ramp));
  }

  /**
   * {@link MatrixChart}: a matrix as a heat map, row 0 at the top, values 0 (white) to 1 (blue),
   * e.g. attention weights {@code a[t][s]}.
   */
  public static BufferedImage matrix(String title, String xTitle, String yTitle, double[][] m) {
    return image(MatrixChart.create(title, xTitle, yTitle, m));
  }

  /** {@link LagChart}: score per lag, the selected lags and the true period. */
  public static BufferedImage lags(String title, double[] scores, int[] selected, int period) {
    return image(LagChart.create(title, scores, selected, period));
  }

  /** {@link LagChart} for float scores. */
  public static BufferedImage lags(String title, float[] scores, int[] selected, int period) {
    return image(LagChart.create(title, scores, selected, period));
  }
}
