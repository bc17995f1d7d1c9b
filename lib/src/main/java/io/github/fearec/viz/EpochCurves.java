package io.github.fearec.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a column of a training run's {@code epochs.csv} (one row per epoch, first column {@code
 * epoch}) as a {@link Series} against the epoch number: the validation curves of docs/results.md
 * and chapter 6, and of any run a user trains.
 */
public final class EpochCurves {

  private EpochCurves() {}

  /**
   * @param name the series name (the legend entry)
   * @param csv an epochs.csv file, or a run directory holding one
   * @param column a column of its header, e.g. {@code valid_NDCG@10} or {@code cross_entropy}
   * @throws IllegalArgumentException naming the file (and line) when the file cannot be read, has
   *     no such column or holds a value that is not a number
   */
  public static Series read(String name, Path csv, String column) {
    Path file = Files.isDirectory(csv) ? csv.resolve("epochs.csv") : csv;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(
          file + ": cannot be read (" + e.getMessage() + "); expected a run's epochs.csv");
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty; expected a header and one row per epoch");
    }
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int epochAt = header.indexOf("epoch");
    int at = header.indexOf(column);
    if (epochAt < 0 || at < 0) {
      throw new IllegalArgumentException(
          file + ":1: no column '" + (epochAt < 0 ? "epoch" : column) + "'; the columns are "
              + header);
    }
    double[] x = new double[lines.size() - 1];
    double[] y = new double[x.length];
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      try {
        x[i - 1] = Double.parseDouble(fields[epochAt]);
        y[i - 1] = Double.parseDouble(fields[at]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected numbers in columns epoch and " + column + ", got '"
                + lines.get(i) + "'");
      }
    }
    return Series.of(name, x, y);
  }
}
