package io.github.fearec.cli;

import ai.djl.engine.Engine;
import io.github.fearec.Excerpt;
import io.github.fearec.FearecException;
import io.github.fearec.files.OutputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Starts libtorch once, before a command reads data or writes anything, and turns a failure into
 * one message that says what this build of the kit needs. The GPU build ({@code ./mvnw -Pgpu
 * package}: DJL 0.33, libtorch 2.5.1 for CUDA 12.4) cannot start at all, not even for {@code
 * --device cpu}, on a machine without an NVIDIA GPU and driver: DJL finds that its bundled CUDA
 * library does not match the system, tries to download another one and, being offline, fails with
 * a stack trace ("Failed to save pytorch index file ... Offline mode is enabled.").
 */
final class Engines {

  /** The libtorch build the classpath bundles: DJL's own description of its native jar. */
  private static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";

  private Engines() {}

  /**
   * libtorch, started.
   *
   * @throws FearecException when it cannot start, saying what the build needs
   */
  static Engine start() {
    try {
      return Engine.getInstance();
    } catch (RuntimeException | LinkageError e) {
      throw new FearecException(message(e, bundledFlavor()), e);
    }
  }

  /**
   * The one message for an engine that failed with {@code failure}, for a build whose native
   * library has {@code flavor} ("cpu", "cu124"; null when none is on the classpath).
   */
  static String message(Throwable failure, String flavor) {
    String reason = reasons(failure);
    if (flavor != null && flavor.startsWith("cu")) {
      String cuda = flavor.length() == 5
          ? flavor.substring(2, 4) + "." + flavor.substring(4) : flavor.substring(2);
      return "libtorch cannot start: this is the GPU build of the kit (./mvnw -Pgpu package,"
          + " libtorch for CUDA " + cuda + "), which needs an NVIDIA GPU and a driver for CUDA "
          + cuda + " even for --device cpu (libtorch said: " + reason + "); expected such a"
          + " machine, or the CPU build: ./mvnw clean package (without -Pgpu)";
    }
    return "libtorch cannot start (" + reason + "); expected the CPU build's native library"
        + " (./mvnw package puts it in lib/target/lib) and no PYTORCH_VERSION, PYTORCH_FLAVOR or"
        + " PYTORCH_LIBRARY_PATH asking for another one, as the kit runs offline";
  }

  /** The messages along the cause chain, without Java class names, one line. */
  private static String reasons(Throwable failure) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : OutputException.withoutJavaNames(t.getMessage());
      if (!m.isBlank() && parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m.strip());
      }
    }
    return parts.isEmpty() ? "no reason given" : Excerpt.line(String.join(": ", parts));
  }

  /** The flavor of the libtorch jar on the classpath ("cpu", "cu124"), or null. */
  static String bundledFlavor() {
    try (InputStream in = Engines.class.getClassLoader().getResourceAsStream(NATIVE_PROPERTIES)) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("flavor");
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
