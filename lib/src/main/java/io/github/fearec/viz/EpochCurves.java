package io.github.fearec.viz;

import io.github.fearec.Excerpt;
import io.github.fearec.Numbers;
import io.github.fearec.data.DataFormatException;
import io.github.fearec.data.TextLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a column of a training run's {@code epochs.csv} (one row per epoch, first column {@code
 * epoch}) as a {@link Series} against the epoch number: the validation curves of docs/results.md
 * and chapter 6, and of any run a user trains.
 *
 * <p>The file is read as the kit reads every text file ({@link TextLines}: a regular file, UTF-8,
 * bounded lines) and every value must be a finite decimal number ({@link Numbers}): a chart of
 * infinite values would be empty, and the charting library refuses them with its own exception.
 */
public final class EpochCurves {

  private EpochCurves() {}

  /**
   * @param name the series name (the legend entry)
   * @param csv an epochs.csv file, or a run directory holding one
   * @param column a column of its header, e.g. {@code valid_NDCG@10} or {@code cross_entropy}
   * @throws DataFormatException naming the file (and line) when the file cannot be read, has no
   *     such column, no rows, or a value that is not a finite number
   */
  public static Series read(String name, Path csv, String column) {
    Path file = Files.isDirectory(csv) ? csv.resolve("epochs.csv") : csv;
    if (!Files.exists(file)) {
      throw new DataFormatException(file, "no such file", "a run directory holding epochs.csv, or"
          + " an epochs.csv file");
    }
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    try (TextLines lines = TextLines.open(file)) {
      String first = lines.next();
      if (first == null) {
        throw new DataFormatException(file, "empty", "a header and one row per epoch");
      }
      List<String> header = Arrays.asList(first.split(",", -1));
      int epochAt = header.indexOf("epoch");
      int at = header.indexOf(column);
      if (epochAt < 0 || at < 0) {
        throw lines.error(
            "no column '" + Excerpt.of(epochAt < 0 ? "epoch" : column) + "'",
            "one of the columns " + Excerpt.of(String.join(", ", header)));
      }
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        x.add(number(fields, epochAt, "epoch", line, lines));
        y.add(number(fields, at, column, line, lines));
      }
    }
    if (x.isEmpty()) {
      throw new DataFormatException(file, "has a header but no rows", "one row per epoch");
    }
    return Series.of(name, unbox(x), unbox(y));
  }

  private static double number(
      String[] fields, int index, String column, String line, TextLines at) {
    try {
      double value = Numbers.parseDouble(fields[index].strip());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw at.error(
        "the " + Excerpt.of(column) + " value of '" + Excerpt.of(line) + "' is not a finite number",
        "numbers in columns epoch and " + Excerpt.of(column));
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
