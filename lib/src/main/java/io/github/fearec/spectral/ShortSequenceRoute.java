package io.github.fearec.spectral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.Scalars;

/**
 * The fast route for short sequences: the same linear maps as the {@link PaperRoute}, written as
 * real matrix products with constant matrices. On a CPU, libtorch's matrix products are so much
 * faster than its FFTs and gathers that this wins while N is small, although it costs O(N³) per
 * sample for the lag scores and the aggregation (and constants of N³ floats): {@link RouteChoice}
 * says up to which N, as measured.
 *
 * <ul>
 *   <li>Band limit: rfft, mask, irfft is linear in the signal, so for a fixed N it is one real
 *       N×N matrix P (a projection, P = Pᵀ = P²). P is circulant, P[s, t] = p[(s − t) mod N],
 *       with p the band-limited unit impulse ({@link DirectSpectra#bandLimit}).
 *   <li>Lag scores: G = q̃·k̃ᵀ holds every product q̃[s]·k̃[t]; corr(τ) is the sum of G along
 *       the circular diagonal s = t + τ, one product with a constant N²×N 0/1 matrix C.
 *   <li>Aggregation: each roll is a permutation matrix S_τ, so Σ_i w_i·S_{τ_i} is one N×N
 *       mixing matrix R per sample, built from the lag weights with a constant N×N² matrix.
 * </ul>
 *
 * Every constant is built on first use only: a filter whose route is the paper route (every N
 * from {@link RouteChoice#CPU_PAPER_ROUTE_FROM} on a CPU) never pays for P's O(N²) set-up, and a
 * route of more than {@link #MAX_LENGTH} positions is refused, whose N³ constants would not fit a
 * Java array.
 */
final class ShortSequenceRoute implements SpectralRoute {

  /** The longest N this route takes: N³ values must fit a Java array (2³¹ − 1). */
  static final int MAX_LENGTH = 1290;

  private final FrequencyBand band;
  private final int length;
  private final boolean identity;
  private float[] projection;
  private float[] diagonalSums;
  private float[] shiftMatrices;

  ShortSequenceRoute(FrequencyBand band, int length) {
    this.band = band;
    this.length = length;
    this.identity = band.coversAll(FrequencyRamp.spectrumLength(length));
  }

  /** P as a row-major N×N array: column t is the band-limited unit impulse at t. */
  float[] projectionMatrix() {
    return projection().clone();
  }

  /** P·x per sample, (B, N, d). */
  @Override
  public NDArray bandLimit(NDArray x) {
    if (identity) {
      return x;
    }
    return constant(x, projection(), new Shape(1, length, length)).matMul(x);
  }

  private synchronized float[] projection() {
    if (projection == null) {
      projection = projection(band, length);
    }
    return projection;
  }

  @Override
  public NDArray lagScores(NDArray q, NDArray k) {
    return lagScoresOfBandLimited(bandLimit(q), bandLimit(k));
  }

  /** Σ of G = q̃·k̃ᵀ along the circular diagonals, over channels: (B, N). */
  @Override
  public NDArray lagScoresOfBandLimited(NDArray qBand, NDArray kBand) {
    Shape s = qBand.getShape();
    long batch = s.get(0);
    NDArray products = qBand.matMul(kBand.transpose(0, 2, 1)); // G[b, s, t]
    NDArray diagonals = constant(qBand, diagonalSums(), new Shape((long) length * length, length));
    NDArray sums = products.reshape(batch, (long) length * length).matMul(diagonals);
    return Scalars.scale(sums, 1.0 / s.get(2));
  }

  /** out = R·v with R = Σ_τ u[τ]·S_τ, u spreading the k weights over the N lags. */
  @Override
  public NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    long batch = v.getShape().get(0);
    NDArray lagWeights =
        lags.oneHot(length)
            .toType(weights.getDataType(), false)
            .mul(weights.expandDims(2))
            .sum(new int[] {1}); // u (B, N)
    NDArray shifts = constant(weights, shiftMatrices(), new Shape(length, (long) length * length));
    NDArray mixing = lagWeights.matMul(shifts).reshape(batch, length, length); // R[b, t, s]
    return mixing.matMul(v);
  }

  /** C[s·N + t, τ] = 1 when s = (t + τ) mod N: G (flattened) · C sums G's circular diagonals. */
  private synchronized float[] diagonalSums() {
    if (diagonalSums == null) {
      requireCubeFits();
      int n = length;
      float[] c = new float[n * n * n];
      for (int t = 0; t < n; t++) {
        for (int tau = 0; tau < n; tau++) {
          c[(((t + tau) % n) * n + t) * n + tau] = 1f;
        }
      }
      diagonalSums = c;
    }
    return diagonalSums;
  }

  /** S[τ, t·N + s] = 1 when s = (t + τ) mod N: row τ is the roll by −τ as an N×N matrix. */
  private synchronized float[] shiftMatrices() {
    if (shiftMatrices == null) {
      requireCubeFits();
      int n = length;
      float[] m = new float[n * n * n];
      for (int tau = 0; tau < n; tau++) {
        for (int t = 0; t < n; t++) {
          m[tau * n * n + t * n + (t + tau) % n] = 1f;
        }
      }
      shiftMatrices = m;
    }
    return shiftMatrices;
  }

  private void requireCubeFits() {
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the short-sequence route builds constants of N³ values, which for N = " + length
              + " exceed a Java array (N <= " + MAX_LENGTH + "); use RouteChoice.PAPER or AUTO");
    }
  }

  private static float[] projection(FrequencyBand band, int n) {
    double[] impulse = new double[n];
    impulse[0] = 1;
    double[] column = DirectSpectra.bandLimit(impulse, band);
    float[] p = new float[n * n];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        p[s * n + t] = (float) column[Math.floorMod(s - t, n)];
      }
    }
    return p;
  }

  /** A constant of {@code like}'s manager, device and precision. */
  private static NDArray constant(NDArray like, float[] values, Shape shape) {
    return like.getManager()
        .create(values, shape)
        .toDevice(like.getDevice(), false)
        .toType(like.getDataType(), false);
  }
}
