package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.Scalars;

/**
 * FEARec's frequency-domain attention (paper §3.3, FEARec-spec §3b).
 *
 * <p>By the Wiener–Khinchin theorem the circular cross-correlation of queries and keys over every
 * time lag τ is one FFT product away: corr = irfft(Q̃ ⊙ conj(K̃)), where Q̃, K̃ keep only the
 * layer's band. Averaged over channels (and heads, which is the same average), corr(τ) scores how
 * well the sequence matches itself shifted by τ: a periodic behaviour with period p gives high
 * scores at τ = p, 2p, …. The k best lags are kept and the values rolled by each of them are
 * summed with softmax weights ("time-delay aggregation").
 *
 * <p>{@link #lagScoresByFft} computes the scores exactly that way. The model uses {@link
 * #lagScores}, which computes the same numbers with real matrix products: with q̃ = P·q and
 * k̃ = P·k band-limited by the {@link BandFilter} projection, G = q̃·k̃ᵀ holds every product
 * q̃[s]·k̃[t], and corr(τ) is the sum of G along the circular diagonal s = t + τ. For sequence
 * lengths like N = 50 this is several times faster on a CPU than complex FFTs, mostly in the
 * backward pass; the tests check both routes against a direct O(N²) sum.
 *
 * <p>In training the k lags are chosen once per batch from the batch-averaged scores (as in the
 * authors' code); in inference each sample chooses its own, so its output is independent of the
 * rest of the batch. No mask: the shift mixes all N positions, padding and wrap-around included.
 */
public final class AutoCorrelationAttention {

  private final BandFilter filter;
  private final int length;
  private final int topK;
  private final float[] diagonalSums;
  private final float[] shiftMatrices;

  /**
   * @param band the layer's band (spec §3a)
   * @param length N
   * @param topK k, the number of lags aggregated
   */
  public AutoCorrelationAttention(FrequencyBand band, int length, int topK) {
    this.filter = new BandFilter(band, length);
    this.length = length;
    this.topK = topK;
    this.diagonalSums = diagonalSums(length);
    this.shiftMatrices = shiftMatrices(length);
  }

  /** S[τ, t·N + s] = 1 when s = (t + τ) mod N: row τ is the roll by −τ as an N×N matrix. */
  private static float[] shiftMatrices(int n) {
    float[] m = new float[n * n * n];
    for (int tau = 0; tau < n; tau++) {
      for (int t = 0; t < n; t++) {
        m[tau * n * n + t * n + (t + tau) % n] = 1f;
      }
    }
    return m;
  }

  /** C[s·N + t, τ] = 1 when s = (t + τ) mod N: G (flattened) · C sums G's circular diagonals. */
  private static float[] diagonalSums(int n) {
    float[] c = new float[n * n * n];
    for (int t = 0; t < n; t++) {
      for (int tau = 0; tau < n; tau++) {
        int s = (t + tau) % n;
        c[(s * n + t) * n + tau] = 1f;
      }
    }
    return c;
  }

  public BandFilter filter() {
    return filter;
  }

  /**
   * The channel-averaged auto-correlation of queries and keys per lag, by matrix products.
   *
   * @param q (B, N, d)
   * @param k (B, N, d)
   * @return (B, N): entry [b, τ] = mean over channels c of Σ_t q̃[b, t+τ, c]·k̃[b, t, c]
   */
  public NDArray lagScores(NDArray q, NDArray k) {
    return lagScoresOfFiltered(filter.apply(q), filter.apply(k));
  }

  /** {@link #lagScores} of already band-limited queries and keys. */
  public NDArray lagScoresOfFiltered(NDArray qFiltered, NDArray kFiltered) {
    Shape s = qFiltered.getShape();
    long batch = s.get(0);
    long d = s.get(2);
    NDArray products = qFiltered.matMul(kFiltered.transpose(0, 2, 1)); // G[b, s, t]
    NDArray diagonals =
        qFiltered
            .getManager()
            .create(diagonalSums, new Shape((long) length * length, length))
            .toDevice(qFiltered.getDevice(), false)
            .toType(qFiltered.getDataType(), false);
    NDArray sums = products.reshape(batch, (long) length * length).matMul(diagonals);
    return Scalars.scale(sums, 1.0 / d);
  }

  /**
   * The same scores by the FFT route of the paper: irfft(mean over channels of Q̃ ⊙ conj(K̃)).
   * Channel averaging commutes with the (linear) inverse FFT, so one irfft per sample runs.
   */
  public NDArray lagScoresByFft(NDArray q, NDArray k) {
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
   * <p>Each roll is a permutation matrix S_τ, so the sum is one N×N matrix per sample, R = Σ_τ
   * u[τ]·S_τ, where u spreads the k weights over the N lags (0 elsewhere); out = R·v. Building R
   * and applying it are two matrix products, which run (and differentiate) faster on a CPU than
   * gathering k shifted copies of v.
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d)
   */
  public NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    Shape s = v.getShape();
    long batch = s.get(0);
    NDArray lagWeights =
        lags.oneHot(length).toType(weights.getDataType(), false)
            .mul(weights.expandDims(2))
            .sum(new int[] {1}); // u (B, N)
    NDArray shifts =
        v.getManager()
            .create(shiftMatrices, new Shape(length, (long) length * length))
            .toDevice(v.getDevice(), false)
            .toType(weights.getDataType(), false);
    NDArray mixing = lagWeights.matMul(shifts).reshape(batch, length, length); // R[b, t, s]
    return mixing.matMul(v);
  }

  /**
   * {@link #aggregate} at one position per row, for a last layer whose output is read there
   * only: out[b] = Σ_i w_i · v[b, (rows[b] + τ_i) mod N], a gather of k value rows instead of an
   * N×N mixing matrix per sample.
   *
   * @param rows (B) int64
   * @return (B, 1, d)
   */
  public NDArray aggregateAt(NDArray v, NDArray lags, NDArray weights, NDArray rows) {
    Shape s = v.getShape();
    Shape picked = new Shape(s.get(0), lags.getShape().get(1), s.get(2));
    NDArray positions = lags.add(rows.expandDims(1)).mod(length); // integer indices: no gradient
    NDArray shifted = v.gather(positions.expandDims(2).broadcast(picked), 1); // (B, k, d)
    return weights.expandDims(1).matMul(shifted);
  }

  /**
   * @param q queries (B, N, d)
   * @param k keys (B, N, d)
   * @param v values (B, N, d)
   * @param training selects batch-shared (true) or per-sample (false) lags
   * @return the frequency-domain context A_freq (B, N, d)
   */
  public NDArray attend(NDArray q, NDArray k, NDArray v, boolean training) {
    return attendFiltered(filter.apply(q), filter.apply(k), v, training);
  }

  /** {@link #attend} with queries and keys already band-limited by {@link #filter()}. */
  public NDArray attendFiltered(
      NDArray qFiltered, NDArray kFiltered, NDArray v, boolean training) {
    NDList lags = selectLags(lagScoresOfFiltered(qFiltered, kFiltered), training);
    return aggregate(v, lags.get(0), lags.get(1));
  }

  /**
   * {@link #attendFiltered} at one position per row; the lags still come from every position.
   *
   * @param rows (B) int64
   * @return (B, 1, d)
   */
  public NDArray attendFilteredAt(
      NDArray qFiltered, NDArray kFiltered, NDArray v, NDArray rows, boolean training) {
    NDList lags = selectLags(lagScoresOfFiltered(qFiltered, kFiltered), training);
    return aggregateAt(v, lags.get(0), lags.get(1), rows);
  }
}
