package io.github.fearec.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.nn.ModelConfig;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The course's reference answers, each against a hand-worked answer: a check passes the
 * hand-worked answer only if the reference behind the id computes the same.
 */
class ReferencesTest {

  private static <I> void passes(String id, Class<I> type, I input, Function<I, Object> handWorked) {
    CheckResult r = Exercise.of(id, type).input("hand-worked", input).run(handWorked);
    assertEquals(Status.PASSED, r.status(), id + ": " + r.summary());
  }

  @Test
  void theRampOfThePaperAndALocalRamp() {
    // M = 26; global: s = floor(26 * 0.4) = 10, bands [10, 26), [0, 16)
    passes("3.2", Inputs.Ramp.class, new Inputs.Ramp(50, 2, 0.6), in -> new int[][] {{10, 26}, {0, 16}});
    // local: w = 1/3, s = 26/3; [int(17.33), 26), [int(8.67), int(17.33)), [0, int(8.67))
    passes("3.2", Inputs.Ramp.class, new Inputs.Ramp(50, 3, 0.3),
        in -> new int[][] {{17, 26}, {8, 17}, {0, 8}});
  }

  @Test
  void theSharedWeightOfCausalAveraging() {
    double third = 1.0 / 3;
    // rows 0 and 2 share only 1/3 (position 0), the smallest overlap of all pairs
    passes("2.2", double[][].class,
        new double[][] {{1, 0, 0}, {0.5, 0.5, 0}, {third, third, third}}, a -> third);
  }

  @Test
  void aggregationAndItsMatrixRollBackByTheLag() {
    passes("4.3", Inputs.Aggregation.class,
        new Inputs.Aggregation(new double[][] {{1}, {2}, {3}}, new int[] {1}, new double[] {1}),
        in -> new double[][] {{2}, {3}, {1}});
    passes("5.1", Inputs.LagMatrix.class, new Inputs.LagMatrix(3, new int[] {1}, new double[] {1}),
        in -> new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
  }

  @Test
  void theMixOfTwoContextsThenLayerNorm() {
    // mixed = 0.5 (1, -1) + 0.5 (3, 3) = (2, 1): mean 1.5, variance 0.25, normalised (1, -1)
    passes("5.2", Inputs.Mix.class,
        new Inputs.Mix(new double[][] {{0, 0}}, new double[][] {{1, -1}}, new double[][] {{3, 3}}, 0.5,
            new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}, new double[] {1, 1},
            new double[] {0, 0}, 1e-12),
        in -> new double[][] {{1, -1}});
  }

  @Test
  void theFrequencyTermOfAConstantDifference() {
    // DFT of (1, 1, 1, 1): bins 0..2 = (4, 0, 0); scaled by 1/sqrt(4): (2, 0, 0); mean 2/3
    passes("6.2", Inputs.Views.class,
        new Inputs.Views(new double[][] {{1, 1, 1, 1}}, new double[][] {{0, 0, 0, 0}}), in -> 2.0 / 3);
  }

  @Test
  void theTrainingRowsOfOneUser() {
    // 5 items: samples [3] -> 1 and [3, 1] -> 4 (the last two items are validation and test)
    passes("1.3", Inputs.Training.class, new Inputs.Training(new int[] {3, 1, 4, 1, 5}, 3),
        in -> new int[][] {{3, 0, 0}, {3, 1, 0}});
  }

  @Test
  void aWholeLayerCaseHoldsTheLayersWeightsAndTheLibrarysOutputDiffersFromItsInput() {
    ModelConfig config =
        TinyModels.CONFIG.with("init_std", 0.5);
    FeaLayerCase c = FeaLayerCase.of(1, config, 20, 1, new int[] {1, 2, 3, 1, 2, 3, 0, 0});
    assertEquals(new FrequencyBand(0, 3), c.band()); // M = 5, s = 2: layer 1 keeps [0, 3)
    assertEquals(8, c.x().length);
    assertEquals(16, c.expand().weight().length);
    assertEquals(8, c.expand().weight()[0].length);
    double[][] out = FeaLayerCase.libraryOutput(c);
    assertEquals(8, out.length);
    assertNotEquals(c.x()[0][0], out[0][0]);
    assertThrows(IllegalArgumentException.class, () -> FeaLayerCase.of(1, config, 20, 0, new int[] {1, 2}));
  }

