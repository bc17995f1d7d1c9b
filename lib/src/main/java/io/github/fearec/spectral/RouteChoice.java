package io.github.fearec.spectral;

import ai.djl.Device;
import java.util.Locale;

/**
 * Which {@link SpectralRoute} the frequency layers take: the one place that decides, from the
 * sequence length N and the device the arrays live on. The two routes compute the same numbers,
 * so the choice changes speed and memory, never results beyond float rounding; checkpoints do not
 * record it.
 */
public enum RouteChoice {
  /**
   * The measured choice (docs/benchmarks.md, "Which route"): on a CPU the fast route for short
   * sequences below {@link #CPU_PAPER_ROUTE_FROM}, the paper route from there on. On any other
   * device the paper route: the kit has not been measured on one, and the paper route is the one
   * without N³-sized constants to upload at every pass.
   */
  AUTO,
  /** Always the paper route (FFTs and gathers), whatever N. */
  PAPER,
  /** Always the fast route for short sequences (matrix products), whatever N. */
  SHORT_SEQUENCE;

  /**
   * From this N on, the paper route is at least as good on a CPU: measured on the project's
   * 2-core machine with {@code bench/run --sweep --models fearec --route ...}, a FEARec training
   * step took the same time by both routes at N = 175 (within 3 %), the matrix route was 1-8 %
   * faster at 150 and 160, and the paper route 1.8x faster at 200. From 150 on the paper route
   * also evaluates faster and needs 0.3-0.9 GB less memory per training step.
   */
  public static final int CPU_PAPER_ROUTE_FROM = 175;

  /** True when sequences of {@code length} on {@code device} take the paper route. */
  public boolean paperRoute(int length, Device device) {
    return switch (this) {
      case PAPER -> true;
      case SHORT_SEQUENCE -> false;
      case AUTO -> !Device.Type.CPU.equals(device.getDeviceType()) || length >= CPU_PAPER_ROUTE_FROM;
    };
  }

  /** The lower-case name used on command lines: auto, paper or short_sequence. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but auto, paper or short_sequence
   */
  public static RouteChoice parse(String id) {
    for (RouteChoice c : values()) {
      if (c.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown route '" + id + "'; expected auto, paper or short_sequence");
  }
}
