package io.github.fearec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by train and evaluate: where the data comes from and where to run. */
final class CommonOptions {

  @Option(names = "--data", paramLabel = "PATH|synthetic",
      description = "dataset: 'synthetic' (default, embedded) or a .txt / .inter file or folder")
  String data;

  @Option(names = "--k-core", paramLabel = "K",
      description = "drop users/items with fewer than K interactions, repeatedly (default 5; 0 = off)")
  String kCore;

  @Option(names = "--device", paramLabel = "cpu|gpu[:N]", description = "where to compute (default cpu)")
  String device;

  @Option(names = "--exclude-history",
      description = "select the model by the ranking without each user's past items (default: with"
          + " them, as the authors' code ranks); both rankings are always reported")
  Boolean excludeHistory;

  @Option(names = "--config", paramLabel = "FILE",
      description = "a file of 'key = value' lines (see 'fearec keys'); options given here override it")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "set any key of 'fearec keys'; may be repeated")
  List<String> sets = new ArrayList<>();

  /** Starts a loader with the config file, the --set pairs and these options. */
  SettingsLoader loader() {
    return loader(new SettingsLoader());
  }

  /** Adds the config file, the --set pairs and these options to {@code loader}. */
  SettingsLoader loader(SettingsLoader loader) {
    if (config != null) {
      loader.file(config);
    }
    sets.forEach(loader::set);
    return loader
        .option("data", data)
        .option("k_core", kCore)
        .option("device", device)
        .option("exclude_history", excludeHistory);
  }
}
