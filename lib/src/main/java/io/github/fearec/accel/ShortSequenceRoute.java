package io.github.fearec.accel;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.Scalars;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.DirectSpectra;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The matrix route for short sequences: the same linear maps as {@link BandFilter} and {@link
 * AutoCorrelationAttention} compute with FFTs and gathers (docs/model.md §3–4), written as real
 * matrix products with constant matrices. On a CPU, libtorch's matrix products are so much faster
 * than its FFTs and gathers that this wins while N is small, although it costs O(N³) per sample for
 * the lag scores and the aggregation (and constants of N³ floats): {@link Acceleration#AUTO} says
 * up to which N, as measured. A model gets it as subclasses of the two paper classes ({@link
 * #bandFilter}, {@link #autoCorrelation}), so the model's own classes do not change.
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
 * The constants enter a pass in the precision of its arrays: a float64 model computes with P in
 * float64 (built from the double-precision DFT), never with a float32 copy of it. Every constant is
 * built on first use only, and in each precision only when a pass asks for it: a filter whose route
 * is the paper route (every N from {@link Acceleration#CPU_PAPER_ROUTE_FROM} on a CPU) never pays
 * for P's O(N²) set-up, and a route of more than {@link #MAX_LENGTH} positions is refused, whose N³
 * constants would not fit a Java array.
 */
public final class ShortSequenceRoute {

  /** The longest N this route takes: N³ values must fit a Java array (2³¹ − 1). */
  static final int MAX_LENGTH = 1290;

  private final int length;
  private final boolean identity;
  private final HostMatrix projection;
  private final HostMatrix diagonalSums;
  private final HostMatrix shiftMatrices;

  private ShortSequenceRoute(FrequencyBand band, int length) {
    this.length = length;
    this.identity = band.coversAll(FrequencyRamp.spectrumLength(length));
    this.projection =
        HostMatrix.dense(() -> projection(band, length), new Shape(1, length, length));
    this.diagonalSums =
        HostMatrix.ones(() -> diagonalSumOnes(length), new Shape((long) length * length, length));
    this.shiftMatrices =
        HostMatrix.ones(() -> shiftOnes(length), new Shape(length, (long) length * length));
  }

  /**
   * The band filter of the matrix route: P·x on the devices {@code taken} accepts, the paper's
   * FFTs on any other.
   */
  static BandFilter bandFilter(FrequencyBand band, int length, Predicate<Device> taken) {
    return new Filter(new ShortSequenceRoute(band, length), band, length, taken);
  }

  /**
   * The frequency attention of the matrix route, with its band filter: matrix products on the
   * devices {@code taken} accepts, the paper's FFTs and gathers on any other.
   */
  static AutoCorrelationAttention autoCorrelation(
      FrequencyBand band, int length, int topK, Predicate<Device> taken) {
    ShortSequenceRoute route = new ShortSequenceRoute(band, length);
    return new Attention(route, new Filter(route, band, length, taken), length, topK, taken);
  }

  /**
   * P of {@code band} for sequences of {@code length}, as a row-major N×N array (float values of the
   * double-precision P): column t is the band-limited unit impulse at t.
   */
  public static float[] projectionMatrix(FrequencyBand band, int length) {
    return new ShortSequenceRoute(band, length).projection.floats().clone();
  }

  /** P·x per sample, (B, N, d). */
  NDArray bandLimit(NDArray x) {
    if (identity) {
      return x;
    }
    return projection.on(x).matMul(x);
  }

  /** The lag scores of queries and keys not yet band-limited: those of P·q and P·k. */
  NDArray lagScores(NDArray q, NDArray k) {
    return lagScoresOfBandLimited(bandLimit(q), bandLimit(k));
  }

  /** Σ of G = q̃·k̃ᵀ along the circular diagonals, over channels: (B, N). */
  NDArray lagScoresOfBandLimited(NDArray qBand, NDArray kBand) {
    Shape s = qBand.getShape();
    long batch = s.get(0);
    NDArray products = qBand.matMul(kBand.transpose(0, 2, 1)); // G[b, s, t]
    NDArray diagonals = diagonalSums.on(qBand);
    NDArray sums = products.reshape(batch, (long) length * length).matMul(diagonals);
    return Scalars.scale(sums, 1.0 / s.get(2));
  }

  /** out = R·v with R = Σ_τ u[τ]·S_τ, u spreading the k weights over the N lags. */
  NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
    long batch = v.getShape().get(0);
    NDArray lagWeights =
        lags.oneHot(length, weights.getDataType())
            .mul(weights.expandDims(2))
            .sum(new int[] {1}); // u (B, N)
    NDArray shifts = shiftMatrices.on(weights);
    NDArray mixing = lagWeights.matMul(shifts).reshape(batch, length, length); // R[b, t, s]
    return mixing.matMul(v);
  }

  /**
   * C[s·N + t, τ] = 1 when s = (t + τ) mod N: G (flattened) · C sums G's circular diagonals. The
   * positions of the N² ones in the row-major N²×N matrix.
   */
  private static int[] diagonalSumOnes(int n) {
    requireCubeFits(n);
    int[] ones = new int[n * n];
    int i = 0;
    for (int t = 0; t < n; t++) {
      for (int tau = 0; tau < n; tau++) {
        ones[i++] = (((t + tau) % n) * n + t) * n + tau;
      }
    }
    return ones;
  }

  /**
   * S[τ, t·N + s] = 1 when s = (t + τ) mod N: row τ is the roll by −τ as an N×N matrix. The
   * positions of the N² ones in the row-major N×N² matrix.
   */
  private static int[] shiftOnes(int n) {
    requireCubeFits(n);
    int[] ones = new int[n * n];
    int i = 0;
    for (int tau = 0; tau < n; tau++) {
      for (int t = 0; t < n; t++) {
        ones[i++] = tau * n * n + t * n + (t + tau) % n;
      }
    }
    return ones;
  }

  private static void requireCubeFits(int n) {
    if (n > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the short-sequence route builds constants of N³ values, which for N = " + n
              + " exceed a Java array (N <= " + MAX_LENGTH + "); use Acceleration.PAPER_ROUTE or AUTO");
    }
  }

  /** P (row-major N×N) in double: P[s, t] = p[(s − t) mod N], p the band-limited unit impulse. */
  private static double[] projection(FrequencyBand band, int n) {
    double[] impulse = new double[n];
    impulse[0] = 1;
    double[] column = DirectSpectra.bandLimit(impulse, band);
    double[] p = new double[n * n];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        p[s * n + t] = column[Math.floorMod(s - t, n)];
      }
    }
    return p;
  }

  /** {@link BandFilter} computed as P·x where the route is taken. */
  private static final class Filter extends BandFilter {

    private final ShortSequenceRoute route;
    private final Predicate<Device> taken;

    Filter(ShortSequenceRoute route, FrequencyBand band, int length, Predicate<Device> taken) {
      super(band, length);
      this.route = route;
      this.taken = taken;
    }

    @Override
    public NDArray apply(NDArray x) {
      return taken.test(x.getDevice()) ? route.bandLimit(x) : super.apply(x);
    }
  }

  /**
   * {@link AutoCorrelationAttention} with the lag scores and the aggregation over every position
   * computed by matrix products where the route is taken; the lag selection is the paper class's.
   */
  private static final class Attention extends AutoCorrelationAttention {

    private final ShortSequenceRoute route;
    private final Predicate<Device> taken;

    Attention(
        ShortSequenceRoute route, Filter filter, int length, int topK, Predicate<Device> taken) {
      super(filter, length, topK);
      this.route = route;
      this.taken = taken;
    }

    @Override
    public NDArray lagScores(NDArray q, NDArray k) {
      return taken.test(q.getDevice()) ? route.lagScores(q, k) : super.lagScores(q, k);
    }

    @Override
    public NDArray lagScoresOfFiltered(NDArray qFiltered, NDArray kFiltered) {
      return taken.test(qFiltered.getDevice())
          ? route.lagScoresOfBandLimited(qFiltered, kFiltered)
          : super.lagScoresOfFiltered(qFiltered, kFiltered);
    }

    @Override
    public NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
      return taken.test(v.getDevice())
          ? route.aggregate(v, lags, weights)
          : super.aggregate(v, lags, weights);
    }
  }

  /**
   * A constant matrix kept on the host, handed to a pass in that pass's precision: float64 arrays
   * get it from double values, every other precision from float values (float32 itself, or cast
   * from it). Each precision's copy is made on first use, so a float32 model never holds a double
   * copy of an N³-sized constant and a float64 model never rounds one to float.
   */
  private abstract static class HostMatrix {

    private final Shape shape;
    private float[] floats;
    private double[] doubles;

    private HostMatrix(Shape shape) {
      this.shape = shape;
    }

    abstract float[] buildFloats();

    abstract double[] buildDoubles();

    /** A matrix of the values {@code values} computes (on first use). */
    static HostMatrix dense(Supplier<double[]> values, Shape shape) {
      return new HostMatrix(shape) {
        @Override
        float[] buildFloats() {
          double[] d = doubles();
          float[] f = new float[d.length];
          for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
          }
          return f;
        }

        @Override
        double[] buildDoubles() {
          return values.get();
        }
      };
    }

    /** A 0/1 matrix, given by the row-major positions of its ones (computed on first use). */
    static HostMatrix ones(Supplier<int[]> positions, Shape shape) {
      return new HostMatrix(shape) {
        @Override
        float[] buildFloats() {
          int[] at = positions.get();
          float[] m = new float[(int) shape.size()];
          for (int i : at) {
            m[i] = 1f;
          }
          return m;
        }

        @Override
        double[] buildDoubles() {
          int[] at = positions.get();
          double[] m = new double[(int) shape.size()];
          for (int i : at) {
            m[i] = 1;
          }
          return m;
        }
      };
    }

    synchronized float[] floats() {
      if (floats == null) {
        floats = buildFloats();
      }
      return floats;
    }

    synchronized double[] doubles() {
      if (doubles == null) {
        doubles = buildDoubles();
      }
      return doubles;
    }

    /** This matrix as a constant of {@code like}'s manager, device and precision. */
    NDArray on(NDArray like) {
      NDManager manager = like.getManager();
      DataType type = like.getDataType();
      NDArray constant =
          type == DataType.FLOAT64
              ? manager.create(doubles(), shape)
              : manager.create(floats(), shape).toType(type, false);
      return constant.toDevice(like.getDevice(), false);
    }
  }
}
