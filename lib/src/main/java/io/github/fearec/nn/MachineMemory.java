package io.github.fearec.nn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How much memory this machine can give a run now: the smaller of the kernel's estimate of what a
 * new process can allocate without swapping ({@code MemAvailable} in {@code /proc/meminfo}) and,
 * in a container, what its memory limit leaves ({@code memory.max} minus {@code memory.current},
 * cgroup v2, or v1's {@code memory.limit_in_bytes} minus {@code memory.usage_in_bytes}). Where
 * neither can be read (not Linux) it is the operating system's free memory as the JVM reports it.
 *
 * <p>libtorch allocates outside the Java heap, so the JVM's {@code -Xmx} says nothing about
 * whether a model's arrays fit; the Java heap matters only for the host copies of the weights
 * ({@link MemoryEstimate}).
 *
 * <p>The system property {@value #AVAILABLE_PROPERTY} (bytes) stands in for the measurement, to
 * see what fits on another machine (and for the tests); {@value #CHECK_PROPERTY}{@code =off} turns
 * the check off, for when the estimate is wrong for a machine.
 */
public final class MachineMemory {

  /** A number of bytes that replaces the measurement. */
  public static final String AVAILABLE_PROPERTY = "fearec.memory.available";

  /** {@code off}: no configuration is refused for its memory. */
  public static final String CHECK_PROPERTY = "fearec.memory.check";

  private MachineMemory() {}

  /** Whether configurations are checked against the memory available ({@link #CHECK_PROPERTY}). */
  public static boolean checked() {
    return !"off".equalsIgnoreCase(System.getProperty(CHECK_PROPERTY, "on").strip());
  }

  /** The bytes a run can allocate now. */
  public static long available() {
    String given = System.getProperty(AVAILABLE_PROPERTY);
    if (given != null) {
      try {
        return Long.parseLong(given.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(AVAILABLE_PROPERTY + " = " + given + ": not a number");
      }
    }
    long available = Long.MAX_VALUE;
    OptionalLong meminfo = memAvailable();
    if (meminfo.isPresent()) {
      available = meminfo.getAsLong();
    } else if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      available = os.getFreeMemorySize(); // container-aware since Java 14
    }
    OptionalLong container = containerHeadroom();
    if (container.isPresent()) {
      available = Math.min(available, container.getAsLong());
    }
    return available;
  }

  /** The Java heap this JVM may still grow to use ({@code -Xmx} minus what is in use). */
  public static long heapHeadroom() {
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  }

  /** MemAvailable of /proc/meminfo in bytes. */
  private static OptionalLong memAvailable() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemAvailable:")) {
        String[] f = line.substring("MemAvailable:".length()).strip().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(f[0]) * (f.length > 1 && f[1].equals("kB") ? 1024 : 1));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  /** What the container's memory limit leaves, when there is a limit. */
  private static OptionalLong containerHeadroom() {
    Path v2 = Path.of("/sys/fs/cgroup");
    OptionalLong limit = number(v2.resolve("memory.max"));
    OptionalLong usage = number(v2.resolve("memory.current"));
    if (limit.isPresent() && usage.isPresent()) {
      // the page cache counts as used but is given back on demand
      long cache = 0;
      for (String line : lines(v2.resolve("memory.stat"))) {
        if (line.startsWith("inactive_file ")) {
          try {
            cache = Long.parseLong(line.substring("inactive_file ".length()).strip());
          } catch (NumberFormatException e) {
            cache = 0;
          }
        }
      }
      usage = OptionalLong.of(Math.max(0, usage.getAsLong() - cache));
    }
    if (limit.isEmpty()) {
      Path v1 = v2.resolve("memory");
      limit = number(v1.resolve("memory.limit_in_bytes"));
      usage = number(v1.resolve("memory.usage_in_bytes"));
    }
    // v1 reports "no limit" as a number near Long.MAX_VALUE
    if (limit.isEmpty() || usage.isEmpty() || limit.getAsLong() > (1L << 60)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, limit.getAsLong() - usage.getAsLong()));
  }

  /** The one number a cgroup file holds; empty for "max", a missing file or anything else. */
  private static OptionalLong number(Path file) {
    List<String> lines = lines(file);
    try {
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.US_ASCII) : List.of();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
