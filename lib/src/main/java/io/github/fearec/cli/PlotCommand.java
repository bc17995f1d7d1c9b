package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.files.OutputException;
import io.github.fearec.viz.Charts;
import io.github.fearec.viz.EpochCurves;
import io.github.fearec.viz.LineChart;
import io.github.fearec.viz.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Draws one column of several runs' epochs.csv as a PNG line chart.
 *
 * <p>Its inputs and output are checked as {@code train} checks its own, before anything is read
 * or drawn: the output must be a new {@code .png} file (an existing one is replaced only with
 * {@code --overwrite}; any other name, a run's {@code epochs.csv} say, never), every legend name
 * must be non-empty and different from the others, and every value finite. Each refusal is one
 * message.
 */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Draw a column of the epochs.csv of one or more runs as a PNG line chart, e.g.",
      "  fearec plot --output curves.png SASRec=runs/sasrec-Beauty FEARec=runs/fearec-Beauty"
    })
final class PlotCommand implements Runnable {

  @Parameters(arity = "1..*", paramLabel = "[NAME=]RUN",
      description = "a run directory or an epochs.csv file; NAME is its legend entry (default:"
          + " the directory's name)")
  List<String> runs;

  @Option(names = "--column", paramLabel = "COLUMN", defaultValue = "valid_NDCG@10",
      description = "the epochs.csv column to draw (default ${DEFAULT-VALUE})")
  String column;

  @Option(names = "--title", paramLabel = "TEXT", description = "the chart title")
  String title;

  @Option(names = "--output", required = true, paramLabel = "FILE.png",
      description = "where the chart is written: a new .png file")
  Path output;

  @Option(names = "--overwrite", description = "replace the file --output names if it exists")
  boolean overwrite;

  @Override
  public void run() {
    requireOutput();
    Map<String, Path> named = new LinkedHashMap<>();
    for (String run : runs) {
      Path path = path(run);
      String name = Files.exists(Path.of(run)) || run.indexOf('=') < 0 ? nameOf(path)
          : run.substring(0, run.indexOf('='));
      if (name.isBlank()) {
        throw new ConfigException("'" + Excerpt.of(run) + "': an empty legend name; expected"
            + " NAME=RUN with a name, or RUN alone (named after its directory)");
      }
      Path earlier = named.putIfAbsent(name, path);
      if (earlier != null && earlier.toAbsolutePath().normalize()
          .equals(path.toAbsolutePath().normalize())) {
        throw new ConfigException(path + " is given twice; expected each run once");
      }
      if (earlier != null) {
        throw new ConfigException("two runs are named '" + Excerpt.of(name) + "' (" + earlier
            + " and " + path + "); expected a different name for each: give them as NAME=RUN");
      }
    }
    List<Series> series = new ArrayList<>();
    named.forEach((name, path) -> series.add(EpochCurves.read(name, path, column)));
    Charts.save(
        LineChart.create(title != null ? title : column + " per epoch", "epoch", column, false,
            series),
        output);
    System.out.println("wrote " + output);
  }

  /**
   * The output is a .png file name (so no run file, config or CSV is ever written over), not a
   * directory, and new unless --overwrite was given; the directory it goes to can be made.
   */
  private void requireOutput() {
    String name = output.getFileName() == null ? "" : output.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".png") || name.length() == ".png".length()) {
      throw new OutputException(output + ": not a .png file name; expected --output FILE.png");
    }
    if (Files.isDirectory(output)) {
      throw new OutputException(output + ": is a directory; expected --output FILE.png");
    }
    if (Files.exists(output) && !overwrite) {
      throw new OutputException(output + ": exists; expected a new file, or --overwrite to replace"
          + " it");
    }
    for (Path p = output.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p) || !Files.isWritable(p)) {
          throw new OutputException(output + ": cannot write it (" + p + (Files.isDirectory(p)
              ? " is not writable" : " is not a directory") + "); expected a writable place for"
              + " the chart");
        }
        break;
      }
    }
  }

  /** The path of "[NAME=]RUN": the whole argument when it names something, else after the '='. */
  private static Path path(String run) {
    if (run.isBlank()) {
      throw new ConfigException("an empty run argument (an unset shell variable?); expected"
          + " [NAME=]RUN, RUN a run directory or an epochs.csv file");
    }
    if (Files.exists(Path.of(run)) || run.indexOf('=') < 0) {
      return Path.of(run);
    }
    String path = run.substring(run.indexOf('=') + 1);
    if (path.isBlank()) {
      throw new ConfigException("'" + Excerpt.of(run) + "': no run after '='; expected NAME=RUN,"
          + " RUN a run directory or an epochs.csv file");
    }
    return Path.of(path);
  }

  /** A run's default legend name: its directory's name (the one holding epochs.csv). */
  private static String nameOf(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (p.getFileName() != null && p.getFileName().toString().equals("epochs.csv")) {
      p = p.getParent();
    }
    return p == null || p.getFileName() == null ? "/" : p.getFileName().toString();
  }
}
