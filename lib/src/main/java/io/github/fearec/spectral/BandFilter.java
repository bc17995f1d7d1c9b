package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;

/**
 * Keeps one {@link FrequencyBand} of a sequence representation along the time axis: rfft, zero
 * every other bin, irfft (FEARec-spec §3c). The mask is a constant, so no loop over bins and no
 * host round trip is involved.
 */
public final class BandFilter {

  private final FrequencyBand band;
  private final int length;
  private final float[] mask;

  /**
   * @param band the bins to keep
   * @param length N, the length of the time axis
   */
  public BandFilter(FrequencyBand band, int length) {
    this.band = band;
    this.length = length;
    this.mask = band.mask(FrequencyRamp.spectrumLength(length));
  }

  public FrequencyBand band() {
    return band;
  }

  /** True when the filter keeps every bin, so that it is the identity. */
  public boolean isIdentity() {
    return band.coversAll(mask.length);
  }

  /**
   * The band-limited spectrum of {@code x} along the time axis.
   *
   * @param x (B, N, d)
   * @return complex (B, d, M): bins outside the band are 0
   */
  public NDArray spectrum(NDArray x) {
    NDArray bins = x.getManager().create(mask).toDevice(x.getDevice(), false);
    return x.transpose(0, 2, 1).rfft(length, -1).mul(bins);
  }

  /**
   * @param x (B, N, d)
   * @return (B, N, d): {@code x} with only the band's frequencies
   */
  public NDArray apply(NDArray x) {
    if (isIdentity()) {
      return x;
    }
    return spectrum(x).irfft(length, -1).transpose(0, 2, 1);
  }
}
