package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class TrainingSamplesTest {

  /** Training parts: user 0 = 11 12 13 14, user 1 = 21 (no samples), user 2 = 31 32. */
  private final SequenceDataset dataset =
      new SequenceDataset(
          "toy", 40, new int[][] {{11, 12, 13, 14, 15, 16}, {21, 22, 23}, {31, 32, 33, 34}});

  private final TrainingSamples samples = new TrainingSamples(new LeaveOneOutSplit(dataset));

  @Test
  void everyPrefixOfEveryTrainingPart() {
    assertEquals(4, samples.size()); // 3 + 0 + 1
    int[][] expected = { // user, input length, target
      {0, 1, 12}, {0, 2, 13}, {0, 3, 14}, {2, 1, 32}
    };
    for (int s = 0; s < expected.length; s++) {
      assertEquals(expected[s][0], samples.user(s), "user of sample " + s);
      assertEquals(expected[s][1], samples.inputLength(s), "input length of sample " + s);
      assertEquals(expected[s][2], samples.target(s), "target of sample " + s);
    }
  }

  @Test
  void heldOutItemsAreNeverTargets() {
    for (int s = 0; s < samples.size(); s++) {
      int target = samples.target(s);
      assertFalse(target == 15 || target == 16 || target == 22 || target == 23 || target == 33);
    }
  }

  @Test
  void wholeSequencesAreOneSamplePerUserWithATrainingPair() {
    TrainingSamples whole = TrainingSamples.wholeSequences(new LeaveOneOutSplit(dataset));
    assertEquals(2, whole.size()); // user 1 has a single training item
    int[][] expected = { // user, input length, target
      {0, 3, 14}, {2, 1, 32}
    };
    for (int s = 0; s < expected.length; s++) {
      assertEquals(expected[s][0], whole.user(s), "user of sample " + s);
      assertEquals(expected[s][1], whole.inputLength(s), "input length of sample " + s);
      assertEquals(expected[s][2], whole.target(s), "target of sample " + s);
    }
  }
}
