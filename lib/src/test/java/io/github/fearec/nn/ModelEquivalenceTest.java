package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.testing.TinyModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ties implementations together that must compute the same function: FEARec reduced to SASRec
 * (docs/model.md §5, §10), and FEARec by its two routes.
 */
class ModelEquivalenceTest {

  /**
   * With α = 1 and the time branch unfiltered, FEARec's hybrid attention is exactly SASRec's causal
   * attention (docs/model.md §5), and both encoders create their parameters in the same order, so the same
   * seed must give the same scores.
   */
  @Test
  void fearecWithOnlyUnfilteredTimeAttentionIsSasrec() {
    ModelConfig base = TinyModels.CONFIG;
    ModelConfig timeOnly = base.with(Map.of("time_weight", 1, "std", false));
    int[][] rows = {{1, 2, 3, 4, 5, 0, 0, 0}, {6, 7, 8, 9, 1, 2, 3, 4}};
    long[] lengths = {5, 8};
    Engine.getInstance().setRandomSeed(9);
    float[] sasrec;
    try (NextItemModel m = NextItemModel.create(ModelType.SASREC, base, 9, null)) {
      sasrec = SequenceEncoderTest.scores(m, rows, lengths, false);
    }
    Engine.getInstance().setRandomSeed(9);
    try (NextItemModel m = NextItemModel.create(ModelType.FEAREC, timeOnly, 9, null)) {
      assertArrayEquals(sasrec, SequenceEncoderTest.scores(m, rows, lengths, false), 1e-6f);
    }
  }

  /**
   * The paper route and the fast route for short sequences give the same FEARec, and so does the
   * model without any acceleration (every layer at every position, FFTs): the same scores and
   * parameter gradients from the same seed, in inference and in training (dropout off, so that
   * all see the same function), at the paper's N = 50 and with rows that fill it.
   */
  @Test
  void fearecGivesTheSameScoresAndGradientsByEitherRouteAndWithoutAcceleration() {
    ModelConfig config =
        ModelConfig.defaults().with(Map.of(
                "hidden_size", 16,
                "inner_size", 32,
                "hidden_dropout", 0,
                "attention_dropout", 0));
    int n = config.maxLength();
    int[][] rows = new int[3][n];
    long[] lengths = {n, 17, 1};
    for (int b = 0; b < rows.length; b++) {
      for (int t = 0; t < lengths[b]; t++) {
        rows[b][t] = 1 + (t * (b + 2) + b) % 40;
      }
    }
    for (boolean training : new boolean[] {false, true}) {
      float[][] plain = scoresAndGradients(config, Acceleration.NONE, rows, lengths, training);
      float[][] paper = scoresAndGradients(config, Acceleration.PAPER_ROUTE, rows, lengths, training);
      float[][] matrix =
          scoresAndGradients(config, Acceleration.SHORT_SEQUENCE_ROUTE, rows, lengths, training);
      assertEquals(paper.length, matrix.length);
      assertEquals(paper.length, plain.length);
      for (int i = 0; i < paper.length; i++) {
        String what = (training ? "training" : "inference") + (i == 0 ? " scores" : " gradient " + i);
        assertArrayEquals(matrix[i], paper[i], 2e-5f, what);
        assertArrayEquals(plain[i], paper[i], 2e-5f, what + ", without acceleration");
      }
    }
  }

  /** [scores, then the gradient of Σ scores·w for every parameter]. */
  private static float[][] scoresAndGradients(
      ModelConfig config, Acceleration route, int[][] rows, long[] lengths, boolean training) {
    Engine.getInstance().setRandomSeed(12);
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, config, 40, null, route);
        NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(step, false);
      float[] scores;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray users =
            model.userVectors(store, step.create(rows), step.create(lengths), training);
        NDArray s = model.scores(store, users, training);
        NDArray weights = step.arange((int) s.size()).reshape(s.getShape()).sin();
        collector.backward(s.mul(weights).sum());
        scores = s.toFloatArray();
      }
      List<NDArray> params = model.parameterArrays();
      float[][] out = new float[params.size() + 1][];
      out[0] = scores;
      for (int i = 0; i < params.size(); i++) {
        out[i + 1] = params.get(i).getGradient().toFloatArray();
      }
      return out;
    }
  }
}
