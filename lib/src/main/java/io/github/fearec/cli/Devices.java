package io.github.fearec.cli;

import ai.djl.Device;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;

/**
 * Maps the {@code device} setting to a DJL device, checking that libtorch starts ({@link
 * Engines}) and can use it: every command that computes calls it before it writes anything.
 */
final class Devices {

  private Devices() {}

  static Device resolve(String name) {
    Engines.start();
    String n = name.trim().toLowerCase(java.util.Locale.ROOT);
    if (n.equals("cpu")) {
      return Device.cpu();
    }
    if (n.equals("gpu") || n.matches("gpu:\\d{1,9}")) {
      int index = n.equals("gpu") ? 0 : Integer.parseInt(n.substring(4));
      int available = Engines.start().getGpuCount();
      if (index >= available) {
        throw new ConfigException(
            "device = " + name + ": libtorch sees " + available + " GPU(s); a GPU needs the CUDA"
                + " build (./mvnw -Pgpu package) on a machine with an NVIDIA driver");
      }
      return Device.gpu(index);
    }
    throw new ConfigException(
        "device = " + Excerpt.of(name) + ": expected cpu, gpu or gpu:N with N a GPU index (0, 1, ...)");
  }
}
