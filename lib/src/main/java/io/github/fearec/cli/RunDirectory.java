package io.github.fearec.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** The output directory of a run: results JSON, the epoch log, the effective config. */
final class RunDirectory {

  static final String RESULTS = "results.json";
  static final String EPOCHS = "epochs.csv";
  static final String CONFIG = "config.properties";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path root;

  RunDirectory(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory " + root, e);
    }
  }

  Path root() {
    return root;
  }

  Path file(String name) {
    return root.resolve(name);
  }

  void writeJson(String name, Object value) {
    write(name, GSON.toJson(value) + "\n");
  }

  /** Every key with its effective value: can be passed back as {@code --config}. */
  void writeConfig(Settings settings) {
    StringBuilder out = new StringBuilder("# effective settings of this run (fearec keys)\n");
    for (Map.Entry<String, ConfigKeys.Key> e : ConfigKeys.all().entrySet()) {
      out.append(e.getKey()).append(" = ").append(e.getValue().current().apply(settings))
          .append('\n');
    }
    write(CONFIG, out.toString());
  }

  private void write(String name, String text) {
    Path target = root.resolve(name);
    Path tmp = root.resolve(name + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
