package io.github.fearec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  /**
   * Training parts: u0 = [1 1 2], u1 = [1 3 3], u2 = [2 4 1] → counts 1:4, 2:2, 3:2, 4:1, 5:0.
   * Popularity ranks 1 first, then 2 and 3 (tied), then 4, then 5.
   */
  private static final SequenceDataset DATA =
      new SequenceDataset(
          "hand", 5, new int[][] {{1, 1, 2, 5, 3}, {1, 3, 3, 2, 4}, {2, 4, 1, 1, 2}});

  @Test
  void popularityByHandOnValidationAndTest() {
    LeaveOneOutSplit split = new LeaveOneOutSplit(DATA);
    Evaluator evaluator = new Evaluator(split, new BatchFactory(4), 2, false);
    try (PopularityScorer pop = new PopularityScorer(split)) {
      // validation targets 5, 2, 1 → ranks 4 (behind 1,2,3,4), 2 (tie with 3 plus item 1), 0
      EvaluationResult valid = evaluator.evaluate(pop, HeldOut.VALIDATION);
      assertEquals(3, valid.users());
      assertEquals(1.0, valid.get("HR@5"), 1e-9);
      assertEquals((1 / log2(6) + 1 / log2(4) + 1) / 3, valid.get("NDCG@5"), 1e-9);
      // test targets 3, 4, 2 → ranks 2, 3, 2
      EvaluationResult test = evaluator.evaluate(pop, HeldOut.TEST);
      assertEquals(1.0, test.get("HR@5"), 1e-9);
      assertEquals((2 / log2(4) + 1 / log2(5)) / 3, test.get("NDCG@5"), 1e-9);
    }
  }

  @Test
  void excludingHistoryChangesTheRanksAsWorkedOut() {
    LeaveOneOutSplit split = new LeaveOneOutSplit(DATA);
    Evaluator evaluator = new Evaluator(split, new BatchFactory(4), 8, true);
    try (PopularityScorer pop = new PopularityScorer(split)) {
      // test: u0 history {1,2,5}, target 3: only 3 is left ahead... items ahead of 3 (≥2): 1,2 →
      // both in history → rank 0. u1 history {1,3,2}, target 4: ahead 1,2,3 all history → 0.
      // u2 history {2,4,1,1}, target 2 (in its own history, kept): ahead 1, 3 (tie) → 1 removed →
      // rank 1.
      EvaluationResult test = evaluator.evaluate(pop, HeldOut.TEST);
      assertEquals(RankingProtocol.HISTORY_REMOVED, test.selectedBy());
      assertEquals((1 + 1 + 1 / log2(3)) / 3, test.get("NDCG@5"), 1e-9);
      // the same pass ranked with history kept: ranks 2, 3, 2 as in the test above
      assertEquals(
          (2 / log2(4) + 1 / log2(5)) / 3,
          test.get(RankingProtocol.HISTORY_KEPT, "NDCG@5"),
          1e-9);
    }
  }

  @Test
  void bothProtocolsComeFromOnePassWhicheverSelects() {
    LeaveOneOutSplit split = new LeaveOneOutSplit(DATA);
    try (PopularityScorer pop = new PopularityScorer(split)) {
      EvaluationResult keptSelects =
          new Evaluator(split, new BatchFactory(4), 2, false).evaluate(pop, HeldOut.TEST);
      EvaluationResult removedSelects =
          new Evaluator(split, new BatchFactory(4), 2, true).evaluate(pop, HeldOut.TEST);
      for (RankingProtocol p : RankingProtocol.values()) {
        assertEquals(keptSelects.metrics(p), removedSelects.metrics(p));
      }
      assertEquals(keptSelects.metrics(), keptSelects.metrics(RankingProtocol.HISTORY_KEPT));
      assertEquals(removedSelects.metrics(), removedSelects.metrics(RankingProtocol.HISTORY_REMOVED));
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
