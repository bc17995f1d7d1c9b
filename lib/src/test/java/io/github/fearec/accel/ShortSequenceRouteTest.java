package io.github.fearec.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.DirectSpectra;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import io.github.fearec.testing.Arrays3;
import io.github.fearec.testing.ManagedTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The paper's FFT route ({@link BandFilter}, {@link AutoCorrelationAttention}) and the matrix route
 * for short sequences ({@link ShortSequenceRoute}), each against the direct O(N²) sums of {@link
 * DirectSpectra} in double: values, and gradients against central differences of those same sums
 * (float64 arrays, so that the comparison is tight). Both routes are reached the way the model
 * reaches them, through {@link Acceleration#autoCorrelation} and its filter.
 */
class ShortSequenceRouteTest extends ManagedTest {

  private static final double EPS = 1e-6;

  /** The frequency operations of one band as a model built with {@code acceleration} gets them. */
  private record Route(BandFilter filter, AutoCorrelationAttention attention) {
    NDArray bandLimit(NDArray x) {
      return filter.apply(x);
    }

    NDArray lagScores(NDArray q, NDArray k) {
      return attention.lagScores(q, k);
    }

    NDArray lagScoresOfBandLimited(NDArray q, NDArray k) {
      return attention.lagScoresOfFiltered(q, k);
    }

    NDArray aggregate(NDArray v, NDArray lags, NDArray weights) {
      return attention.aggregate(v, lags, weights);
    }
  }

  private static Route route(Acceleration acceleration, FrequencyBand band, int n) {
    AutoCorrelationAttention attention = acceleration.autoCorrelation(band, n, 1);
    return new Route(attention.filter(), attention);
  }

  /** A_freq of band-limited q̃, k̃ at {@code rows}, as {@code HybridAttention} computes it. */
  private static NDArray attend(
      AutoCorrelationAttention attention, NDArray qBand, NDArray kBand, NDArray v, QueryRows rows,
      boolean training) {
    NDList lags = attention.selectLags(attention.lagScoresOfFiltered(qBand, kBand), training);
    return rows.aggregate(attention, v, lags.get(0), lags.get(1));
  }

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void bandLimitEqualsTheDirectBandLimit(Acceleration choice) {
    for (int n : new int[] {15, 16}) {
      double[][][] x = Arrays3.random(2, n, 2, n);
      FrequencyBand band = new FrequencyBand(2, 6);
      float[] got = route(choice, band, n).bandLimit(Arrays3.toArray(manager, x)).toFloatArray();
      assertArrayEquals(flat(directBandLimit(x, band)), got, 1e-5f, choice + " n=" + n);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void lagScoresEqualTheDirectCorrelationOfBandLimitedSignals(Acceleration choice) {
    for (int n : new int[] {12, 13}) {
      double[][][] q = Arrays3.random(2, n, 3, 3);
      double[][][] k = Arrays3.random(2, n, 3, 4);
      FrequencyBand band = new FrequencyBand(1, 5);
      Route route = route(choice, band, n);
      float[] expected = flat(directLagScores(q, k, band));
      float[] raw =
          route.lagScores(Arrays3.toArray(manager, q), Arrays3.toArray(manager, k)).toFloatArray();
      assertArrayEquals(expected, raw, 1e-4f, choice + " n=" + n);
      NDArray qBand = Arrays3.toArray(manager, directBandLimit(q, band));
      NDArray kBand = Arrays3.toArray(manager, directBandLimit(k, band));
      float[] limited = route.lagScoresOfBandLimited(qBand, kBand).toFloatArray();
      assertArrayEquals(expected, limited, 1e-4f, choice + " band-limited inputs, n=" + n);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void aggregationSumsWeightedCircularShifts(Acceleration choice) {
    int n = 6;
    double[][][] v = Arrays3.random(2, n, 3, 5);
    long[][] lags = {{1, 4}, {0, 5}};
    double[][] w = {{0.3, 0.7}, {0.9, 0.1}};
    NDArray out =
        route(choice, new FrequencyBand(0, 4), n)
            .aggregate(Arrays3.toArray(manager, v), manager.create(lags), manager.create(toFloat(w)));
    assertEquals(new Shape(2, n, 3), out.getShape());
    assertArrayEquals(flat(directAggregate(v, lags, w)), out.toFloatArray(), 1e-5f, choice.id());
  }

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void gradientsEqualCentralDifferencesOfTheDirectSums(Acceleration choice) {
    for (int n : new int[] {10, 11}) {
      int d = 3;
      FrequencyBand band = new FrequencyBand(1, 4);
      Route route = route(choice, band, n);
      double[][][] x = Arrays3.random(2, n, d, 21);
      double[][][] y = Arrays3.random(2, n, d, 22);
      double[][][] c3 = Arrays3.random(2, n, d, 23); // the loss weights: L = Σ c ⊙ output
      double[][][] c2 = Arrays3.random(1, 2, n, 24);
      String what = choice + " n=" + n;

      // band limit: dL/dx
      NDArray xa = float64(x);
      double[] grad = gradient(xa, () -> route.bandLimit(xa).mul(float64(c3)).sum());
      assertArrayEquals(
          numeric(x, probe -> dot(c3, directBandLimit(probe, band))), grad, 1e-6, what + " band");

      // lag scores: dL/dq and dL/dk
      NDArray qa = float64(x);
      NDArray ka = float64(y);
      NDArray scoreWeights = manager.create(flat64(c2[0]), new Shape(2, n));
      double[] gq = gradient(qa, () -> route.lagScores(qa, ka).mul(scoreWeights).sum());
      assertArrayEquals(
          numeric(x, probe -> dot(c2[0], directLagScores(probe, y, band))), gq, 1e-6, what + " q");
      NDArray qb = float64(x);
      NDArray kb = float64(y);
      double[] gk = gradient(kb, () -> route.lagScores(qb, kb).mul(scoreWeights).sum());
      assertArrayEquals(
          numeric(y, probe -> dot(c2[0], directLagScores(x, probe, band))), gk, 1e-6, what + " k");

      // aggregation: dL/dv and dL/dweights
      long[][] lags = {{2, n - 1, 0}, {5, 1, 3}};
      double[][] w = {{0.2, 0.5, 0.3}, {0.6, 0.3, 0.1}};
      NDArray va = float64(x);
      NDArray wa = manager.create(flat64(w), new Shape(2, 3));
      double[] gv =
          gradient(va, () -> route.aggregate(va, manager.create(lags), wa).mul(float64(c3)).sum());
      assertArrayEquals(
          numeric(x, probe -> dot(c3, directAggregate(probe, lags, w))), gv, 1e-6, what + " v");
      NDArray vb = float64(x);
      NDArray wb = manager.create(flat64(w), new Shape(2, 3));
      double[] gw =
          gradient(wb, () -> route.aggregate(vb, manager.create(lags), wb).mul(float64(c3)).sum());
      double[][][] w3 = {w};
      assertArrayEquals(
          numeric(w3, probe -> dot(c3, directAggregate(x, lags, probe[0]))), gw, 1e-6,
          what + " weights");
    }
  }

  /**
   * A float64 pass stays in float64 on the fast route: every array the route makes from float64
   * inputs is float64 (or an integer index), and its band limit, lag scores and aggregation equal
   * the direct double sums to 1e-13 or better. A float32 copy of the projection P, or a float32
   * scale factor such as the 1/d of the channel mean, would be off by about 1e-8.
   */
  @Test
  void theShortSequenceRouteComputesAFloat64PassInFloat64() {
    int n = 12;
    int d = 3;
    FrequencyBand band = new FrequencyBand(1, 5);
    Route route = route(Acceleration.SHORT_SEQUENCE_ROUTE, band, n);
    double[][][] x = Arrays3.random(2, n, d, 31);
    double[][][] y = Arrays3.random(2, n, d, 32);
    long[][] lags = {{2, n - 1, 0}, {5, 1, 3}};
    double[][] w = {{0.2, 0.5, 0.3}, {0.6, 0.3, 0.1}};
    try (NDManager pass = manager.newSubManager()) {
      NDArray xa = pass.create(flat64(x), new Shape(2, n, d));
      NDArray ya = pass.create(flat64(y), new Shape(2, n, d));
      NDArray limited = route.bandLimit(xa);
      NDArray scores = route.lagScores(xa, ya);
      NDArray aggregated =
          route.aggregate(xa, pass.create(lags), pass.create(flat64(w), new Shape(2, 3)));
      List<String> notFloat64 = new ArrayList<>();
      for (NDArray a : pass.getManagedArrays()) {
        if (a.getDataType().isFloating() && a.getDataType() != DataType.FLOAT64) {
          notFloat64.add(a.getDataType() + " " + a.getShape());
        }
      }
      assertEquals(List.of(), notFloat64, "arrays of a float64 pass that are not float64");
      assertArrayEquals(flat64(directBandLimit(x, band)), limited.toDoubleArray(), 1e-13);
      assertArrayEquals(flat64(directLagScores(x, y, band)), scores.toDoubleArray(), 1e-13);
      assertArrayEquals(flat64(directAggregate(x, lags, w)), aggregated.toDoubleArray(), 1e-13);
    }
  }

  @Test
  void theRoutesGiveTheSameAttentionAtThePapersLength() {
    // N = 50 with the paper's two bands, and an odd N; lags and outputs in training (shared
    // lags) and inference (per-sample lags), at every position and at one position per row,
    // which must be the full output read at those positions
    for (int n : new int[] {50, 37}) {
      NDArray q = Arrays3.toArray(manager, Arrays3.random(3, n, 8, 7));
      NDArray k = Arrays3.toArray(manager, Arrays3.random(3, n, 8, 8));
      NDArray v = Arrays3.toArray(manager, Arrays3.random(3, n, 8, 9));
      QueryRows rows = QueryRows.at(manager.create(new long[] {4, n - 1, 0}));
      for (FrequencyBand band : FrequencyRamp.of(n, 2, 0.6).bands()) {
        AutoCorrelationAttention paper = Acceleration.PAPER_ROUTE.autoCorrelation(band, n, 3);
        AutoCorrelationAttention matrix =
            Acceleration.SHORT_SEQUENCE_ROUTE.autoCorrelation(band, n, 3);
        NDArray qp = paper.filter().apply(q);
        NDArray kp = paper.filter().apply(k);
        NDArray qm = matrix.filter().apply(q);
        NDArray km = matrix.filter().apply(k);
        String what = "n=" + n + " band " + band;
        assertTrue(Arrays3.maxAbsDiff(qp.toFloatArray(), qm.toFloatArray()) < 1e-5, what);
        float[] scoresP = paper.lagScoresOfFiltered(qp, kp).toFloatArray();
        float[] scoresM = matrix.lagScoresOfFiltered(qm, km).toFloatArray();
        assertTrue(Arrays3.maxAbsDiff(scoresP, scoresM) < 1e-4, what);
        for (boolean training : new boolean[] {true, false}) {
          NDList lagsP = paper.selectLags(paper.lagScoresOfFiltered(qp, kp), training);
          NDList lagsM = matrix.selectLags(matrix.lagScoresOfFiltered(qm, km), training);
          assertArrayEquals(lagsM.get(0).toLongArray(), lagsP.get(0).toLongArray(), what);
          NDArray fullP = attend(paper, qp, kp, v, QueryRows.ALL, training);
          float[] outP = fullP.toFloatArray();
          float[] outM = attend(matrix, qm, km, v, QueryRows.ALL, training).toFloatArray();
          assertTrue(Arrays3.maxAbsDiff(outP, outM) < 1e-4, what + " training " + training);
          float[] atP = attend(paper, qp, kp, v, rows, training).toFloatArray();
          float[] atM = attend(matrix, qm, km, v, rows, training).toFloatArray();
          assertEquals(3 * 8, atP.length, what);
          assertTrue(Arrays3.maxAbsDiff(atP, atM) < 1e-4, what + " at rows, training " + training);
          assertArrayEquals(
              rows.select(fullP, 1).toFloatArray(), atP, 1e-6f, what + " at rows vs full");
        }
      }
    }
  }

  @Test
  void autoTakesTheShortRouteOnACpuBelowTheMeasuredCrossoverAndThePaperRouteElsewhere() {
    int from = Acceleration.CPU_PAPER_ROUTE_FROM;
    FrequencyBand band = new FrequencyBand(0, 3);
    assertNotEquals(BandFilter.class, Acceleration.AUTO.bandFilter(band, from - 1).getClass());
    assertFalse(Acceleration.AUTO.paperRoute(from - 1, Device.cpu()));
    assertEquals(BandFilter.class, Acceleration.AUTO.bandFilter(band, from).getClass());
    assertEquals(
        AutoCorrelationAttention.class, Acceleration.AUTO.autoCorrelation(band, from, 1).getClass());
    assertTrue(Acceleration.AUTO.paperRoute(from, Device.cpu()));
    assertTrue(Acceleration.AUTO.paperRoute(50, Device.gpu()));
    assertFalse(Acceleration.SHORT_SEQUENCE_ROUTE.paperRoute(4 * from, Device.gpu()));
    assertTrue(Acceleration.PAPER_ROUTE.paperRoute(2, Device.cpu()));
    assertEquals(Acceleration.SHORT_SEQUENCE_ROUTE, Acceleration.parse(" Short_Sequence"));
    assertEquals(Acceleration.PAPER_ROUTE, Acceleration.parse("paper"));
    assertEquals(Acceleration.NONE, Acceleration.parse("none"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Acceleration.parse("matrix"));
    assertTrue(e.getMessage().contains("none, auto, paper or short_sequence"), e.getMessage());
  }

  @Test
  void withoutAccelerationAModelGetsThePapersClassesAndItsLastLayerComputesEveryPosition() {
    for (int n : new int[] {8, 50, Acceleration.CPU_PAPER_ROUTE_FROM + 1}) {
      FrequencyBand band = new FrequencyBand(1, 3);
      AutoCorrelationAttention attention = Acceleration.NONE.autoCorrelation(band, n, 2);
      assertEquals(AutoCorrelationAttention.class, attention.getClass());
      assertEquals(BandFilter.class, attention.filter().getClass());
      assertEquals(BandFilter.class, Acceleration.NONE.bandFilter(band, n).getClass());
      assertTrue(Acceleration.NONE.paperRoute(n, Device.cpu()));
    }
    assertFalse(Acceleration.NONE.lastLayerAtUserPositions());
    for (Acceleration a : new Acceleration[] {
        Acceleration.AUTO, Acceleration.PAPER_ROUTE, Acceleration.SHORT_SEQUENCE_ROUTE}) {
      assertTrue(a.lastLayerAtUserPositions(), a.id());
    }
  }

  @Test
  void theProjectionIsSymmetricAndIdempotent() {
    int n = 12;
    float[] p = ShortSequenceRoute.projectionMatrix(new FrequencyBand(2, 5), n);
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        assertEquals(p[s * n + t], p[t * n + s], 1e-6, "P = Pᵀ");
        double pp = 0;
        for (int u = 0; u < n; u++) {
          pp += p[s * n + u] * p[u * n + t];
        }
        assertEquals(p[s * n + t], pp, 1e-5, "P = P²");
      }
    }
  }

  @Test
  void aPlantedPeriodIsTheLagFoundByTheMatrixRouteToo() {
    int n = 50;
    int p = 5;
    NDArray s = Arrays3.toArray(manager, Arrays3.periodic(n, 4, p, 6));
    AutoCorrelationAttention attention =
        Acceleration.SHORT_SEQUENCE_ROUTE.autoCorrelation(new FrequencyBand(0, 26), n, 3);
    NDArray scores = attention.lagScores(s, s);
    for (long lag : attention.selectLags(scores, false).get(0).toLongArray()) {
      assertEquals(0, lag % p, "lag " + lag + " is not a multiple of the period");
    }
  }

  // ---- the direct references, in double ----

  private static double[][][] directBandLimit(double[][][] x, FrequencyBand band) {
    double[][][] out = new double[x.length][x[0].length][x[0][0].length];
    for (int b = 0; b < x.length; b++) {
      for (int c = 0; c < x[0][0].length; c++) {
        double[] limited = DirectSpectra.bandLimit(Arrays3.channel(x, b, c), band);
        for (int t = 0; t < limited.length; t++) {
          out[b][t][c] = limited[t];
        }
      }
    }
    return out;
  }

  /** (B, N): the channel mean of the circular cross-correlation of the band-limited signals. */
  private static double[][] directLagScores(double[][][] q, double[][][] k, FrequencyBand band) {
    int n = q[0].length;
    int d = q[0][0].length;
    double[][] scores = new double[q.length][n];
    for (int b = 0; b < q.length; b++) {
      for (int c = 0; c < d; c++) {
        double[] r =
            DirectSpectra.circularCrossCorrelation(
                DirectSpectra.bandLimit(Arrays3.channel(q, b, c), band),
                DirectSpectra.bandLimit(Arrays3.channel(k, b, c), band));
        for (int tau = 0; tau < n; tau++) {
          scores[b][tau] += r[tau] / d;
        }
      }
    }
    return scores;
  }

  private static double[][][] directAggregate(double[][][] v, long[][] lags, double[][] w) {
    int n = v[0].length;
    double[][][] out = new double[v.length][n][v[0][0].length];
    for (int b = 0; b < v.length; b++) {
      for (int t = 0; t < n; t++) {
        for (int c = 0; c < v[0][0].length; c++) {
          for (int i = 0; i < lags[b].length; i++) {
            out[b][t][c] += w[b][i] * v[b][(int) ((t + lags[b][i]) % n)][c];
          }
        }
      }
    }
    return out;
  }

  // ---- autograd and central differences ----

  private double[] gradient(NDArray input, Supplier<NDArray> loss) {
    input.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.get());
    }
    return input.getGradient().toDoubleArray();
  }

  /** Central differences of {@code loss} in every entry of {@code x}, flattened row-major. */
  private static double[] numeric(double[][][] x, ToDoubleFunction<double[][][]> loss) {
    double[] grad = new double[x.length * x[0].length * x[0][0].length];
    int i = 0;
    for (double[][] plane : x) {
      for (double[] row : plane) {
        for (int c = 0; c < row.length; c++, i++) {
          double original = row[c];
          row[c] = original + EPS;
          double up = loss.applyAsDouble(x);
          row[c] = original - EPS;
          double down = loss.applyAsDouble(x);
          row[c] = original;
          grad[i] = (up - down) / (2 * EPS);
        }
      }
    }
    return grad;
  }

  private NDArray float64(double[][][] x) {
    return manager.create(flat64(x), new Shape(x.length, x[0].length, x[0][0].length));
  }

  private static double dot(double[][][] a, double[][][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += dot(a[i], b[i]);
    }
    return s;
  }

  private static double dot(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        s += a[i][j] * b[i][j];
      }
    }
    return s;
  }

  private static double[] flat64(double[][] x) {
    return Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] flat64(double[][][] x) {
    return Arrays.stream(x).flatMapToDouble(p -> Arrays.stream(flat64(p))).toArray();
  }

  private static float[] flat(double[][] x) {
    return toFloat(flat64(x));
  }

  private static float[] flat(double[][][] x) {
    return toFloat(flat64(x));
  }

  private static float[][] toFloat(double[][] x) {
    return Arrays.stream(x).map(ShortSequenceRouteTest::toFloat).toArray(float[][]::new);
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
