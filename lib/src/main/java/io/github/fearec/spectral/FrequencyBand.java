package io.github.fearec.spectral;

/**
 * A half-open range {@code [left, right)} of real-FFT bins, 0 being the constant (DC) bin and
 * {@code M - 1 = N/2} the highest frequency of a length-N signal.
 */
public record FrequencyBand(int left, int right) {

  public FrequencyBand {
    if (left < 0 || right <= left) {
      throw new IllegalArgumentException(
          "a frequency band needs 0 <= left < right, got [" + left + ", " + right + ")");
    }
  }

  public int width() {
    return right - left;
  }

  public boolean contains(int bin) {
    return bin >= left && bin < right;
  }

  /** True when the band keeps every bin of a spectrum of length {@code spectrumLength}. */
  public boolean coversAll(int spectrumLength) {
    return left == 0 && right >= spectrumLength;
  }

  /** 1 for kept bins, 0 elsewhere: the constant mask the FFT layers multiply spectra with. */
  public float[] mask(int spectrumLength) {
    float[] mask = new float[spectrumLength];
    for (int bin = left; bin < Math.min(right, spectrumLength); bin++) {
      mask[bin] = 1f;
    }
    return mask;
  }

  @Override
  public String toString() {
    return "[" + left + ", " + right + ")";
  }
}
