package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.data.Batch;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.GradientRecording;

/**
 * Scores with a trained {@link NextItemModel}: its user vectors against the item table, in
 * inference mode (no dropout, the lags {@code inference_lags} chooses) and with gradient recording
 * paused, so no autograd graph is kept on whichever thread scores.
 */
public final class ModelScorer implements ItemScorer {

  private final NextItemModel model;

  public ModelScorer(NextItemModel model) {
    this.model = model;
  }

  @Override
  public int numItems() {
    return model.numItems();
  }

  @Override
  public NDManager newStep() {
    return model.newStep();
  }

  @Override
  public NDArray score(NDManager step, Batch batch) {
    NDArray ids = BatchTensors.ids(step, batch.items(), batch.lengths());
    NDArray lengths = BatchTensors.lengths(step, batch.lengths());
    ParameterStore store = new ParameterStore(step, false);
    try (GradientRecording paused = GradientRecording.paused()) {
      NDArray users = model.userVectors(store, ids, lengths, false);
      return model.scores(store, users, false);
    }
  }
}