  private static <I> CheckResult run(String id, Class<I> type, I input, Function<I, Object> answer) {
    return Exercise.of(id, type).input("case", input).run(answer);
  }

  private static <I> void fails(String id, Class<I> type, I input, Function<I, Object> plantedBug) {
    CheckResult r = run(id, type, input, plantedBug);
    assertEquals(Status.FAILED, r.status(), id + " should reject the planted bug: " + r.summary());
  }

  @Test
  void theUntrainedCrossEntropyIsTheLogOfTheNumberOfIdsNotOfItems() {
    // the softmax runs over |I| + 1 ids (padding included) and near-equal scores: ln(|I| + 1)
    passes("1.4", Inputs.Untrained.class, new Inputs.Untrained(3, 16), in -> Math.log(4));
    passes("1.4", Inputs.Untrained.class, new Inputs.Untrained(500, 32), in -> Math.log(501));
    fails("1.4", Inputs.Untrained.class, new Inputs.Untrained(3, 16), in -> Math.log(3));
    fails("1.4", Inputs.Untrained.class, new Inputs.Untrained(500, 32), in -> 0.0);
  }

  @Test
  void theLowPassQuestionsAreAnsweredByTheLayersMeasuredParts() {
    // the frequency branch aggregates unfiltered V; the time branch's row-wise weights make DC too
    passes("2.4", Integer.class, 1, q -> "c");
    fails("2.4", Integer.class, 1, q -> "a");
    passes("2.4", Integer.class, 2, q -> "b");
    fails("2.4", Integer.class, 2, q -> "a");
    CheckResult unknown = run("2.4", Integer.class, 1, q -> "z");
    assertTrue(unknown.summary().contains("answer with one of a, b, c, d"), unknown.summary());
    CheckResult wrong = run("2.4", Integer.class, 1, q -> "a");
    assertTrue(wrong.summary().startsWith("case: not a: "), wrong.summary());
    assertTrue(!wrong.summary().contains("expected"), "feedback must not give the answer away: " + wrong.summary());
  }

  @Test
  void thePortedBandFilterBugsFailOnOddLengthsAndOnTheBandsLastBin() {
    double[] x = {1, -2, 0.5, 3, 0, 1, 2};
    Inputs.Band band = new Inputs.Band(x, new FrequencyBand(1, 3));
    passes("3.4", Inputs.Band.class, band, in -> io.github.fearec.spectral.DirectSpectra.bandLimit(in.x(), in.band()));
    // the inverse at torch's default length 2(M - 1) = 6 for N = 7
    fails("3.4", Inputs.Band.class, band, in -> {
      double[][] s = io.github.fearec.spectral.DirectSpectra.realDft(in.x());
      for (int f = 0; f < s[0].length; f++) {
        if (!in.band().contains(f)) {
          s[0][f] = 0;
          s[1][f] = 0;
        }
      }
      return io.github.fearec.spectral.DirectSpectra.inverseRealDft(s[0], s[1], 2 * (s[0].length - 1));
    });
  }

  @Test
  void theCorrelationPredictionsFollowFromShiftsReversalAndAConstant() {
    passes("4.4", Integer.class, 1, q -> "a"); // a rolled signal has the same auto-correlation
    passes("4.4", Integer.class, 2, q -> "b"); // q rolled by s: R'(tau) = R(tau - s)
    passes("4.4", Integer.class, 3, q -> "a"); // reversed: R(N - tau) = R(tau) for an auto-correlation
    passes("4.4", Integer.class, 4, q -> "d"); // x + c: every lag gains 2c sum(x) + N c^2
    fails("4.4", Integer.class, 2, q -> "c");
    fails("4.4", Integer.class, 3, q -> "e");
  }

