package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;

/**
 * One way to compute the frequency operations of a FEARec layer for one band and one sequence
 * length N. There are two, equal in values and gradients (the tests check both against direct
 * O(N²) sums and finite differences):
 *
 * <ul>
 *   <li>{@link PaperRoute}, the paper route: rfft, band, Q̃·conj(K̃), irfft, and the time-delay
 *       aggregation as a gather of rolled rows; O(N log N);
 *   <li>{@link ShortSequenceRoute}, the fast route for short sequences: the same linear maps as
 *       matrix products with constant matrices; O(N³), but faster on a CPU while N is small.
 * </ul>
 *
 * {@link RouteChoice} decides which one runs. Shapes: B samples, N positions, d channels.
 */
sealed interface SpectralRoute permits PaperRoute, ShortSequenceRoute {

  /**
   * @param x (B, N, d)
   * @return (B, N, d): x with only the band's frequencies along the time axis
   */
  NDArray bandLimit(NDArray x);

  /**
   * The channel-averaged circular cross-correlation of the band-limited queries and keys.
   *
   * @param q (B, N, d)
   * @param k (B, N, d)
   * @return (B, N): entry [b, τ] = mean over channels c of Σ_t q̃[b, (t+τ) mod N, c]·k̃[b, t, c]
   */
  NDArray lagScores(NDArray q, NDArray k);

  /** {@link #lagScores} of queries and keys already band-limited by {@link #bandLimit}. */
  NDArray lagScoresOfBandLimited(NDArray qBand, NDArray kBand);

  /**
   * Time-delay aggregation: out[b, t] = Σ_i weights[b, i] · v[b, (t + lags[b, i]) mod N].
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d)
   */
  NDArray aggregate(NDArray v, NDArray lags, NDArray weights);
}
