package io.github.fearec.spectral;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

/**
 * Keeps one {@link FrequencyBand} of a sequence representation along the time axis: rfft, zero
 * every other bin, irfft (docs/model.md §3).
 *
 * <p>It also holds the two ways of computing everything else within that band ({@link
 * SpectralRoute}): the {@link PaperRoute} with FFTs, and the {@link ShortSequenceRoute}, for which
 * the band limit is one real N×N projection matrix P. {@link #route} picks one per call as its
 * {@link RouteChoice} says, from N and the arrays' device.
 */
public final class BandFilter {

  private final FrequencyBand band;
  private final int length;
  private final RouteChoice choice;
  private final PaperRoute paper;
  private final ShortSequenceRoute shortSequence;

  /**
   * A filter whose route is chosen by N and device ({@link RouteChoice#AUTO}).
   *
   * @param band the bins to keep
   * @param length N, the length of the time axis
   */
  public BandFilter(FrequencyBand band, int length) {
    this(band, length, RouteChoice.AUTO);
  }

  /** As above, with the route fixed by {@code choice}. */
  public BandFilter(FrequencyBand band, int length, RouteChoice choice) {
    this.band = band;
    this.length = length;
    this.choice = choice;
    this.paper = new PaperRoute(band, length);
    this.shortSequence = new ShortSequenceRoute(band, length);
  }

  public FrequencyBand band() {
    return band;
  }

  /** P as a row-major N×N array: column t is the band-limited unit impulse at t. */
  public float[] projectionMatrix() {
    return shortSequence.projectionMatrix();
  }

  /**
   * @param x (B, N, d)
   * @return (B, N, d): {@code x} with only the band's frequencies
   */
  public NDArray apply(NDArray x) {
    return route(x.getDevice()).bandLimit(x);
  }

  /** The route this filter's band computes by for arrays on {@code device}. */
  SpectralRoute route(Device device) {
    return choice.paperRoute(length, device) ? paper : shortSequence;
  }
}
