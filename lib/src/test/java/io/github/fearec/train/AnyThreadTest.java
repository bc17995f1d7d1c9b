package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.fearec.data.Batch;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.ops.GradientRecording;
import io.github.fearec.persist.ParameterSnapshot;
import io.github.fearec.testing.ManagedTest;
import io.github.fearec.testing.TinyModels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Training, restoring and scoring on a thread other than the one that loaded the engine, as the
 * Java notebook kernels run cells. libtorch records gradients per thread and a new thread starts
 * recording, so without the kit's {@link GradientRecording} scopes the Adam update and a weight
 * restore fail there ("a leaf Variable that requires grad is being used in an in-place operation")
 * and scoring keeps an autograd graph.
 */
class AnyThreadTest extends ManagedTest {

  private static final int ITEMS = 12;

  @Test
  void aNewThreadRecordsUntilPausedAndAPauseRestoresWhatItFound() {
    Engine.getInstance(); // loaded on this thread, which DJL leaves not recording
    assertFalse(JniUtils.isGradMode());
    onANewThread(() -> {
      assertTrue(JniUtils.isGradMode(), "a new thread starts recording");
      try (GradientRecording outer = GradientRecording.paused()) {
        assertFalse(JniUtils.isGradMode());
        try (GradientRecording inner = GradientRecording.paused()) {
          assertFalse(JniUtils.isGradMode());
        }
        assertFalse(JniUtils.isGradMode(), "the inner scope restores the outer one's state");
      }
      assertTrue(JniUtils.isGradMode(), "closing restores recording");
    });
  }

  /** The closed form of AdamOptimizerTest: one step moves w by lr·g/(|g| + ε) with g = 2w. */
  @Test
  void anAdamStepOnANewThreadMovesTheWeightsByTheLearningRate() {
    NDArray w = manager.create(new float[] {1f, -2f});
    w.setRequiresGradient(true);
    AdamOptimizer adam = new AdamOptimizer(manager, List.of(w), 0.1);
    onANewThread(() -> {
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(w.mul(w).sum());
      }
      adam.step();
    });
    assertArrayEquals(new float[] {0.9f, -1.9f}, w.toFloatArray(), 1e-6f);
  }

  @Test
  void restoringWeightsOnANewThreadCopiesThem() {
    try (NextItemModel source = tiny(1); NextItemModel target = tiny(2)) {
      ParameterSnapshot saved = ParameterSnapshot.of(source);
      assertFalse(
          Arrays.equals(values(source)[0], values(target)[0]),
          "the two models start with different weights");
      onANewThread(() -> saved.restore(target));
      float[][] expected = values(source);
      float[][] restored = values(target);
      for (int i = 0; i < expected.length; i++) {
        assertArrayEquals(expected[i], restored[i], 0f, "parameter " + i);
      }
    }
  }

  @Test
  void scoringOnANewThreadKeepsNoGraphAndGivesTheSameScores() {
    try (NextItemModel model = tiny(3)) {
      Batch batch = new BatchFactory(TinyModels.CONFIG.maxLength())
          .validationBatch(split(), new int[] {0, 1});
      ModelScorer scorer = new ModelScorer(model);
      float[] here;
      try (NDManager step = scorer.newStep()) {
        here = scorer.score(step, batch).toFloatArray();
      }
      AtomicReference<float[]> there = new AtomicReference<>();
      onANewThread(() -> {
        try (NDManager step = scorer.newStep()) {
          NDArray scores = scorer.score(step, batch);
          // without a recorded graph there is nothing to differentiate back to the weights
          try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            assertThrows(EngineException.class, () -> c.backward(scores.sum()),
                "the operations that made the scores were recorded");
          }
          there.set(scores.toFloatArray());
        }
      });
      assertEquals(ITEMS + 1, here.length / 2, "one score per item and padding, per user");
      assertArrayEquals(here, there.get(), 0f);
    }
  }

  private static LeaveOneOutSplit split() {
    SyntheticConfig config = SyntheticConfig.DEFAULTS.with(Map.of(
            "synthetic_users", 6, "synthetic_items", ITEMS, "synthetic_seed", 5));
    LeaveOneOutSplit split = new LeaveOneOutSplit(SyntheticDataset.generate(config).dataset());
    assertEquals(ITEMS, split.dataset().numItems());
    return split;
  }

  private static NextItemModel tiny(int seed) {
    Engine.getInstance().setRandomSeed(seed);
    return NextItemModel.create(ModelType.FEAREC, TinyModels.CONFIG, ITEMS, null);
  }

  /** Runs {@code body} on a fresh thread and rethrows what it threw. */
  private static void onANewThread(Runnable body) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (failure.get() instanceof Error error) {
      throw error;
    }
    if (failure.get() != null) {
      throw new AssertionError("failed on the new thread", failure.get());
    }
  }

  private static float[][] values(NextItemModel model) {
    return model.parameterArrays().stream().map(NDArray::toFloatArray).toArray(float[][]::new);
  }
}
