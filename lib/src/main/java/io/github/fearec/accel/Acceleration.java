package io.github.fearec.accel;

import ai.djl.Device;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.FrequencyBand;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How a model computes faster what docs/model.md defines: the one switch of the kit's speed layer,
 * chosen when a model is built ({@code NextItemModel.create}) and handed to its layers, which ask
 * it for their band filters and frequency attention and whether the last layer computes at the
 * user positions only. Two accelerations exist (docs/model.md §11), each equal in values and
 * gradients to the plain computation up to float rounding:
 *
 * <ul>
 *   <li>the <b>matrix route for short sequences</b> ({@link ShortSequenceRoute}): the band limit,
 *       the lag scores and the time-delay aggregation as products with constant matrices instead
 *       of FFTs and gathers, faster on a CPU while N is small;
 *   <li>the <b>last layer at the user positions</b> ({@link QueryRows}): the losses and scores read
 *       one position per sequence, so the last layer computes its output there alone.
 * </ul>
 *
 * {@link #NONE} switches both off: the model then computes exactly the steps of docs/model.md,
 * with the FFTs of {@link BandFilter} and {@link AutoCorrelationAttention} and every layer at every
 * position, without any model class changing. The choice changes speed and memory, never results
 * beyond float rounding (with dropout on, the last-layer shortcut draws masks for smaller arrays:
 * other random numbers, the same distribution); checkpoints do not record it.
 */
public enum Acceleration {
  /** No acceleration: docs/model.md as written, FFTs and every layer at every position. */
  NONE,
  /**
   * The kit's default, as measured (docs/benchmarks.md, "Which route"): on a CPU the matrix route
   * below {@link #CPU_PAPER_ROUTE_FROM}, the paper's FFT route from there on; on any other device
   * the FFT route (the kit has not been measured on one, and it is the route without N³-sized
   * constants to upload at every pass). The last layer at the user positions.
   */
  AUTO,
  /** Always the paper's FFT route, whatever N; the last layer at the user positions. */
  PAPER_ROUTE,
  /** Always the matrix route for short sequences, whatever N; the last layer at the user positions. */
  SHORT_SEQUENCE_ROUTE;

  /**
   * From this N on, the paper route is at least as good on a CPU: measured on the project's
   * 2-core machine with {@code bench/run --sweep --models fearec --route ...}, a FEARec training
   * step took the same time by both routes at N = 175 (within 3 %), the matrix route was 1-8 %
   * faster at 150 and 160, and the paper route 1.8x faster at 200. From 150 on the paper route
   * also evaluates faster and needs 0.3-0.9 GB less memory per training step.
   */
  public static final int CPU_PAPER_ROUTE_FROM = 175;

  private static final Predicate<Device> ON_A_CPU =
      device -> Device.Type.CPU.equals(device.getDeviceType());

  /** The filter of {@code band} for sequences of {@code length}: the paper's or the matrix route's. */
  public BandFilter bandFilter(FrequencyBand band, int length) {
    Predicate<Device> matrix = matrixRoute(length);
    return matrix == null ? new BandFilter(band, length) : ShortSequenceRoute.bandFilter(band, length, matrix);
  }

  /** The frequency attention of one layer: the paper's or the matrix route's. */
  public AutoCorrelationAttention autoCorrelation(FrequencyBand band, int length, int topK) {
    Predicate<Device> matrix = matrixRoute(length);
    return matrix == null
        ? new AutoCorrelationAttention(band, length, topK)
        : ShortSequenceRoute.autoCorrelation(band, length, topK, matrix);
  }

  /**
   * Whether the last encoder layer computes its output at the user positions only (docs/model.md
   * §11); otherwise it computes every position and the user vectors are read from it.
   */
  public boolean lastLayerAtUserPositions() {
    return this != NONE;
  }

  /** True when sequences of {@code length} on {@code device} take the paper's FFT route. */
  public boolean paperRoute(int length, Device device) {
    Predicate<Device> matrix = matrixRoute(length);
    return matrix == null || !matrix.test(device);
  }

  /** The devices on which sequences of {@code length} take the matrix route; null: on none. */
  private Predicate<Device> matrixRoute(int length) {
    return switch (this) {
      case NONE, PAPER_ROUTE -> null;
      case SHORT_SEQUENCE_ROUTE -> device -> true;
      case AUTO -> length >= CPU_PAPER_ROUTE_FROM ? null : ON_A_CPU;
    };
  }

  /** The lower-case name used on command lines: none, auto, paper or short_sequence. */
  public String id() {
    return switch (this) {
      case PAPER_ROUTE -> "paper";
      case SHORT_SEQUENCE_ROUTE -> "short_sequence";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * @throws IllegalArgumentException for anything but none, auto, paper or short_sequence
   */
  public static Acceleration parse(String id) {
    for (Acceleration a : values()) {
      if (a.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown acceleration '" + id + "'; expected none, auto, paper or short_sequence");
  }
}
