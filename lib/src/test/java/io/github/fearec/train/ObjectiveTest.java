package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The objective through a real model. SASRec's original objective: the loss equals the
 * per-position binary cross-entropy recomputed here in double precision from the model's own
 * hidden states and item table, so positions, targets, negatives and the padding mask line up.
 * FEARec's: back-propagating the cross-entropy before the contrastive views are built gives the
 * gradient of the whole loss.
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
      NDArray[] loss = new NDArray[1];
      LossTerms terms =
          new Objective(config)
              .compute(
                  model, store,
                  new TrainingInput(
                      batch, null, step.create(next, shape), step.create(negatives, shape)),
                  total -> loss[0] = total);

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
      assertEquals(sum / count, loss[0].getFloat(), 1e-5);
      assertEquals(loss[0].getFloat(), terms.total(), 0);
      assertEquals(terms.total(), terms.crossEntropy(), 0);
      assertEquals(0, terms.contrastive());
      assertEquals(0, terms.frequency());
    }
  }

  /**
   * Under us_x the objective back-propagates the cross-entropy pass on its own, in a step that is
   * closed before the contrastive views are built. Its gradients must equal those of the loss of
   * docs/model.md §8 written out here and back-propagated once: CE(h) + λ·InfoNCE(z_aug, z_sem)
   * + w·L1(FFT z_aug, FFT z_sem). Dropout is off, so every view is the same function of the
   * weights in both computations.
   */
  @Test
  void usxBackPropagatedInTwoPartsGivesTheGradientOfTheWholeLoss() {
    TrainConfig config = TrainConfig.defaults(ModelType.FEAREC);
    ModelConfig fearec = TINY.with("max_length", 8);
    Engine.getInstance().setRandomSeed(3);
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, fearec, 6, null)) {
      ParameterStore store = new ParameterStore(model.manager(), false);
      LossTerms[] terms = new LossTerms[1];
      List<float[]> split = gradients(model, (batch, positives, collector) ->
          terms[0] = new Objective(config)
              .compute(model, store, TrainingInput.of(batch, positives), collector::backward));
      double[] expected = new double[1];
      List<float[]> whole = gradients(model, (batch, positives, collector) -> {
        NDArray h = model.userVectors(store, batch.ids(), batch.lengths(), true);
        NDArray aug = model.userVectors(store, batch.ids(), batch.lengths(), true);
        NDArray sem = model.userVectors(store, positives.ids(), positives.lengths(), true);
        NDArray total = Losses.crossEntropy(model.scores(store, h, true), batch.targets())
            .add(Scalars.scale(Losses.infoNce(aug, sem, 1.0), 0.1))
            .add(Scalars.scale(Losses.frequencyL1(aug, sem), 0.1));
        collector.backward(total);
        expected[0] = total.getFloat();
      });
      assertEquals(expected[0], terms[0].total(), 1e-5);
      assertEquals(joinedSize(whole), joinedSize(split));
      double norm = 0;
      for (int i = 0; i < whole.size(); i++) {
        assertArrayEquals(whole.get(i), split.get(i), 1e-6f, "parameter " + i);
        for (float g : whole.get(i)) {
          norm += g * g;
        }
      }
      assertTrue(norm > 1e-6, "the loss has a gradient (squared norm " + norm + ")");
    }
  }

  /**
   * Recomputing the dropout view in the backward pass must not change the step: with dropout on,
   * and the mask stream seeded alike, the loss, every gradient and the stream's position after
   * the step are those of the step that keeps both views' activations. That holds only if the
   * replay draws the very masks of the first pass.
   */
  @Test
  void recomputingTheDropoutViewGivesTheSameLossGradientsAndMaskStream() {
    ModelConfig fearec =
        TINY.with(Map.of("max_length", 8, "hidden_dropout", 0.5, "attention_dropout", 0.5));
    Engine.getInstance().setRandomSeed(4);
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, fearec, 6, null)) {
      ParameterStore store = new ParameterStore(model.manager(), false);
      double[] loss = new double[2];
      long[] after = new long[2];
      List<List<float[]>> grads = new ArrayList<>();
      ViewRecompute[] ways = {ViewRecompute.NEVER, ViewRecompute.ALWAYS};
      for (int w = 0; w < 2; w++) {
        int i = w;
        TrainConfig config = TrainConfig.defaults(ModelType.FEAREC).with("recompute_view", ways[w]);
        model.dropouts().reseed(17);
        grads.add(gradients(model, (batch, positives, collector) ->
            loss[i] = new Objective(config)
                .compute(model, store, TrainingInput.of(batch, positives), collector::backward)
                .total()));
        after[w] = model.dropouts().position();
      }
      assertEquals(loss[0], loss[1], 1e-6);
      assertEquals(after[0], after[1], "the replay leaves the stream where the step left it");
      double norm = 0;
      for (int p = 0; p < grads.get(0).size(); p++) {
        assertArrayEquals(grads.get(0).get(p), grads.get(1).get(p), 1e-6f, "parameter " + p);
        for (float g : grads.get(0).get(p)) {
          norm += g * g;
        }
      }
      assertTrue(norm > 1e-6, "the loss has a gradient (squared norm " + norm + ")");
      // and the masks differ between passes, or the test would not need the replay to be exact
      model.dropouts().reseed(17);
      float[] first = gradients(model, (batch, positives, collector) ->
          collector.backward(model.userVectors(store, batch.ids(), batch.lengths(), true).sum()))
          .get(0);
      float[] second = gradients(model, (batch, positives, collector) ->
          collector.backward(model.userVectors(store, batch.ids(), batch.lengths(), true).sum()))
          .get(0);
      assertFalse(Arrays.equals(first, second), "each pass draws its own masks");
    }
  }

  @Test
  void autoRecomputesFromOneAttentionArrayOf64MiB() {
    ModelConfig paper = ModelConfig.defaults(); // h = 2
    assertFalse(ViewRecompute.AUTO.recomputes(paper.with("max_length", 181), 256));
    assertTrue(ViewRecompute.AUTO.recomputes(paper.with("max_length", 182), 256));
    assertFalse(ViewRecompute.AUTO.recomputes(paper.with("max_length", 200), 128));
    assertTrue(ViewRecompute.ALWAYS.recomputes(paper, 1));
    assertFalse(ViewRecompute.NEVER.recomputes(paper.with("max_length", 400), 256));
  }

  /** One way of back-propagating the loss of a batch. */
  private interface Backward {
    void run(BatchTensors batch, BatchTensors positives, GradientCollector collector);
  }

  /** The parameters' gradients after one fixed batch, then zeroed again. */
  private static List<float[]> gradients(NextItemModel model, Backward backward) {
    int[] items = {1, 2, 3, 4, 5, 6, 0, 0, 2, 3, 4, 5, 6, 1, 2, 3, 6, 5, 4, 0, 0, 0, 0, 0};
    int[] positiveItems = {2, 4, 6, 1, 3, 0, 0, 0, 5, 1, 2, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0};
    int[] targets = {5, 6, 2};
    try (NDManager step = model.newStep()) {
      BatchTensors batch = BatchTensors.of(step, items, new int[] {6, 7, 3}, targets);
      BatchTensors positives = BatchTensors.of(step, positiveItems, new int[] {5, 3, 4}, targets);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        backward.run(batch, positives, collector);
      }
      List<float[]> out = new ArrayList<>();
      for (NDArray p : model.parameterArrays()) {
        out.add(p.getGradient().toFloatArray());
        p.getGradient().muli(0); // gradients add up until the optimiser zeroes them
      }
      return out;
    }
  }

  private static int joinedSize(List<float[]> arrays) {
    return arrays.stream().mapToInt(a -> a.length).sum();
  }
}
