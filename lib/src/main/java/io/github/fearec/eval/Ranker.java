package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Full-ranking position of each target among all items (docs/model.md §1): the target's rank is the
 * number of other real items whose score is at least the target's, so ties never favour the target
 * and the padding id 0 never counts. The comparison runs on the device; only one count per user
 * comes back to the host.
 *
 * <p>One pass gives the rank under both {@link RankingProtocol protocols}: with the user's past
 * items kept, and with them taken out of the ranking (other than the target itself, which
 * repeat-consumption data such as Yelp can contain). Removing history can only lower a rank: the
 * removed rank is the kept rank minus the distinct past items that scored at least the target.
 */
public final class Ranker {

  /** The 0-based rank of each row's target under each protocol. */
  public record Ranks(long[] historyKept, long[] historyRemoved) {}

  private Ranker() {}

  /**
   * @param scores (B, |I|+1)
   * @param targets each row's target id
   * @param histories each row's past items
   * @return the 0-based rank of each target under both protocols; a NaN target score ranks last
   */
  public static Ranks ranks(NDArray scores, int[] targets, int[][] histories) {
    int b = targets.length;
    NDManager manager = scores.getManager();
    NDArray targetIds =
        manager
            .create(Arrays.stream(targets).asLongStream().toArray(), new Shape(b, 1))
            .toDevice(scores.getDevice(), false);
    NDArray targetScores = scores.gather(targetIds, 1);
    NDArray atLeast = scores.gte(targetScores);
    long[] counts = atLeast.sum(new int[] {1}).toType(DataType.INT64, false).toLongArray();
    boolean[] paddingAhead = atLeast.get(":, 0").toBooleanArray();
    float[] target = targetScores.toFloatArray();
    long numItems = scores.getShape().get(1) - 1;
    int width = maxLength(histories);
    float[] historyScores = width > 0 ? historyScores(scores, histories, width) : null;
    long[] kept = new long[b];
    long[] removed = new long[b];
    for (int i = 0; i < b; i++) {
      if (Float.isNaN(target[i])) {
        kept[i] = numItems - 1;
        removed[i] = numItems - 1;
        continue;
      }
      kept[i] = counts[i] - 1 - (paddingAhead[i] ? 1 : 0);
      removed[i] =
          historyScores == null
              ? kept[i]
              : kept[i] - historyAhead(histories[i], targets[i], historyScores, i * width, target[i]);
    }
    return new Ranks(kept, removed);
  }

  private static int maxLength(int[][] histories) {
    int width = 0;
    for (int[] h : histories) {
      width = Math.max(width, h.length);
    }
    return width;
  }

  /** Scores of each row's history items, (B · width) row-major, padded with item 0. */
  private static float[] historyScores(NDArray scores, int[][] histories, int width) {
    long[] ids = new long[histories.length * width];
    for (int i = 0; i < histories.length; i++) {
      for (int t = 0; t < histories[i].length; t++) {
        ids[i * width + t] = histories[i][t];
      }
    }
    NDArray index =
        scores
            .getManager()
            .create(ids, new Shape(histories.length, width))
            .toDevice(scores.getDevice(), false);
    return scores.gather(index, 1).toFloatArray();
  }

  /** How many distinct history items (not padding, not the target) score at least the target. */
  private static int historyAhead(
      int[] history, int targetId, float[] historyScores, int offset, float target) {
    Set<Integer> seen = new HashSet<>();
    int ahead = 0;
    for (int t = 0; t < history.length; t++) {
      int item = history[t];
      if (item != 0 && item != targetId && seen.add(item) && historyScores[offset + t] >= target) {
        ahead++;
      }
    }
    return ahead;
  }
}
