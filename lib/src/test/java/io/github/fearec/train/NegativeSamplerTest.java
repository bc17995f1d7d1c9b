package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

  /** Items 1..6. Training parts: user 0 = 1 2 1 (seen {1, 2}), user 1 = 5 (seen {5}). */
  private final LeaveOneOutSplit split =
      new LeaveOneOutSplit(
          new SequenceDataset("toy", 6, new int[][] {{1, 2, 1, 3, 4}, {5, 6, 3}}));

  private final NegativeSampler sampler = new NegativeSampler(split);

  @Test
  void negativesAvoidTheUsersTrainingItemsAndFollowThePadding() {
    int[] users = {0, 1};
    int[] next = {2, 1, 0, 6, 0, 0};
    int[] counts = new int[7];
    SplittableRandom random = new SplittableRandom(1);
    for (int draw = 0; draw < 6000; draw++) {
      int[] negatives = sampler.draw(users, next, random);
      assertEquals(0, negatives[2], "padding");
      assertEquals(0, negatives[4], "padding");
      assertEquals(0, negatives[5], "padding");
      for (int i : new int[] {0, 1}) {
        assertTrue(negatives[i] >= 3 && negatives[i] <= 6, "user 0 drew " + negatives[i]);
        counts[negatives[i]]++;
      }
      assertTrue(negatives[3] >= 1 && negatives[3] <= 6 && negatives[3] != 5,
          "user 1 drew " + negatives[3]);
    }
    // uniform over user 0's four unseen items: 12,000 draws, 3,000 each (sd ≈ 47)
    for (int item = 3; item <= 6; item++) {
      assertEquals(3000, counts[item], 250, "item " + item);
    }
  }

  @Test
  void theSameStreamDrawsTheSameNegatives() {
    int[] users = {0, 1};
    int[] next = {2, 1, 0, 6, 3, 0};
    assertArrayEquals(
        sampler.draw(users, next, new SplittableRandom(9)),
        sampler.draw(users, next, new SplittableRandom(9)));
  }

  @Test
  void aUserWhoHasSeenEveryItemHasNoNegative() {
    LeaveOneOutSplit all =
        new LeaveOneOutSplit(new SequenceDataset("toy", 2, new int[][] {{1, 2, 1, 2}}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(all));
    assertEquals("user 0 has interacted with all 2 items: no negative to draw", e.getMessage());
  }
}
