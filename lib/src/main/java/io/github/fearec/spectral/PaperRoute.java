package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The paper route: FEARec's frequency operations computed as the paper writes them (§3.3,
 * docs/model.md §4–5), with real FFTs along the time axis and the time-delay aggregation as a
 * gather of circularly shifted rows. Its cost grows as N log N per channel (spectra) and k·N per
 * channel (aggregation), so it is the route for long sequences; {@link ShortSequenceRoute}
 * computes the same numbers with matrix products, which is faster while N is small.
 *
 * <p>The spectra are taken with the time axis last, (B, d, N): libtorch transforms contiguous
 * rows faster than a strided middle axis, more than paying for the two transposes.
 */
final class PaperRoute implements SpectralRoute {

  private final int length;
  private final float[] mask;
  private final boolean identity;

  PaperRoute(FrequencyBand band, int length) {
    this.length = length;
    this.mask = band.mask(FrequencyRamp.spectrumLength(length));
    this.identity = band.coversAll(mask.length);
  }

  /**
   * The band-limited spectrum along the time axis: X̃ = rfft(x) ⊙ 1_band.
   *
   * @param x (B, N, d)
   * @return complex (B, d, M), 0 outside the band
   */
  NDArray spectrum(NDArray x) {
    NDArray full = x.transpose(0, 2, 1).rfft(length, -1);
    NDArray kept = full.mul(bins(x));
    full.close(); // only the masked spectrum is used (and the backward pass keeps the mask only)
    return kept;
  }

  /** irfft(X̃) along time: x with only the band's frequencies (docs/model.md §3), (B, N, d). */
  @Override
  public NDArray bandLimit(NDArray x) {
    if (identity) {
      return x;
    }
    NDArray kept = spectrum(x);
    NDArray limited = kept.irfft(length, -1);
    kept.close();
    return limited.transpose(0, 2, 1);
  }

  /**
   * Wiener–Khinchin: corr = irfft(Q̃ ⊙ conj(K̃)) is the circular cross-correlation over every lag τ
   * at once. Averaging over channels commutes with the (linear) inverse FFT, so the channels are
   * averaged in the frequency domain and one irfft per sample runs. Since the mask is 0 or 1,
   * (Q̂·1)·conj(K̂·1) = Q̂·conj(K̂)·1: the band is applied once, to the averaged cross-spectrum,
   * which also makes the result the same whether or not q and k were band-limited before.
   */
  @Override
  public NDArray lagScores(NDArray q, NDArray k) {
    NDArray qs = q.transpose(0, 2, 1).rfft(length, -1); // Q̂ (B, d, M)
    NDArray ks = k.transpose(0, 2, 1).rfft(length, -1);
    NDArray products = qs.mul(ks.conj());
    NDArray cross = products.mean(new int[] {1}); // (B, M)
    products.close();
    return (identity ? cross : cross.mul(bins(q))).irfft(length, -1);
  }

  /** Band-limited inputs need nothing different here: see {@link #lagScores}. */
  @Override
  public NDArray lagScoresOfBandLimited(NDArray qBand, NDArray kBand) {
    return lagScores(qBand, kBand);
  }

  /**
   * Σ_i w_i · roll(v, −τ_i) as one gather: row (i, t) of the gathered array is v[(t + τ_i) mod N],
   * the k shifted copies side by side (B, k·N, d); the weights then sum them with one batched
   * product.
   */
  @Override
  public NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    Shape s = v.getShape();
    long batch = s.get(0);
    long k = lags.getShape().get(1);
    NDArray time =
        v.getManager().arange(0L, (long) length, 1L, DataType.INT64).toDevice(v.getDevice(), false);
    NDArray positions = lags.expandDims(2).add(time.reshape(1, 1, length)).mod(length); // (B, k, N)
    NDArray shifted = rowsAt(v, positions.reshape(batch, k * length));
    return weights.expandDims(1).matMul(shifted.reshape(batch, k, length * s.get(2))).reshape(s);
  }

  /**
   * out[b, j] = v[b, positions[b, j]]: the gather both aggregations use. The index is broadcast
   * over the channels as a view, so no (B, P, d) index is ever materialised.
   *
   * @param v (B, N, d)
   * @param positions (B, P) int64 (integer indices carry no gradient)
   * @return (B, P, d)
   */
  static NDArray rowsAt(NDArray v, NDArray positions) {
    Shape p = positions.getShape();
    return v.gather(positions.expandDims(2).broadcast(new Shape(p.get(0), p.get(1), v.getShape().get(2))), 1);
  }

  /** The mask as a constant of x's device and real precision: (M), matching the last axis. */
  private NDArray bins(NDArray x) {
    return x.getManager()
        .create(mask)
        .toDevice(x.getDevice(), false)
        .toType(x.getDataType(), false);
  }
}
