package io.github.fearec.cli;

import io.github.fearec.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@code key = value} settings from a config file, {@code --set} options and the named
 * command-line options, in that order of precedence (later wins), and applies them through {@link
 * ConfigKeys}. The model is resolved first because the training defaults depend on it.
 */
final class SettingsLoader {

  private record Entry(String key, String value, String where) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Reads a config file: one {@code key = value} per line, {@code #} starts a comment. */
  SettingsLoader file(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file + ": no such config file; expected a file of 'key = value' lines");
    } catch (IOException e) {
      throw new ConfigException(
          file + ": cannot read the config file (" + e.getMessage() + "); expected a readable"
              + " file of 'key = value' lines");
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      int eq = content.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(where + "expected 'key = value', got '" + content + "'");
      }
      entries.add(new Entry(content.substring(0, eq).strip(), content.substring(eq + 1), where));
    }
    return this;
  }

  /** A {@code key=value} pair from {@code --set}. */
  SettingsLoader set(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set " + pair + ": expected key=value");
    }
    entries.add(new Entry(pair.substring(0, eq).strip(), pair.substring(eq + 1), "--set: "));
    return this;
  }

  /** A named option; null (not given) is skipped. */
  SettingsLoader option(String key, Object value) {
    if (value != null) {
      entries.add(new Entry(key, String.valueOf(value), "--" + key.replace('_', '-') + ": "));
    }
    return this;
  }

  Settings load() {
    String model = "fearec";
    for (Entry e : entries) {
      if (e.key().equals("model")) {
        try {
          model = Models.check(e.value());
        } catch (ConfigException ex) {
          throw new ConfigException(e.where() + ex.getMessage());
        }
      }
    }
    Settings settings = new Settings(model);
    for (Entry e : entries) {
      ConfigKeys.apply(settings, e.key(), e.value(), e.where());
    }
    return settings;
  }
}
