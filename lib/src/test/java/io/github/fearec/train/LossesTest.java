package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import io.github.fearec.testing.JTransformsSpectrum;
import io.github.fearec.testing.ManagedTest;
import org.junit.jupiter.api.Test;

class LossesTest extends ManagedTest {

  @Test
  void crossEntropyByHand() {
    float[][] scores = {{1, 2, 3}, {0, 0, 5}};
    long[] targets = {2, 1};
    double expected =
        (-(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)))
                - (0 - Math.log(2 + Math.exp(5))))
            / 2;
    NDArray loss = Losses.crossEntropy(manager.create(scores), manager.create(targets));
    assertEquals(expected, loss.getFloat(), 1e-5);
  }

  /**
   * Two rows of three positions; the mask keeps four of them. Logits of ±30 and −40 check that
   * large values neither overflow nor vanish: −log σ(30) ≈ 9.4e−14 and −log(1 − σ(−40)) ≈ 4e−18.
   */
  @Test
  void binaryCrossEntropyByHand() {
    float[][] positive = {{2, -1, 30}, {0.5f, 7, 9}};
    float[][] negative = {{-3, 1, -40}, {4, -2, 9}};
    float[][] mask = {{1, 1, 1}, {1, 0, 0}};
    double sum = 0;
    int count = 0;
    for (int r = 0; r < 2; r++) {
      for (int t = 0; t < 3; t++) {
        if (mask[r][t] > 0) {
          double sigmaPos = 1 / (1 + Math.exp(-positive[r][t]));
          double sigmaNeg = 1 / (1 + Math.exp(-negative[r][t]));
          sum += -Math.log(sigmaPos) - Math.log1p(-sigmaNeg);
          count++;
        }
      }
    }
    NDArray loss =
        Losses.binaryCrossEntropy(
            manager.create(positive), manager.create(negative), manager.create(mask));
    assertEquals(sum / count, loss.getFloat(), 1e-5);
  }

  @Test
  void infoNceOnATwoByTwoBatchByHand() {
    // z1 = [a; b], z2 = [c; e]; rows of [z1; z2] = a, b, c, e. Positives: a-c, b-e.
    float[][] z1 = {{1, 0}, {0, 1}};
    float[][] z2 = {{1, 1}, {2, 0}};
    double tau = 0.5;
    double[][] z = {{1, 0}, {0, 1}, {1, 1}, {2, 0}};
    int[] partner = {2, 3, 0, 1};
    double total = 0;
    for (int i = 0; i < 4; i++) {
      double denominator = 0;
      for (int j = 0; j < 4; j++) {
        if (j != i) {
          denominator += Math.exp(dot(z[i], z[j]) / tau);
        }
      }
      total += -(dot(z[i], z[partner[i]]) / tau - Math.log(denominator));
    }
    NDArray loss = Losses.infoNce(manager.create(z1), manager.create(z2), tau);
    assertEquals(total / 4, loss.getFloat(), 1e-5);
  }

  @Test
  void frequencyL1MatchesJTransforms() {
    float[][] z1 = {{1, 2, 3, 4, 5}, {0, 1, 0, -1, 2}};
    float[][] z2 = {{0, 2, 1, 4, 0}, {3, 1, 2, -1, 0}};
    double sum = 0;
    int count = 0;
    for (int b = 0; b < 2; b++) {
      double[] diff = new double[5];
      for (int c = 0; c < 5; c++) {
        diff[c] = z1[b][c] - z2[b][c];
      }
      double[][] s = JTransformsSpectrum.of(diff);
      for (int f = 0; f < s[0].length; f++) {
        sum += Math.hypot(s[0][f], s[1][f]) / Math.sqrt(5);
        count++;
      }
    }
    NDArray loss = Losses.frequencyL1(manager.create(z1), manager.create(z2));
    assertEquals(sum / count, loss.getFloat(), 1e-5);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
