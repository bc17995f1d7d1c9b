package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.data.Batch;
import io.github.fearec.data.LeaveOneOutSplit;

/**
 * The reference baseline: every user gets the same ranking, items ordered by how often they occur
 * in the training parts of all sequences. A sequential model has to beat it to have learnt
 * anything about order.
 */
public final class PopularityScorer implements ItemScorer, AutoCloseable {

  private final NDManager manager;
  private final float[] counts;

  public PopularityScorer(LeaveOneOutSplit split) {
    counts = new float[split.dataset().numItems() + 1];
    for (int u = 0; u < split.numUsers(); u++) {
      for (int t = 0; t < split.trainLength(u); t++) {
        counts[split.dataset().item(u, t)]++;
      }
    }
    manager = NDManager.newBaseManager();
  }

  @Override
  public int numItems() {
    return counts.length - 1;
  }

  @Override
  public NDManager newStep() {
    return manager.newSubManager();
  }

  @Override
  public NDArray score(NDManager step, Batch batch) {
    return step.create(counts, new Shape(1, counts.length))
        .broadcast(new Shape(batch.size(), counts.length));
  }

  @Override
  public void close() {
    manager.close();
  }
}
