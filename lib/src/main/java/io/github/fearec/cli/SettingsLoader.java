package io.github.fearec.cli;

import io.github.fearec.train.Recommender;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.data.TextLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Collects {@code key = value} settings from a config file, {@code --set} options and the named
 * command-line options, in that order of precedence (later wins), and applies them through {@link
 * ConfigKeys}. The model is resolved first because the training defaults depend on it.
 *
 * <p>Nothing given is silently ignored: a key set twice in one file (under its name or an alias),
 * a key that does not apply to the model or data chosen ({@link io.github.fearec.config.Scope}) and
 * a change to a setting a command keeps fixed (a resumed run's seed, say) are errors that name the key and where it was given. The
 * settings file of a run ({@link #base}) is exempt from the first two: it lists what the run used.
 */
final class SettingsLoader {

  private record Entry(String key, String value, String where, boolean base) {}

  private final List<Entry> entries = new ArrayList<>();
  private Set<String> changeable;
  private String keptBecause;
  private Predicate<String> refused = key -> false;
  private String refusedBecause;

  /**
   * Reads a config file: one {@code key = value} per line, {@code #} starts a comment; in a value
   * {@code \#}, {@code \\}, {@code \n} and {@code \r} stand for those characters.
   */
  SettingsLoader file(Path file) {
    read(file, false);
    return this;
  }

  /**
   * Reads the settings file of a run as the base that later entries may change only in {@code
   * changeable} keys ({@code because} says why the others stay).
   */
  SettingsLoader base(Path file, Set<String> changeable, String because) {
    read(file, true);
    this.changeable = changeable;
    this.keptBecause = because;
    return this;
  }

  /** Refuses every key {@code refused} accepts when given (not from the base), saying why. */
  SettingsLoader refuse(Predicate<String> refused, String because) {
    this.refused = refused;
    this.refusedBecause = because;
    return this;
  }

  /** A {@code key=value} pair from {@code --set}. */
  SettingsLoader set(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set " + Excerpt.of(pair) + ": expected key=value");
    }
    entries.add(new Entry(pair.substring(0, eq).strip(), pair.substring(eq + 1), "--set: ", false));
    return this;
  }

  /** A named option spelled like its key ({@code --batch-size}); null (not given) is skipped. */
  SettingsLoader option(String key, Object value) {
    return option(key, value, "--" + key.replace('_', '-'));
  }

  /** A named option whose flag differs from its key ({@code --lr}), for messages that name it. */
  SettingsLoader option(String key, Object value, String flag) {
    if (value != null) {
      entries.add(new Entry(key, String.valueOf(value), flag + ": ", false));
    }
    return this;
  }

  Settings load() {
    Settings base = changeable == null ? null : apply(entries.stream().filter(Entry::base).toList());
    Settings settings = apply(entries);
    for (Entry e : entries) {
      if (e.base()) {
        continue;
      }
      ConfigKeys.Key key = ConfigKeys.find(e.key(), e.where());
      // the key as the user typed it, and the current name when that was an old one
      String named = key.name().equals(e.key().strip())
          ? key.name() : e.key().strip() + " (" + key.name() + ")";
      if (refused.test(key.name())) {
        throw new ConfigException(e.where() + named + ": " + refusedBecause);
      }
      String notApplying = ConfigKeys.whyNot(key.scope(), settings);
      if (notApplying != null) {
        throw new ConfigException(
            e.where() + named + " does not apply: " + notApplying + "; remove it");
      }
      if (base != null && !changeable.contains(key.name())) {
        Object was = key.current().apply(base);
        Object now = key.current().apply(settings);
        if (!was.equals(now)) {
          throw new ConfigException(
              e.where() + named + " = " + now + " where the run has " + was + ": "
                  + keptBecause + "; only " + String.join(", ", new TreeSet<>(changeable))
                  + " may change");
        }
      }
    }
    return settings;
  }

  private static Settings apply(List<Entry> entries) {
    Recommender model = Recommender.FEAREC;
    for (Entry e : entries) {
      if (e.key().equals("model")) {
        try {
          model = Settings.model(e.value());
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

  private void read(Path file, boolean base) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          file + ": " + (Files.exists(file) ? "not a regular file" : "no such config file")
              + "; expected a file of 'key = value' lines");
    }
    Map<String, Integer> lineOfKey = new HashMap<>();
    try (TextLines lines = TextLines.open(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        String where = file + ":" + lines.lineNumber() + ": ";
        String content = unescape(line, where).strip();
        if (content.isEmpty()) {
          continue;
        }
        int eq = content.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException(where + "expected 'key = value', got '" + Excerpt.of(content) + "'");
        }
        String key = content.substring(0, eq).strip();
        // an old name and the new one are the same key
        String canonical = ConfigKeys.find(key, where).name();
        Integer first = lineOfKey.putIfAbsent(canonical, lines.lineNumber());
        if (first != null) {
          throw new ConfigException(
              where + key + " is set again (first at line " + first + "); expected each key once");
        }
        entries.add(new Entry(key, content.substring(eq + 1), where, base));
      }
    }
  }

  /** The line up to its comment, with the escapes {@link ConfigKeys#escape} writes resolved. */
  private static String unescape(String line, String where) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '#') {
        break;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
      switch (next) {
        case '#', '\\' -> out.append(next);
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default ->
            throw new ConfigException(
                where + "'\\" + (next == ' ' ? "" : String.valueOf(next)) + "' (character "
                    + (i + 1) + ") is not an escape; expected \\# for '#', \\\\ for a backslash,"
                    + " \\n or \\r");
      }
      i++;
    }
    return out.toString();
  }
}
