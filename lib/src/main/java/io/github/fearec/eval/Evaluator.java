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
 * leave-one-out split (docs/model.md §1): every user is ranked against all items, in batches.
 *
 * <p>Each batch is scored inside one {@link ItemScorer#newStep() step manager} and only the
 * ranks, copied to the host, outlive it, so the score matrix (batch × all items, the largest array
 * of an evaluation) and every intermediate array are freed batch by batch.
 */
public final class Evaluator {

  private final LeaveOneOutSplit split;
  private final BatchFactory batches;
  private final int batchSize;
  private final Ranker ranker;

  /**
   * @param split the users and their held-out items
   * @param batches builds the padded inputs
   * @param batchSize users per batch
   * @param excludeHistory whether a user's past items are taken out of the ranking
   */
  public Evaluator(
      LeaveOneOutSplit split, BatchFactory batches, int batchSize, boolean excludeHistory) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.split = split;
    this.batches = batches;
    this.batchSize = batchSize;
    this.ranker = new Ranker(excludeHistory);
  }

  public EvaluationResult evaluate(ItemScorer scorer, HeldOut phase) {
    long start = System.nanoTime();
    RankingMetrics metrics = new RankingMetrics();
    for (int[] users : SampleOrder.inOrder(split.numUsers(), batchSize)) {
      Batch batch = batches.evaluationBatch(split, users, phase);
      int[][] histories = ranker.excludesHistory() ? histories(users, phase) : null;
      try (NDManager step = scorer.newStep()) {
        NDArray scores = scorer.score(step, batch);
        for (long rank : ranker.ranks(scores, batch.targets(), histories)) {
          metrics.add(rank);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EvaluationResult(
        phase, metrics.values(), metrics.users(), ranker.excludesHistory(), seconds);
  }

  private int[][] histories(int[] users, HeldOut phase) {
    int[][] out = new int[users.length][];
    for (int i = 0; i < users.length; i++) {
      out[i] = split.history(users[i], phase);
    }
    return out;
  }
}
