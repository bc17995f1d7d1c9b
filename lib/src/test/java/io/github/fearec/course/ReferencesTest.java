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
