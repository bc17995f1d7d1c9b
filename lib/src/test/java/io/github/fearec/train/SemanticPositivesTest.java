package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SemanticPositivesTest {

  private static final int[] TARGETS = {3, 1, 3, 2, 3, 1};

  private final SemanticPositives positives = new SemanticPositives(6, s -> TARGETS[s], 4);

  @Test
  void drawsAnotherSampleWithTheSameTargetUniformly() {
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = new int[6];
    for (int i = 0; i < 30_000; i++) {
      int p = positives.draw(0, random);
      assertNotEquals(0, p, "never itself when others exist");
      assertEquals(3, TARGETS[p]);
      counts[p]++;
    }
    // samples 2 and 4 share target 3 with sample 0: each drawn about half of the time
    assertEquals(15_000, counts[2], 600);
    assertEquals(15_000, counts[4], 600);
  }

  @Test
  void aSampleWithAUniqueTargetIsItsOwnPositive() {
    assertEquals(3, positives.draw(3, new SplittableRandom(1)));
    assertEquals(1, positives.groupSize(3));
  }

  @Test
  void pairsAreMutual() {
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) {
      assertEquals(5, positives.draw(1, random));
      assertEquals(1, positives.draw(5, random));
    }
    assertTrue(positives.groupSize(0) == 3);
  }
}
