package io.github.fearec.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates HR@K and NDCG@K over users from the 0-based rank of each user's single target
 * (rank r = the number of other items scored at least as high: ties count against the target).
 *
 * <p>With one relevant item, HR@K = Recall@K = [r &lt; K] and NDCG@K = [r &lt; K] / log₂(r + 2),
 * since the ideal DCG is 1.
 */
public final class RankingMetrics {

  /** The cut-offs every result reports. */
  public static final int[] CUTOFFS = {5, 10, 20};

  private final int[] cutoffs;
  private final double[] hits;
  private final double[] gains;
  private long users;

  public RankingMetrics() {
    this(CUTOFFS);
  }

  public RankingMetrics(int... cutoffs) {
    for (int k : cutoffs) {
      if (k < 1) {
        throw new IllegalArgumentException("a cut-off K must be >= 1, got " + k);
      }
    }
    this.cutoffs = cutoffs.clone();
    this.hits = new double[cutoffs.length];
    this.gains = new double[cutoffs.length];
  }

  /** Records one user whose target ranked at {@code rank} (0 = first). */
  public void add(long rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("a rank is >= 0, got " + rank);
    }
    users++;
    for (int i = 0; i < cutoffs.length; i++) {
      if (rank < cutoffs[i]) {
        hits[i] += 1;
        gains[i] += ndcg(rank);
      }
    }
  }

  /** NDCG of a single relevant item at 0-based {@code rank}, before any cut-off. */
  public static double ndcg(long rank) {
    return 1.0 / (Math.log(rank + 2.0) / Math.log(2.0));
  }

  /** Records one user per rank. */
  public void addAll(long[] ranks) {
    for (long rank : ranks) {
      add(rank);
    }
  }

  public long users() {
    return users;
  }

  /** "HR@5", "HR@10", ..., "NDCG@5", ... in that order, averaged over the users seen. */
  public Map<String, Double> values() {
    if (users == 0) {
      throw new IllegalStateException("no user was evaluated");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < cutoffs.length; i++) {
      out.put("HR@" + cutoffs[i], hits[i] / users);
    }
    for (int i = 0; i < cutoffs.length; i++) {
      out.put("NDCG@" + cutoffs[i], gains[i] / users);
    }
    return out;
  }
}
