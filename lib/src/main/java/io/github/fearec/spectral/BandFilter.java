package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Keeps one {@link FrequencyBand} of a sequence representation along the time axis: rfft, zero
 * every other bin, irfft (FEARec-spec §3c).
 *
 * <p>That operation is linear in the signal, so for a fixed length N it is one real N×N matrix P
 * (a projection: P = Pᵀ = P²), built once here from the plain DFT ({@link DirectSpectra}).
 * Multiplying by P gives exactly the FFT route's result (the tests check both against JTransforms)
 * and, for sequence lengths like N = 50, is several times faster on a CPU than rfft/irfft, in
 * particular in the backward pass. {@link #spectrum} keeps the FFT view for teaching and for code
 * that needs the spectrum itself.
 */
public final class BandFilter {

  private final FrequencyBand band;
  private final int length;
  private final float[] mask;
  private final float[] projection;

  /**
   * @param band the bins to keep
   * @param length N, the length of the time axis
   */
  public BandFilter(FrequencyBand band, int length) {
    this.band = band;
    this.length = length;
    this.mask = band.mask(FrequencyRamp.spectrumLength(length));
    this.projection = projection(band, length);
  }

  public FrequencyBand band() {
    return band;
  }

  /** True when the filter keeps every bin, so that it is the identity. */
  public boolean isIdentity() {
    return band.coversAll(mask.length);
  }

  /** P as a row-major N×N array: column t is the band-limited unit impulse at t. */
  public float[] projectionMatrix() {
    return projection.clone();
  }

  /**
   * The band-limited spectrum of {@code x} along the time axis (the FFT route).
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
   * @return (B, N, d): {@code x} with only the band's frequencies, P·x per sample
   */
  public NDArray apply(NDArray x) {
    if (isIdentity()) {
      return x;
    }
    NDArray p =
        x.getManager()
            .create(projection, new Shape(1, length, length))
            .toDevice(x.getDevice(), false)
            .toType(x.getDataType(), false);
    return p.matMul(x);
  }

  private static float[] projection(FrequencyBand band, int n) {
    float[] p = new float[n * n];
    for (int t = 0; t < n; t++) {
      double[] impulse = new double[n];
      impulse[t] = 1;
      double[] column = DirectSpectra.bandLimit(impulse, band);
      for (int s = 0; s < n; s++) {
        p[s * n + t] = (float) column[s];
      }
    }
    return p;
  }
}
