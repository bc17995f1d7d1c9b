package io.github.fearec.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the real benchmark files of the project's shared folder ({@code shared/data} next to the
 * repository) without copying them into the repository. Tests that need them are skipped where they
 * are absent, e.g. on a fresh clone.
 */
final class SharedData {

  private SharedData() {}

  /** The first {@code shared/data} directory found walking up from the working directory. */
  static Optional<Path> directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code shared/data/<relative>}; skips the calling test if it does not exist. */
  static Path require(String relative) {
    Optional<Path> file = directory().map(dir -> dir.resolve(relative)).filter(Files::exists);
    assumeTrue(file.isPresent(), "shared/data/" + relative + " not found; test skipped");
    return file.get();
  }
}
