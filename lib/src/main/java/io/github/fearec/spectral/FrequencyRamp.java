package io.github.fearec.spectral;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The frequency ramp structure of FEARec (paper §3.2, "frequency ramp structure"): each layer of
 * the encoder attends over a different band of the real spectrum. Layer 0 keeps the highest
 * frequencies and every deeper layer slides the band towards the low frequencies, so the stack
 * as a whole sees the full spectrum instead of the low-pass view self-attention converges to.
 *
 * <p>With spectrum length {@code M = N/2 + 1}, {@code L} layers and global ratio γ:
 *
 * <ul>
 *   <li>γ &gt; 1/L ("global" mode): width w = γ, step s = ⌊M·(1−γ)/(L−1)⌋;
 *   <li>otherwise ("local" mode): w = 1/L, step s = M/L.
 * </ul>
 *
 * Layer l keeps {@code [int(M·(1−w) − l·s), int(M − l·s))}. With L = 1 the condition γ &gt; 1/L
 * never holds, so local mode applies and the single layer keeps every bin; the division by L−1
 * is never reached.
 */
public final class FrequencyRamp {

  private final int spectrumLength;
  private final List<FrequencyBand> bands;
  private final boolean global;

  private FrequencyRamp(int spectrumLength, List<FrequencyBand> bands, boolean global) {
    this.spectrumLength = spectrumLength;
    this.bands = bands;
    this.global = global;
  }

  /**
   * Computes the band of every layer.
   *
   * @param maxLength N, the sequence length the FFT runs over (at least 2)
   * @param numLayers L (at least 1)
   * @param globalRatio γ in (0, 1]
   */
  public static FrequencyRamp of(int maxLength, int numLayers, double globalRatio) {
    if (maxLength < 2) {
      throw new IllegalArgumentException("max length N must be at least 2, got " + maxLength);
    }
    if (numLayers < 1) {
      throw new IllegalArgumentException("the number of layers must be at least 1, got " + numLayers);
    }
    if (!(globalRatio > 0 && globalRatio <= 1)) {
      throw new IllegalArgumentException("global ratio γ must lie in (0, 1], got " + globalRatio);
    }
    int m = spectrumLength(maxLength);
    boolean global = globalRatio > 1.0 / numLayers;
    double width;
    double step;
    if (global) {
      width = globalRatio;
      step = Math.floor(m * (1 - globalRatio) / (numLayers - 1));
    } else {
      width = 1.0 / numLayers;
      step = (double) m / numLayers;
    }
    List<FrequencyBand> bands = new ArrayList<>(numLayers);
    for (int layer = 0; layer < numLayers; layer++) {
      if ((layer & 0x3FF) == 0x3FF && Thread.currentThread().isInterrupted()) {
        throw new CancellationException("frequency ramp of " + numLayers + " layers interrupted");
      }
      // Python's int() truncates towards zero; both bounds are non-negative here.
      int left = (int) (m * (1 - width) - layer * step);
      int right = (int) (m - layer * step);
      if (right <= left) {
        throw new IllegalArgumentException(
            String.format(
                "with N=%d, L=%d and γ=%s layer %d would keep no frequency bin (band [%d, %d) of"
                    + " M=%d); use fewer layers or a longer sequence",
                maxLength, numLayers, globalRatio, layer, left, right, m));
      }
      bands.add(new FrequencyBand(left, right));
    }
    return new FrequencyRamp(m, Collections.unmodifiableList(bands), global);
  }

  /** M = N/2 + 1: the number of bins the real FFT of a length-N signal has. */
  public static int spectrumLength(int maxLength) {
    return maxLength / 2 + 1;
  }

  public int spectrumLength() {
    return spectrumLength;
  }

  /** True in global mode (γ &gt; 1/L), false in local mode. */
  public boolean isGlobal() {
    return global;
  }

  public int numLayers() {
    return bands.size();
  }

  public FrequencyBand band(int layer) {
    return bands.get(layer);
  }

  public List<FrequencyBand> bands() {
    return bands;
  }

  @Override
  public String toString() {
    return (global ? "global" : "local") + " ramp over M=" + spectrumLength + " bins: " + bands;
  }
}
