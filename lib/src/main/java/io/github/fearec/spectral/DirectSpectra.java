package io.github.fearec.spectral;

/**
 * Textbook O(N²) versions of the transforms FEARec computes with FFTs, in plain Java doubles.
 * They exist to be read (the notebooks print them next to the FFT results) and to check the fast
 * path against something independent; never use them on large inputs.
 */
public final class DirectSpectra {

  private DirectSpectra() {}

  /**
   * The real DFT X[f] = Σ_t x[t]·e^{−2πi·f·t/N} for f = 0..N/2 (unnormalised, like rfft).
   *
   * @return {re, im}, each of length M = N/2 + 1
   */
  public static double[][] realDft(double[] x) {
    int n = x.length;
    int m = FrequencyRamp.spectrumLength(n);
    double[] re = new double[m];
    double[] im = new double[m];
    for (int f = 0; f < m; f++) {
      for (int t = 0; t < n; t++) {
        double angle = -2 * Math.PI * f * t / n;
        re[f] += x[t] * Math.cos(angle);
        im[f] += x[t] * Math.sin(angle);
      }
    }
    return new double[][] {re, im};
  }

  /**
   * The inverse of {@link #realDft}: x[t] = (1/N)·Σ over all N bins, the bins above N/2 being the
   * complex conjugates of the ones below (the spectrum of a real signal is Hermitian).
   */
  public static double[] inverseRealDft(double[] re, double[] im, int n) {
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      double sum = 0;
      for (int f = 0; f < n; f++) {
        int g = f <= n / 2 ? f : n - f;
        double sign = f <= n / 2 ? 1 : -1;
        double angle = 2 * Math.PI * f * t / n;
        // Re[(a + i·b)(cos + i·sin)] = a·cos − b·sin
        sum += re[g] * Math.cos(angle) - sign * im[g] * Math.sin(angle);
      }
      x[t] = sum / n;
    }
    return x;
  }

  /** {@code x} with only the bins of {@code band}: DFT, zero the rest, inverse DFT. */
  public static double[] bandLimit(double[] x, FrequencyBand band) {
    double[][] spectrum = realDft(x);
    for (int f = 0; f < spectrum[0].length; f++) {
      if (!band.contains(f)) {
        spectrum[0][f] = 0;
        spectrum[1][f] = 0;
      }
    }
    return inverseRealDft(spectrum[0], spectrum[1], x.length);
  }

  /**
   * The circular cross-correlation by its definition: r[τ] = Σ_t q[(t + τ) mod N]·k[t]. By the
   * Wiener–Khinchin theorem it equals irfft(rfft(q)·conj(rfft(k))).
   */
  public static double[] circularCrossCorrelation(double[] q, double[] k) {
    int n = q.length;
    if (k.length != n) {
      throw new IllegalArgumentException("q and k differ in length: " + n + " vs " + k.length);
    }
    double[] r = new double[n];
    for (int tau = 0; tau < n; tau++) {
      for (int t = 0; t < n; t++) {
        r[tau] += q[(t + tau) % n] * k[t];
      }
    }
    return r;
  }

  /** Energy |X[f]|² per bin of the real DFT: the spectra the notebooks plot. */
  public static double[] energy(double[] x) {
    double[][] s = realDft(x);
    double[] e = new double[s[0].length];
    for (int f = 0; f < e.length; f++) {
      e[f] = s[0][f] * s[0][f] + s[1][f] * s[1][f];
    }
    return e;
  }
}
