package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.fearec.accel.QueryRows;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.testing.Arrays3;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequenceEncoderTest {

  private static final ModelConfig TINY =
      ModelConfig.defaults().with(Map.of(
              "max_length", 8,
              "hidden_size", 8,
              "num_heads", 2,
              "inner_size", 16,
              "hidden_dropout", 0.2,
              "attention_dropout", 0.2));

  @Test
  void sasrecIsCausal() {
    Engine.getInstance().setRandomSeed(1);
    try (NextItemModel model = NextItemModel.create(ModelType.SASREC, TINY, 20, null)) {
      try (NDManager step = model.newStep()) {
        NDArray ids =
            step.create(new int[][] {{3, 5, 7, 9, 2, 0, 0, 0}, {3, 5, 7, 11, 13, 17, 19, 0}});
        NDArray hidden =
            model.encoder().hiddenStates(new ParameterStore(step, false), ids, false).get(2);
        // positions 0..2 see the same prefix 3 5 7 in both rows; position 3 does not
        for (int t = 0; t < 3; t++) {
          float[] a = hidden.get(new NDIndex("0, {}", t)).toFloatArray();
          float[] b = hidden.get(new NDIndex("1, {}", t)).toFloatArray();
          assertArrayEquals(a, b, 1e-5f, "position " + t);
        }
        float[] a3 = hidden.get("0, 3").toFloatArray();
        float[] b3 = hidden.get("1, 3").toFloatArray();
        assertTrue(Arrays3.maxAbsDiff(a3, b3) > 1e-3, "position 3 must see its own item");
      }
    }
  }

  /** SASRec, and FEARec without acceleration and by each of its two routes. */
  private record Variant(ModelType type, Acceleration acceleration) {
    @Override
    public String toString() {
      return type + (type == ModelType.FEAREC ? " (acceleration " + acceleration.id() + ")" : "");
    }
  }

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(ModelType.SASREC, Acceleration.AUTO),
          new Variant(ModelType.FEAREC, Acceleration.NONE),
          new Variant(ModelType.FEAREC, Acceleration.PAPER_ROUTE),
          new Variant(ModelType.FEAREC, Acceleration.SHORT_SEQUENCE_ROUTE));

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"NONE", "PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void fearecInferenceScoresDoNotDependOnTheRestOfTheBatch(Acceleration route) {
    Engine.getInstance().setRandomSeed(2);
    try (NextItemModel model =
        NextItemModel.create(ModelType.FEAREC, TINY, 30, null, route)) {
      int[][] rows = {
        {1, 2, 3, 4, 5, 0, 0, 0}, {9, 8, 7, 6, 5, 4, 3, 2}, {12, 0, 0, 0, 0, 0, 0, 0}
      };
      long[] lengths = {5, 8, 1};
      float[] together = scores(model, rows, lengths, false);
      for (int i = 0; i < rows.length; i++) {
        float[] alone = scores(model, new int[][] {rows[i]}, new long[] {lengths[i]}, false);
        for (int j = 0; j < alone.length; j++) {
          assertEquals(alone[j], together[i * alone.length + j], 1e-5, "row " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Acceleration.class, names = {"PAPER_ROUTE", "SHORT_SEQUENCE_ROUTE"})
  void batchInferenceLagsScoreWithTheLagsOfTraining(Acceleration route) {
    ModelConfig perSample = TINY.with(Map.of("hidden_dropout", 0, "attention_dropout", 0));
    ModelConfig batch = perSample.with("inference_lags", "batch");
    // periods 2, 3 and 4: each row's own best lags differ from the batch's
    int[][] rows = {{1, 2, 1, 2, 1, 2, 1, 2}, {3, 4, 5, 3, 4, 5, 3, 4}, {6, 7, 8, 9, 6, 7, 8, 9}};
    long[] lengths = {8, 8, 8};
    Engine.getInstance().setRandomSeed(3);
    try (NextItemModel own = NextItemModel.create(ModelType.FEAREC, perSample, 30, null, route)) {
      Engine.getInstance().setRandomSeed(3);
      try (NextItemModel shared = NextItemModel.create(ModelType.FEAREC, batch, 30, null, route)) {
        // alone in its batch a sequence's own lags are the batch's: the same weights score alike
        int[][] first = {rows[0]};
        long[] firstLength = {lengths[0]};
        assertArrayEquals(
            scores(own, first, firstLength, false), scores(shared, first, firstLength, false), 1e-6f);
        // together, batch lags score as training does (no dropout here), per-sample lags do not
        float[] inference = scores(shared, rows, lengths, false);
        assertArrayEquals(scores(shared, rows, lengths, true), inference, 1e-6f);
        // scores of a fresh model are ~0.05 (init_std 0.02): a gap of 1e-5 is far above rounding
        double gap = Arrays3.maxAbsDiff(scores(own, rows, lengths, false), inference);
        assertTrue(gap > 1e-5, "per-sample lags scored like batch lags: " + gap);
      }
    }
  }

  @Test
  void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
    for (Variant variant : VARIANTS) {
      ModelConfig noDropout = TINY.with(Map.of("hidden_dropout", 0, "attention_dropout", 0));
      float[][] plain = gradientsOfFreshModel(variant, noDropout, false);
      float[][] collected = gradientsOfFreshModel(variant, noDropout, true);
      for (int p = 0; p < plain.length; p++) {
        assertArrayEquals(plain[p], collected[p], 1e-6f, variant + " parameter " + p);
      }
    }
  }

  @Test
  void hiddenStatesHaveOneEntryPerLayerPlusTheEmbedding() {
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, TINY, 10, null);
        NDManager step = model.newStep()) {
      NDArray ids = step.create(new int[][] {{1, 2, 3, 0, 0, 0, 0, 0}});
      List<NDArray> states =
          model.encoder().hiddenStates(new ParameterStore(step, false), ids, false);
      assertEquals(TINY.numLayers() + 1, states.size());
      for (NDArray s : states) {
        assertEquals(new Shape(1, 8, 8), s.getShape());
      }
    }
  }

  @Test
  void userVectorsEqualTheLastLayersFullOutputAtLengthMinusOneWithTheirGradients() {
    // the user vectors compute the last layer at one position per row; the full pass computes
    // it everywhere and then picks that position: values and parameter gradients must agree, in
    // inference (per-sample lags) and in training (batch-shared lags; dropout off so that both
    // see the same function). alpha 0.3 keeps both FEARec branches in play.
    ModelConfig config =
        TINY.with(Map.of(
                "num_layers", 3,
                "hidden_dropout", 0,
                "attention_dropout", 0,
                "time_weight", 0.3));
    int[][] rows = {{1, 2, 3, 4, 5, 0, 0, 0}, {9, 8, 7, 6, 5, 4, 3, 2}, {12, 0, 0, 0, 0, 0, 0, 0}};
    long[] lengths = {5, 8, 1};
    for (Variant variant : VARIANTS) {
      for (boolean training : new boolean[] {false, true}) {
        Engine.getInstance().setRandomSeed(4);
        try (NextItemModel model =
                NextItemModel.create(variant.type(), config, 15, null, variant.acceleration());
            NDManager step = model.newStep()) {
          ParameterStore store = new ParameterStore(step, false);
          NDArray ids = step.create(rows);
          NDArray lens = step.create(lengths);
          String what = variant + (training ? " training" : " inference");
          float[][] direct = new float[2][];
          float[][] full = new float[2][];
          float[][] directGrads = new float[0][];
          for (int route = 0; route < 2; route++) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
              NDArray users =
                  route == 0
                      ? model.encoder().userVectors(store, ids, lens, training)
                      : atLastItem(model.encoder().hiddenStates(store, ids, training).get(3), lens);
              NDArray weights = step.arange((int) users.size()).reshape(users.getShape()).cos();
              collector.backward(users.mul(weights).sum());
              (route == 0 ? direct : full)[0] = users.toFloatArray();
            }
            List<NDArray> params = model.parameterArrays();
            float[][] grads = new float[params.size()][];
            for (int i = 0; i < grads.length; i++) {
              grads[i] = params.get(i).getGradient().toFloatArray();
            }
            if (route == 0) {
              directGrads = grads;
            } else {
              // gradients accumulate over the two backward passes: the second one's share
              for (int i = 0; i < grads.length; i++) {
                for (int j = 0; j < grads[i].length; j++) {
                  grads[i][j] -= directGrads[i][j];
                }
                assertArrayEquals(grads[i], directGrads[i], 2e-5f, what + " gradient " + i);
              }
            }
          }
          assertEquals(new Shape(3, 8).size(), direct[0].length, what);
          assertArrayEquals(full[0], direct[0], 2e-5f, what);
        }
      }
    }
  }

  @Test
  void withoutAccelerationTheUserVectorsAreTheFullPassReadAtLengthMinusOne() {
    // docs/model.md §7 as written: the last layer at every position, read at len − 1; inference,
    // so both passes compute the same function with the same operations
    int[][] rows = {{1, 2, 3, 4, 5, 0, 0, 0}, {9, 8, 7, 6, 5, 4, 3, 2}, {12, 0, 0, 0, 0, 0, 0, 0}};
    long[] lengths = {5, 8, 1};
    for (ModelType type : ModelType.values()) {
      Engine.getInstance().setRandomSeed(5);
      try (NextItemModel model = NextItemModel.create(type, TINY, 15, null, Acceleration.NONE);
          NDManager step = model.newStep()) {
        ParameterStore store = new ParameterStore(step, false);
        NDArray ids = step.create(rows);
        NDArray lens = step.create(lengths);
        float[] users = model.userVectors(store, ids, lens, false).toFloatArray();
        List<NDArray> states = model.encoder().hiddenStates(store, ids, false);
        float[] read = atLastItem(states.get(states.size() - 1), lens).toFloatArray();
        assertArrayEquals(read, users, 0f, type.id());
      }
    }
  }

  /** Row len−1 of each sequence of a full pass's hidden states (B, N, d): (B, d). */
  static NDArray atLastItem(NDArray hidden, NDArray lengths) {
    return QueryRows.at(lengths.sub(1)).select(hidden, 1).squeeze(1);
  }

  static float[] scores(NextItemModel model, int[][] rows, long[] lengths, boolean training) {
    try (NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(step, false);
      NDArray users =
          model.userVectors(store, step.create(rows), step.create(lengths), training);
      return model.scores(store, users, training).toFloatArray();
    }
  }

  /** d(Σ scores·w)/dθ for a fixed batch, optionally with a forced GC before backward. */
  private static float[][] gradientsOfFreshModel(
      Variant variant, ModelConfig config, boolean collectGarbage) {
    Engine.getInstance().setRandomSeed(3);
    int[][] rows = {{1, 2, 3, 4, 0, 0, 0, 0}, {5, 6, 7, 8, 9, 10, 11, 12}};
    try (NextItemModel model =
        NextItemModel.create(variant.type(), config, 15, null, variant.acceleration())) {
      try (NDManager step = model.newStep()) {
        ParameterStore store = new ParameterStore(step, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray users =
              model.userVectors(store, step.create(rows), step.create(new long[] {4, 8}), true);
          NDArray scores = model.scores(store, users, true);
          NDArray weights = step.arange((int) scores.size()).reshape(scores.getShape()).sin();
          NDArray loss = scores.mul(weights).sum();
          if (collectGarbage) {
            System.gc();
            System.gc();
          }
          collector.backward(loss);
        }
        List<NDArray> params = model.parameterArrays();
        float[][] grads = new float[params.size()][];
        for (int i = 0; i < grads.length; i++) {
          grads[i] = params.get(i).getGradient().toFloatArray();
        }
        return grads;
      }
    }
  }
}
