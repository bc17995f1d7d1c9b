package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.fearec.data.Batch;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SampleOrder;

/**
 * Full-ranking evaluation of an {@link ItemScorer} on the validation or test targets of a
 * leave-one-out split (docs/model.md §1): every user is ranked against all items, in batches,
 * under both {@link RankingProtocol ranking protocols} from the same scores.
 *
 * <p>Each batch is scored inside one {@link ItemScorer#newStep() step manager} and only the
 * ranks, copied to the host, outlive it, so the score matrix (batch × all items, the largest array
 * of an evaluation) and every intermediate array are freed batch by batch.
 */
public final class Evaluator {

  private final LeaveOneOutSplit split;
  private final BatchFactory batches;
  private final int batchSize;
  private final RankingProtocol selecting;

  /**
   * @param split the users and their held-out items
   * @param batches builds the padded inputs
   * @param batchSize users per batch
   * @param excludeHistory whether the selecting protocol (the one {@link
   *     EvaluationResult#metrics()} holds) takes a user's past items out of the ranking; both
   *     protocols are computed either way
   */
  public Evaluator(
      LeaveOneOutSplit split, BatchFactory batches, int batchSize, boolean excludeHistory) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.split = split;
    this.batches = batches;
    this.batchSize = batchSize;
    this.selecting = RankingProtocol.of(excludeHistory);
  }

  public EvaluationResult evaluate(ItemScorer scorer, HeldOut phase) {
    long start = System.nanoTime();
    RankingMetrics kept = new RankingMetrics();
    RankingMetrics removed = new RankingMetrics();
    for (int[] users : SampleOrder.inOrder(split.numUsers(), batchSize)) {
      Batch batch = batches.evaluationBatch(split, users, phase);
      try (NDManager step = scorer.newStep()) {
        NDArray scores = scorer.score(step, batch);
        Ranker.Ranks ranks = Ranker.ranks(scores, batch.targets(), histories(users, phase));
        kept.addAll(ranks.historyKept());
        removed.addAll(ranks.historyRemoved());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RankingMetrics selected = selecting == RankingProtocol.HISTORY_KEPT ? kept : removed;
    RankingMetrics other = selected == kept ? removed : kept;
    return new EvaluationResult(
        phase,
        selected.values(),
        selected.users(),
        selecting == RankingProtocol.HISTORY_REMOVED,
        seconds,
        other.values());
  }

  private int[][] histories(int[] users, HeldOut phase) {
    int[][] out = new int[users.length][];
    for (int i = 0; i < users.length; i++) {
      out[i] = split.history(users[i], phase);
    }
    return out;
  }
}
