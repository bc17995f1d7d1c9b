package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SASRec's original objective through a real model: the loss the objective computes equals the
 * per-position binary cross-entropy recomputed here in double precision from the model's own
 * hidden states and item table, so positions, targets, negatives and the padding mask line up.
 */
class ObjectiveTest {

  private static final ModelConfig TINY =
      ModelConfig.defaults().with(Map.of(
              "max_length", 4,
              "hidden_size", 4,
              "num_heads", 1,
              "inner_size", 8,
              "hidden_dropout", 0,
              "attention_dropout", 0));

  @Test
  void everyPositionIsTheMaskedMeanOfPerPositionBinaryCrossEntropy() {
    int b = 2;
    int n = 4;
    int d = 4;
    int[] items = {1, 2, 3, 0, 4, 5, 6, 2};
    int[] next = {2, 3, 5, 0, 5, 6, 2, 1};
    int[] negatives = {6, 1, 4, 0, 3, 1, 5, 6};
    Engine.getInstance().setRandomSeed(11);
    TrainConfig config =
        TrainConfig.defaults(ModelType.SASREC).with("loss", NextItemLoss.BCE);
    try (NextItemModel model = NextItemModel.create(ModelType.SASREC, TINY, 6, null);
        NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(model.manager(), false);
      BatchTensors batch = BatchTensors.of(step, items, new int[] {3, 4}, new int[] {5, 1});
      Shape shape = new Shape(b, n);
      Objective.Result result =
          new Objective(config)
              .everyPosition(
                  model, store, batch, step.create(next, shape), step.create(negatives, shape));

      float[] h = model.sequenceStates(store, batch.ids(), true).toFloatArray();
      NDArray tableArray = model.encoder().itemTable(store, batch.ids(), true);
      float[] table = tableArray.toFloatArray();
      double sum = 0;
      int count = 0;
      for (int p = 0; p < b * n; p++) {
        if (next[p] == 0) {
          continue;
        }
        double pos = 0;
        double neg = 0;
        for (int c = 0; c < d; c++) {
          pos += h[p * d + c] * table[next[p] * d + c];
          neg += h[p * d + c] * table[negatives[p] * d + c];
        }
        sum += Math.log1p(Math.exp(-pos)) + Math.log1p(Math.exp(neg));
        count++;
      }
      assertEquals(sum / count, result.total().getFloat(), 1e-5);
      assertEquals(result.total().getFloat(), result.crossEntropy().getFloat());
      assertNull(result.contrastive());
      assertNull(result.frequency());
    }
  }
}