  @Test
  void batchLagsComeFromTheAverageButEachRowWeighsThemWithItsOwnScores() {
    // averages (1.5, 1.5, 2.5, 0): lags 2 and (tie) 0 or 1; take distinct averages instead
    double[][] scores = {{0, 3, 2, 0}, {0, 1, 4, 0}};
    // averages (0, 2, 3, 0): k = 2 keeps lags 2 and 1; row 0 softmax(2, 3), row 1 softmax(4, 1)
    double e1 = 1 / (1 + Math.exp(-1));
    double e2 = 1 / (1 + Math.exp(-3));
    passes("5.4", Inputs.BatchLags.class, new Inputs.BatchLags(scores, 2),
        in -> new double[][] {{0, e1, 1 - e1, 0}, {0, 1 - e2, e2, 0}});
    // the planted bug: each row's own top 2 (row 0 keeps 1, 2; row 1 keeps 2 and a 0-score lag)
    fails("5.4", Inputs.BatchLags.class, new Inputs.BatchLags(new double[][] {{5, 0, 0, 4}, {0, 1, 6, 0}}, 1),
        in -> new double[][] {{1, 0, 0, 0}, {0, 0, 1, 0}});
  }

  @Test
  void infoNcePredictionsComeFromTheLibrarysLoss() {
    passes("6.4", Integer.class, 1, q -> "b"); // all vectors equal: exactly ln(2B - 1)
    passes("6.4", Integer.class, 2, q -> "a"); // each vector its partner's copy
    passes("6.4", Integer.class, 3, q -> "c"); // unrelated vectors of norm about 8, tau = 1
    passes("6.4", Integer.class, 4, q -> "b"); // the same at tau = 100
    fails("6.4", Integer.class, 3, q -> "a");
  }

  @Test
  void sampledHitRateRanksTheTargetAgainstItsNegativesOnlyWithTiesAgainstIt() {
    // user 0: target 1 (0.5) vs negatives 2 (0.9), 3 (0.5): two ahead (tie included): rank 2
    // user 1: target 2 (0.7) vs negatives 1 (0.1), 3 (0.2): rank 0
    double[][] scores = {{0, 0.5, 0.9, 0.5}, {0, 0.1, 0.7, 0.2}};
    Inputs.Sampled in = new Inputs.Sampled(scores, new int[] {1, 2}, new int[][] {{2, 3}, {1, 3}}, 2);
    passes("7.1", Inputs.Sampled.class, in, i -> 0.5);
    fails("7.1", Inputs.Sampled.class, in, i -> 1.0); // ties counted for the target
  }

  @Test
  void protocolPredictionsComeFromRunningThem() {
    passes("7.2", Integer.class, 1, q -> "a"); // removing history never worsens a rank
    passes("7.2", Integer.class, 2, q -> "c"); // sampled HR@10 is higher
    passes("7.2", Integer.class, 3, q -> "a"); // the best test value is never lower
    fails("7.2", Integer.class, 1, q -> "b");
  }

  @Test
  void thePairedDifferenceAndItsStandardError() {
    // differences (1, 2, 3): mean 2, s.d. 1 (n - 1), standard error 1/sqrt(3)
    Inputs.Paired in = new Inputs.Paired(new double[] {2, 3, 4}, new double[] {1, 1, 1});
    passes("7.3", Inputs.Paired.class, in, i -> new double[] {2, 1 / Math.sqrt(3)});
    fails("7.3", Inputs.Paired.class, in, i -> new double[] {2, Math.sqrt(2.0 / 3) / Math.sqrt(3)});
  }

  @Test
  void anUnknownIdOrAnotherInputTypeIsRefusedNamingIt() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> Exercise.of("9.9", double[].class));
    assertTrue(unknown.getMessage().contains("no exercise 9.9"), unknown.getMessage());
    IllegalArgumentException type =
        assertThrows(IllegalArgumentException.class, () -> Exercise.of("3.1", double[].class));
    assertEquals("exercise 3.1 takes Band inputs, not double[]", type.getMessage());
  }

  @Test
  void resultLinesGoWhereTheChannelSendsThem() {
    List<String> sent = new ArrayList<>();
    ResultChannel.use(sent::add);
    try {
      Exercise.of("6.2", Inputs.Views.class)
          .input("equal views", new Inputs.Views(new double[][] {{1, 2}}, new double[][] {{1, 2}}))
          .check(in -> 0.0);
    } finally {
      ResultChannel.use(System.out::println);
    }
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).startsWith(CheckResult.PREFIX + "{\"exercise\":\"6.2\",\"points\":1"), sent.get(0));
  }
}
