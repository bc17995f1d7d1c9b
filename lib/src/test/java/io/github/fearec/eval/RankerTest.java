package io.github.fearec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.fearec.testing.ManagedTest;
import org.junit.jupiter.api.Test;

class RankerTest extends ManagedTest {

  @Test
  void tiesCountAgainstTheTargetAndPaddingNeverCounts() {
    // columns: 0 = padding, items 1..5
    float[][] scores = {
      {9, 0.5f, 0.7f, 0.7f, 0.1f, 0.7f}, // target 2 ties with 3 and 5: rank 2 (padding ignored)
      {0, 0.9f, 0.1f, 0.2f, 0.3f, 0.4f}, // target 1 is the best: rank 0
      {0, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, // all equal: target behind the 4 others
    };
    int[][] noHistory = {{}, {}, {}};
    Ranker.Ranks ranks = Ranker.ranks(manager.create(scores), new int[] {2, 1, 4}, noHistory);
    assertArrayEquals(new long[] {2, 0, 4}, ranks.historyKept());
    assertArrayEquals(new long[] {2, 0, 4}, ranks.historyRemoved());
  }

  @Test
  void removingHistoryTakesOutPastItemsButNeverTheTargetAndKeepingThemDoesNot() {
    float[][] scores = {
      {0, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f},
      {0, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f},
    };
    int[][] histories = {
      {1, 2, 1}, // items 1 and 2 (1 twice) are removed: target 4 moves from rank 3 to rank 1
      {4, 1}, // the target itself repeats (as in Yelp): only item 1 is removed
    };
    Ranker.Ranks ranks = Ranker.ranks(manager.create(scores), new int[] {4, 4}, histories);
    assertArrayEquals(new long[] {1, 2}, ranks.historyRemoved());
    assertArrayEquals(new long[] {3, 3}, ranks.historyKept());
  }

  @Test
  void aNaNTargetScoreRanksLast() {
    float[][] scores = {{0, Float.NaN, 0.2f, 0.3f}};
    Ranker.Ranks ranks = Ranker.ranks(manager.create(scores), new int[] {1}, new int[][] {{2}});
    assertArrayEquals(new long[] {2}, ranks.historyKept());
    assertArrayEquals(new long[] {2}, ranks.historyRemoved());
  }
}
