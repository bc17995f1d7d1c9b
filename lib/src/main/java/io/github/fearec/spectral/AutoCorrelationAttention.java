package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * FEARec's frequency-domain attention (paper §3.3, FEARec-spec §3b).
 *
 * <p>By the Wiener–Khinchin theorem the circular cross-correlation of queries and keys over every
 * time lag τ is one FFT product away: corr = irfft(Q̃ ⊙ conj(K̃)), where Q̃, K̃ keep only the
 * layer's band. Averaged over channels (and heads, which is the same average), corr(τ) scores how
 * well the sequence matches itself shifted by τ: a periodic behaviour with period p gives high
 * scores at τ = p, 2p, …. The k best lags are kept and the values rolled by each of them are
 * summed with softmax weights ("time-delay aggregation"). Because channel averaging commutes with
 * the (linear) inverse FFT, the spectra are averaged first and only one irfft per sample runs.
 *
 * <p>In training the k lags are chosen once per batch from the batch-averaged scores (as in the
 * authors' code); in inference each sample chooses its own, so its output is independent of the
 * rest of the batch. No mask: the FFT and the circular shift mix all N positions, padding and
 * wrap-around included.
 */
public final class AutoCorrelationAttention {

  private final BandFilter filter;
  private final int length;
  private final int topK;

  /**
   * @param band the layer's band (spec §3a)
   * @param length N
   * @param topK k, the number of lags aggregated
   */
  public AutoCorrelationAttention(FrequencyBand band, int length, int topK) {
    this.filter = new BandFilter(band, length);
    this.length = length;
    this.topK = topK;
  }

  /**
   * The channel-averaged auto-correlation of queries and keys per lag.
   *
   * @param q (B, N, d)
   * @param k (B, N, d)
   * @return (B, N): entry [b, τ] = mean over channels c of Σ_t q̃[b, t+τ, c]·k̃[b, t, c]
   */
  public NDArray lagScores(NDArray q, NDArray k) {
    NDArray cross = filter.spectrum(q).mul(filter.spectrum(k).conj());
    return cross.mean(new int[] {1}).irfft(length, -1);
  }

  /**
   * The k lags each sample aggregates and their softmax weights.
   *
   * @param scores (B, N) from {@link #lagScores}
   * @param shareAcrossBatch true in training: one set of lags from the batch-averaged scores
   * @return [lags (B, k) int64, weights (B, k)]
   */
  public NDList selectLags(NDArray scores, boolean shareAcrossBatch) {
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
   * Time-delay aggregation: Σ_i weight_i · roll(v, −τ_i) along time, i.e. out[t] = Σ_i w_i ·
   * v[(t + τ_i) mod N].
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d)
   */
  public static NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    Shape s = v.getShape();
    long batch = s.get(0);
    long n = s.get(1);
    long d = s.get(2);
    long k = lags.getShape().get(1);
    NDManager manager = v.getManager();
    NDArray time = manager.arange(0, n, 1, DataType.INT64).toDevice(v.getDevice(), false);
    // index[b, i, t] = (t + τ_bi) mod N, flattened to (B, k·N) and repeated over channels
    NDArray index = lags.expandDims(2).add(time.reshape(1, 1, n)).mod(n).reshape(batch, k * n);
    NDArray shifted =
        v.gather(index.expandDims(2).broadcast(new Shape(batch, k * n, d)), 1)
            .reshape(batch, k, n, d);
    return shifted.mul(weights.reshape(batch, k, 1, 1)).sum(new int[] {1});
  }

  /**
   * @param q queries (B, N, d)
   * @param k keys (B, N, d)
   * @param v values (B, N, d)
   * @param training selects batch-shared (true) or per-sample (false) lags
   * @return the frequency-domain context A_freq (B, N, d)
   */
  public NDArray attend(NDArray q, NDArray k, NDArray v, boolean training) {
    NDList lags = selectLags(lagScores(q, k), training);
    return aggregate(v, lags.get(0), lags.get(1));
  }
}
