package io.github.fearec.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fearec.testing.JTransformsSpectrum;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java reference against JTransforms and closed forms. */
class DirectSpectraTest {

  @Test
  void realDftMatchesJTransforms() {
    for (int n : new int[] {8, 13, 50}) {
      double[] x = new Random(n).doubles(n).toArray();
      double[][] direct = DirectSpectra.realDft(x);
      double[][] fast = JTransformsSpectrum.of(x);
      assertArrayEquals(fast[0], direct[0], 1e-9, "re, n=" + n);
      assertArrayEquals(fast[1], direct[1], 1e-9, "im, n=" + n);
    }
  }

  @Test
  void inverseUndoesForward() {
    for (int n : new int[] {7, 10}) {
      double[] x = new Random(3).doubles(n).toArray();
      double[][] s = DirectSpectra.realDft(x);
      assertArrayEquals(x, DirectSpectra.inverseRealDft(s[0], s[1], n), 1e-12);
    }
  }

  @Test
  void correlationOfACosineIsACosine() {
    // q = k = cos(2πft/N): r[τ] = Σ_t cos(2πf(t+τ)/N)cos(2πft/N) = (N/2)·cos(2πfτ/N) for 0<f<N/2
    int n = 16;
    int f = 3;
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = Math.cos(2 * Math.PI * f * t / n);
    }
    double[] r = DirectSpectra.circularCrossCorrelation(x, x);
    for (int tau = 0; tau < n; tau++) {
      assertEquals(n / 2.0 * Math.cos(2 * Math.PI * f * tau / n), r[tau], 1e-9);
    }
  }

  @Test
  void bandLimitKeepsOnlyTheBandsSinusoids() {
    int n = 20;
    double[] low = new double[n];
    double[] high = new double[n];
    for (int t = 0; t < n; t++) {
      low[t] = Math.cos(2 * Math.PI * 2 * t / n);
      high[t] = Math.sin(2 * Math.PI * 7 * t / n);
    }
    double[] mixed = new double[n];
    for (int t = 0; t < n; t++) {
      mixed[t] = low[t] + high[t];
    }
    assertArrayEquals(high, DirectSpectra.bandLimit(mixed, new FrequencyBand(5, 11)), 1e-9);
    assertArrayEquals(low, DirectSpectra.bandLimit(mixed, new FrequencyBand(0, 5)), 1e-9);
  }

  @Test
  void energyOfAPureToneSitsInOneBin() {
    int n = 32;
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = Math.sin(2 * Math.PI * 5 * t / n);
    }
    double[] e = DirectSpectra.energy(x);
    for (int f = 0; f < e.length; f++) {
      assertEquals(f == 5 ? (n / 2.0) * (n / 2.0) : 0, e[f], 1e-8, "bin " + f);
    }
  }
}
