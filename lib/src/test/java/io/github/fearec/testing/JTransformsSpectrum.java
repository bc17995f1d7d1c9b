package io.github.fearec.testing;

import org.jtransforms.fft.DoubleFFT_1D;

/** Unpacks JTransforms' real forward FFT into separate re/im arrays of length N/2+1. */
public final class JTransformsSpectrum {

  private JTransformsSpectrum() {}

  public static double[][] of(double[] x) {
    int n = x.length;
    double[] packed = x.clone();
    new DoubleFFT_1D(n).realForward(packed);
    int m = n / 2 + 1;
    double[] re = new double[m];
    double[] im = new double[m];
    // Packing: a[0] = Re0; even n: a[1] = Re(n/2); odd n: a[1] = Im((n-1)/2);
    // a[2k] = Re k, a[2k+1] = Im k for 1 <= k < n/2 (and k = (n-1)/2 when odd, except a[1]).
    re[0] = packed[0];
    for (int k = 1; k < m; k++) {
      if (n % 2 == 0 && k == n / 2) {
        re[k] = packed[1];
      } else if (n % 2 == 1 && k == (n - 1) / 2) {
        re[k] = packed[n - 1];
        im[k] = packed[1];
      } else {
        re[k] = packed[2 * k];
        im[k] = packed[2 * k + 1];
      }
    }
    return new double[][] {re, im};
  }
}
