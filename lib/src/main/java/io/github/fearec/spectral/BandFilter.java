package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;

/**
 * Keeps one {@link FrequencyBand} of a sequence representation along the time axis (paper §3.2,
 * docs/model.md §3): X̃ = rfft(x) ⊙ 1_band, then irfft(X̃) with length N.
 *
 * <p>The spectra are taken with the time axis last, (B, d, N): libtorch transforms contiguous
 * rows faster than a strided middle axis, more than paying for the two transposes.
 *
 * <p>This class computes the band limit as docs/model.md defines it. A model built with an
 * acceleration ({@code accel.Acceleration}, docs/model.md §11) may be given an equivalent subclass
 * instead, which computes the same values another way; {@code Acceleration.NONE} uses this one.
 */
public class BandFilter {

  private final FrequencyBand band;
  private final int length;
  private final float[] mask;
  private final boolean identity;

  /**
   * @param band the bins to keep
   * @param length N, the length of the time axis
   */
  public BandFilter(FrequencyBand band, int length) {
    this.band = band;
    this.length = length;
    this.mask = band.mask(FrequencyRamp.spectrumLength(length));
    this.identity = band.coversAll(mask.length);
  }

  public FrequencyBand band() {
    return band;
  }

  /** N, the length of the time axis. */
  public int length() {
    return length;
  }

  /**
   * irfft(rfft(x) ⊙ 1_band) along time: x with only the band's frequencies.
   *
   * @param x (B, N, d)
   * @return (B, N, d); {@code x} itself when the band keeps every bin
   */
  public NDArray apply(NDArray x) {
    if (identity) {
      return x;
    }
    NDArray kept = spectrum(x);
    NDArray limited = kept.irfft(length, -1);
    kept.close();
    return limited.transpose(0, 2, 1);
  }

  /**
   * The band-limited spectrum along the time axis: X̃ = rfft(x) ⊙ 1_band.
   *
   * @param x (B, N, d)
   * @return complex (B, d, M), 0 outside the band
   */
  NDArray spectrum(NDArray x) {
    NDArray full = x.transpose(0, 2, 1).rfft(length, -1);
    NDArray kept = full.mul(mask(x));
    full.close(); // only the masked spectrum is used (and the backward pass keeps the mask only)
    return kept;
  }

  /** Whether the band keeps every bin, so that applying it changes nothing. */
  boolean keepsEverything() {
    return identity;
  }

  /** 1_band as a constant of x's device and real precision: (M), matching a spectrum's last axis. */
  NDArray mask(NDArray x) {
    return x.getManager()
        .create(mask)
        .toDevice(x.getDevice(), false)
        .toType(x.getDataType(), false);
  }
}
