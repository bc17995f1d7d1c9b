package io.github.fearec.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.data.Batch;
import io.github.fearec.nn.BatchTensors;
import io.github.fearec.nn.RecommenderModel;

/** Scores with a trained sequence model in inference mode (no dropout, per-sample lags). */
public final class ModelRecommender implements Recommender {

  private final RecommenderModel model;

  public ModelRecommender(RecommenderModel model) {
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
    BatchTensors in = BatchTensors.of(step, batch.items(), batch.lengths(), batch.targets());
    ParameterStore store = new ParameterStore(step, false);
    NDArray users = model.userVectors(store, in.ids(), in.lengths(), false);
    return model.scores(store, users, false);
  }
}
