package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.QueryRows;

/**
 * FEARec's frequency-domain attention (paper §3.3, docs/model.md §4).
 *
 * <p>By the Wiener–Khinchin theorem the circular cross-correlation of queries and keys over every
 * time lag τ is one FFT product away: corr = irfft(Q̃ ⊙ conj(K̃)), where Q̃, K̃ keep only the
 * layer's band. Averaged over channels (and heads, which is the same average), corr(τ) scores how
 * well the sequence matches itself shifted by τ: a periodic behaviour with period p gives high
 * scores at τ = p, 2p, …. The k best lags are kept and the values rolled by each of them are
 * summed with softmax weights ("time-delay aggregation").
 *
 * <p>{@link PaperRoute} computes exactly that, with FFTs and a gather of rolled rows. For short
 * sequences {@link ShortSequenceRoute} computes the same numbers with matrix products, which is
 * faster on a CPU there; the layer's {@link BandFilter} picks the route ({@link RouteChoice}).
 *
 * <p>In training the k lags are chosen once per batch from the batch-averaged scores (as in the
 * authors' code); in inference each sample chooses its own by default, so its output is
 * independent of the rest of the batch ({@link LagSelection}). No mask: the shift mixes all N
 * positions, padding and wrap-around included.
 */
public final class AutoCorrelationAttention {

  private final BandFilter filter;
  private final int length;
  private final int topK;

  /**
   * An attention whose route is chosen by N and device ({@link RouteChoice#AUTO}).
   *
   * @param band the layer's band (docs/model.md §3)
   * @param length N
   * @param topK k, the number of lags aggregated
   */
  public AutoCorrelationAttention(FrequencyBand band, int length, int topK) {
    this(band, length, topK, RouteChoice.AUTO);
  }

  /** As above, with the route fixed by {@code choice}. */
  public AutoCorrelationAttention(FrequencyBand band, int length, int topK, RouteChoice choice) {
    this.filter = new BandFilter(band, length, choice);
    this.length = length;
    this.topK = topK;
  }

  public BandFilter filter() {
    return filter;
  }

  /**
   * The channel-averaged auto-correlation of queries and keys per lag.
   *
   * @param q (B, N, d)
   * @param k (B, N, d)
   * @return (B, N): entry [b, τ] = mean over channels c of Σ_t q̃[b, t+τ, c]·k̃[b, t, c]
   */
  public NDArray lagScores(NDArray q, NDArray k) {
    return filter.route(q.getDevice()).lagScores(q, k);
  }

  /** {@link #lagScores} of queries and keys already band-limited by {@link #filter()}. */
  public NDArray lagScoresOfFiltered(NDArray qFiltered, NDArray kFiltered) {
    return filter.route(qFiltered.getDevice()).lagScoresOfBandLimited(qFiltered, kFiltered);
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
   * v[(t + τ_i) mod N], at every position t.
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d)
   */
  public NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    return filter.route(v.getDevice()).aggregate(v, lags, weights);
  }

  /**
   * {@link #aggregate} at the query rows: out[b, t] = Σ_i w_i · v[b, (t + τ_i) mod N] for every t
   * of {@code rows}.
   *
   * @return (B, N, d), or (B, 1, d) for one position per row
   */
  private NDArray aggregate(NDArray v, NDArray lags, NDArray weights, QueryRows rows) {
    if (rows.isAll()) {
      return aggregate(v, lags, weights);
    }
    // One position reads k value rows: a gather, the same in both routes and cheaper than either
    // route's whole-sequence form.
    NDArray positions = lags.add(rows.positions().expandDims(1)).mod(length); // (B, k)
    return weights.expandDims(1).matMul(PaperRoute.rowsAt(v, positions));
  }

  /**
   * The frequency-domain context A_freq from queries and keys already band-limited by {@link
   * #filter()}, at the query rows; the lags always come from every position.
   *
   * @param v values (B, N, d)
   * @param rows {@link QueryRows#ALL}, or the one position per row that is needed
   * @param batchLags batch-shared lags (true: always in training) or per-sample ones (false)
   * @return (B, N, d), or (B, 1, d) for one position per row
   */
  public NDArray attendFiltered(
      NDArray qFiltered, NDArray kFiltered, NDArray v, QueryRows rows, boolean batchLags) {
    NDList lags = selectLags(lagScoresOfFiltered(qFiltered, kFiltered), batchLags);
    return aggregate(v, lags.get(0), lags.get(1), rows);
  }
}
