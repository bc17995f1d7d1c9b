package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * FEARec's frequency-domain attention (paper §3.3, docs/model.md §4), in its three steps:
 *
 * <ol>
 *   <li>{@link #lagScores}: by the Wiener–Khinchin theorem the circular cross-correlation of
 *       queries and keys over every time lag τ is one FFT product away, corr = irfft(Q̃ ⊙
 *       conj(K̃)), where Q̃, K̃ keep only the layer's band. Averaged over channels (and heads,
 *       which is the same average), corr(τ) scores how well the sequence matches itself shifted by
 *       τ: a periodic behaviour with period p gives high scores at τ = p, 2p, ….
 *   <li>{@link #selectLags}: the k best lags and the softmax of their scores. In training the k
 *       lags are chosen once per batch from the batch-averaged scores (as in the authors' code);
 *       in inference each sample chooses its own by default, so its output is independent of the
 *       rest of the batch ({@link LagSelection}).
 *   <li>{@link #aggregate}: the values rolled back by each lag, summed with those weights
 *       ("time-delay aggregation").
 * </ol>
 *
 * No mask: the shift mixes all N positions, padding and wrap-around included.
 *
 * <p>This class computes the steps as docs/model.md defines them, with FFTs and a gather of rolled
 * rows. A model built with an acceleration ({@code accel.Acceleration}, docs/model.md §11) may be
 * given an equivalent subclass instead, which computes steps 1 and 3 with matrix products for
 * short sequences; {@code Acceleration.NONE} uses this one.
 */
public class AutoCorrelationAttention {

  private final BandFilter filter;
  private final int length;
  private final int topK;

  /**
   * @param band the layer's band (docs/model.md §3)
   * @param length N
   * @param topK k, the number of lags aggregated
   */
  public AutoCorrelationAttention(FrequencyBand band, int length, int topK) {
    this(new BandFilter(band, length), length, topK);
  }

  /** For a subclass that computes the same steps with its own, equivalent band filter. */
  protected AutoCorrelationAttention(BandFilter filter, int length, int topK) {
    this.filter = filter;
    this.length = length;
    this.topK = topK;
  }

  /** The filter of this layer's band, which the layer applies to its queries and keys. */
  public BandFilter filter() {
    return filter;
  }

  /**
   * Step 1: the channel-averaged circular cross-correlation of the band-limited queries and keys.
   *
   * <p>Averaging over channels commutes with the (linear) inverse FFT, so the channels are
   * averaged in the frequency domain and one irfft per sample runs. Since the mask is 0 or 1,
   * (Q̂·1)·conj(K̂·1) = Q̂·conj(K̂)·1: the band is applied once, to the averaged cross-spectrum,
   * which also makes the result the same whether or not q and k were band-limited before.
   *
   * @param q (B, N, d)
   * @param k (B, N, d)
   * @return (B, N): entry [b, τ] = mean over channels c of Σ_t q̃[b, (t+τ) mod N, c]·k̃[b, t, c]
   */
  public NDArray lagScores(NDArray q, NDArray k) {
    NDArray qs = q.transpose(0, 2, 1).rfft(length, -1); // Q̂ (B, d, M)
    NDArray ks = k.transpose(0, 2, 1).rfft(length, -1);
    NDArray products = qs.mul(ks.conj());
    NDArray cross = products.mean(new int[] {1}); // (B, M)
    products.close();
    return (filter.keepsEverything() ? cross : cross.mul(filter.mask(q))).irfft(length, -1);
  }

  /**
   * {@link #lagScores} of queries and keys already band-limited by {@link #filter()}. Band-limited
   * inputs need nothing different here (see {@link #lagScores}); a subclass may skip the band.
   */
  public NDArray lagScoresOfFiltered(NDArray qFiltered, NDArray kFiltered) {
    return lagScores(qFiltered, kFiltered);
  }

  /**
   * Step 2: the k lags each sample aggregates and their softmax weights.
   *
   * @param scores (B, N) from {@link #lagScores}
   * @param shareAcrossBatch true in training: one set of lags from the batch-averaged scores
   * @return [lags (B, k) int64, weights (B, k)]
   */
  public final NDList selectLags(NDArray scores, boolean shareAcrossBatch) {
    NDArray lags;
    NDArray chosen;
    if (shareAcrossBatch) {
      long batch = scores.getShape().get(0);
      NDArray shared = scores.mean(new int[] {0}).topK(topK, -1).get(1);
      lags = shared.expandDims(0).broadcast(new Shape(batch, topK));
      chosen = scores.gather(lags, 1);
    } else {
      NDList best = scores.topK(topK, -1);
      lags = best.get(1);
      chosen = best.get(0);
    }
    return new NDList(lags, chosen.softmax(-1));
  }

  /**
   * Step 3, time-delay aggregation: Σ_i weight_i · roll(v, −τ_i) along time, i.e. out[t] = Σ_i w_i
   * · v[(t + τ_i) mod N], at every position t. Computed as one gather: row (i, t) of the gathered
   * array is v[(t + τ_i) mod N], the k shifted copies side by side (B, k·N, d); the weights then
   * sum them with one batched product.
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d)
   */
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
   * out[b, j] = v[b, positions[b, j]]. The index is broadcast over the channels as a view, so no
   * (B, P, d) index is ever materialised.
   *
   * @param v (B, N, d)
   * @param positions (B, P) int64 (integer indices carry no gradient)
   * @return (B, P, d)
   */
  public static NDArray rowsAt(NDArray v, NDArray positions) {
    Shape p = positions.getShape();
    return v.gather(positions.expandDims(2).broadcast(new Shape(p.get(0), p.get(1), v.getShape().get(2))), 1);
  }
}
