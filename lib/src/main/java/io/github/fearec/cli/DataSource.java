package io.github.fearec.cli;

import io.github.fearec.data.DatasetLoader;
import io.github.fearec.data.LoadedDataset;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.data.SyntheticDataset;
import java.io.PrintStream;
import java.nio.file.Path;

/** Resolves the {@code data} setting to a dataset and says what was loaded and filtered. */
final class DataSource {

  static final String SYNTHETIC = "synthetic";

  private DataSource() {}

  static SequenceDataset load(Settings settings, PrintStream log) {
    if (settings.data.equals(SYNTHETIC)) {
      SequenceDataset d = SyntheticDataset.generate(settings.synthetic.build()).dataset();
      log.println("data: the embedded synthetic dataset: " + describe(d));
      return d;
    }
    LoadedDataset loaded = DatasetLoader.load(Path.of(settings.data), settings.kCore);
    log.println("data: " + settings.data + ": " + describe(loaded.dataset()));
    log.println("      " + loaded.filterReport().summary());
    return loaded.dataset();
  }

  /**
   * The data setting as a run records it: a path made absolute, so that a resume or an evaluation
   * started from another directory reads the same file.
   */
  static String stored(String data) {
    return data.equals(SYNTHETIC) ? data : Path.of(data).toAbsolutePath().normalize().toString();
  }

  private static String describe(SequenceDataset d) {
    return d.numUsers() + " users, " + d.numItems() + " items, " + d.numInteractions()
        + " interactions";
  }
}
