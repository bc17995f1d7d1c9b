package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import io.github.fearec.viz.Charts;
import io.github.fearec.viz.EpochCurves;
import io.github.fearec.viz.LineChart;
import io.github.fearec.viz.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Draws one column of several runs' epochs.csv as a PNG line chart. */
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
      description = "where the chart is written")
  Path output;

  @Override
  public void run() {
    List<Series> series = new ArrayList<>();
    for (String run : runs) {
      int eq = run.indexOf('=');
      Path path = Path.of(eq >= 0 ? run.substring(eq + 1) : run);
      String name = eq >= 0 ? run.substring(0, eq) : nameOf(path);
      try {
        series.add(EpochCurves.read(name, path, column));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    Charts.save(
        LineChart.create(title != null ? title : column + " per epoch", "epoch", column, false,
            series),
        output);
    System.out.println("wrote " + output);
  }

  private static String nameOf(Path path) {
    Path p = path.getFileName() != null && path.getFileName().toString().equals("epochs.csv")
        ? path.toAbsolutePath().getParent()
        : path;
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }
}
