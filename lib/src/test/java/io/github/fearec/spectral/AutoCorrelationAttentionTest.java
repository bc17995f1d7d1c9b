package io.github.fearec.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.fearec.testing.Arrays3;
import io.github.fearec.testing.JTransformsSpectrum;
import io.github.fearec.testing.ManagedTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AutoCorrelationAttentionTest extends ManagedTest {

  @Test
  void djlRealFftMatchesJTransforms() {
    double[][][] x = Arrays3.random(2, 24, 3, 1);
    NDArray spectrum =
        Arrays3.toArray(manager, x).transpose(0, 2, 1).rfft(24, -1).real(); // (B, d, M, 2)
    float[] got = spectrum.toFloatArray();
    int m = 13;
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 3; c++) {
        double[][] expected = JTransformsSpectrum.of(Arrays3.channel(x, b, c));
        for (int f = 0; f < m; f++) {
          int at = ((b * 3 + c) * m + f) * 2;
          assertEquals(expected[0][f], got[at], 1e-5, "re");
          assertEquals(expected[1][f], got[at + 1], 1e-5, "im");
        }
      }
    }
  }

  @Test
  void trainingSharesTheBatchAveragedLagsWhileInferenceChoosesPerSample() {
    float[][] scores = {
      {0, 9, 1, 8, 2, 0}, // best lags of this row alone: 1, 3
      {0, 1, 9, 0, 8, 0}, // 2, 4
      {5, 2, 3, 1, 0, 0}, // 0, 2
    };
    AutoCorrelationAttention attention = new AutoCorrelationAttention(new FrequencyBand(0, 4), 6, 2);
    NDArray s = manager.create(scores);

    // batch mean per lag: {1.67, 4, 4.33, 3, 3.33, 0} -> top 2 = lags 2, 1
    NDList shared = attention.selectLags(s, true);
    long[] sharedLags = shared.get(0).toLongArray();
    assertArrayEquals(new long[] {2, 1, 2, 1, 2, 1}, sharedLags);
    float[] sharedWeights = shared.get(1).toFloatArray();
    for (int b = 0; b < 3; b++) {
      double[] expected = softmax(scores[b][2], scores[b][1]);
      assertEquals(expected[0], sharedWeights[2 * b], 1e-6);
      assertEquals(expected[1], sharedWeights[2 * b + 1], 1e-6);
    }

    NDList own = attention.selectLags(s, false);
    assertArrayEquals(new long[] {1, 3, 2, 4, 0, 2}, own.get(0).toLongArray());
    float[] ownWeights = own.get(1).toFloatArray();
    double[] first = softmax(9, 8);
    assertEquals(first[0], ownWeights[0], 1e-6);
    assertEquals(first[1], ownWeights[1], 1e-6);
  }

  @Test
  void aPlantedPeriodIsTheLagFound() {
    // A sequence representation that repeats every p = 5 steps, plus a little noise: the
    // auto-correlation peaks at lags 0, 5, 10, ... and top-k picks among them.
    int n = 50;
    int p = 5;
    NDArray s = Arrays3.toArray(manager, Arrays3.periodic(n, 4, p, 6));
    AutoCorrelationAttention attention =
        new AutoCorrelationAttention(new FrequencyBand(0, 26), n, 3);
    float[] scores = attention.lagScores(s, s).toFloatArray();
    long[] lags = attention.selectLags(manager.create(scores).reshape(1, n), false).get(0).toLongArray();
    for (long lag : lags) {
      assertEquals(0, lag % p, "lag " + lag + " is not a multiple of the period");
    }
    // ... and every multiple of p outscores every other lag
    double worstMultiple =
        IntStream.range(0, n).filter(t -> t % p == 0).mapToDouble(t -> scores[t]).min().orElseThrow();
    double bestOther =
        IntStream.range(0, n).filter(t -> t % p != 0).mapToDouble(t -> scores[t]).max().orElseThrow();
    assertTrue(worstMultiple > bestOther, worstMultiple + " vs " + bestOther);
  }

  private static double[] softmax(double a, double b) {
    double m = Math.max(a, b);
    double ea = Math.exp(a - m);
    double eb = Math.exp(b - m);
    return new double[] {ea / (ea + eb), eb / (ea + eb)};
  }
}
