package io.github.fearec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages import only downwards, as the README describes them: the bottom
 * packages (durable files, DJL workarounds, setting declarations), then the paper's data and
 * spectral parts, the optional speed layer over the spectral classes, the network, evaluation and
 * persistence (saved models and training checkpoints) beside it, training, and the command line on
 * top; charts and the course sit beside the model and nothing in the model imports them. Read from
 * the sources, so a new upward import fails here with the file that has it.
 */
class PackageLayersTest {

  /** Each package and its layer: a package may import only packages of lower layers. */
  private static final Map<String, Integer> LAYER = Map.ofEntries(
      Map.entry("files", 0), Map.entry("ops", 0), Map.entry("config", 0),
      Map.entry("data", 1), Map.entry("spectral", 1),
      Map.entry("accel", 2),
      Map.entry("nn", 3),
      Map.entry("eval", 4), Map.entry("persist", 4),
      Map.entry("train", 5),
      Map.entry("viz", 6),
      Map.entry("cli", 7), Map.entry("course", 7));

  private static final Path MAIN = Path.of("src/main/java/io/github/fearec");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.github\\.fearec\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void everyPackageHasALayer() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(MAIN)) {
      dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(LAYER.keySet()), packages);
  }

  @Test
  void importsRunDownwardsOnly() throws IOException {
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = MAIN.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the root package: the exception types every layer uses
        }
        String from = relative.getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1);
          if (!to.equals(from) && LAYER.get(to) >= LAYER.get(from)) {
            upward.add(relative + " imports " + to);
          }
        }
      }
    }
    assertTrue(upward.isEmpty(), String.join("\n", upward));
  }
}
