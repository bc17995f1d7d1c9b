package io.github.fearec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** This process's memory as Linux reports it in /proc/self/status. */
final class ProcessMemory {

  private ProcessMemory() {}

  /**
   * A field of /proc/self/status in MB, e.g. "VmRSS" (resident now) or "VmHWM" (peak resident);
   * empty where /proc is not available.
   */
  static OptionalDouble megabytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return OptionalDouble.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }
}
