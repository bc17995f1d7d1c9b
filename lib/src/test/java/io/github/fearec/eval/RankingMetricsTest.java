package io.github.fearec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

  @Test
  void handWorkedRanks() {
    // ranks 0, 3, 7, 12, 30 (0-based): hits@5 = {0,3}, @10 = {0,3,7}, @20 = {0,3,7,12}
    RankingMetrics m = new RankingMetrics();
    for (long r : new long[] {0, 3, 7, 12, 30}) {
      m.add(r);
    }
    Map<String, Double> v = m.values();
    assertEquals(2 / 5.0, v.get("HR@5"), 1e-12);
    assertEquals(3 / 5.0, v.get("HR@10"), 1e-12);
    assertEquals(4 / 5.0, v.get("HR@20"), 1e-12);
    double g0 = 1.0; // 1/log2(2)
    double g3 = 1 / (Math.log(5) / Math.log(2));
    double g7 = 1 / (Math.log(9) / Math.log(2));
    double g12 = 1 / (Math.log(14) / Math.log(2));
    assertEquals((g0 + g3) / 5, v.get("NDCG@5"), 1e-12);
    assertEquals((g0 + g3 + g7) / 5, v.get("NDCG@10"), 1e-12);
    assertEquals((g0 + g3 + g7 + g12) / 5, v.get("NDCG@20"), 1e-12);
  }

  @Test
  void aCutOffLargerThanEveryRankCountsEveryone() {
    RankingMetrics m = new RankingMetrics(100);
    m.add(42);
    m.add(99);
    assertEquals(1.0, m.values().get("HR@100"), 1e-12);
    assertEquals(0.5 * (1 / log2(44) + 1 / log2(101)), m.values().get("NDCG@100"), 1e-12);
  }

  @Test
  void rankAtTheCutOffIsAMiss() {
    RankingMetrics m = new RankingMetrics(5);
    m.add(5);
    assertEquals(0.0, m.values().get("HR@5"));
  }

  @Test
  void emptyAndInvalidInputsAreRejected() {
    assertThrows(IllegalStateException.class, () -> new RankingMetrics().values());
    assertThrows(IllegalArgumentException.class, () -> new RankingMetrics().add(-1));
    assertThrows(IllegalArgumentException.class, () -> new RankingMetrics(0));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
