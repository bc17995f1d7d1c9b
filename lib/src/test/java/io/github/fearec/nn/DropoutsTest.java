package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.fearec.testing.ManagedTest;
import io.github.fearec.testing.TinyModels;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutsTest extends ManagedTest {

  private static final int SIZE = 200_000;

  private final Dropouts dropouts = new Dropouts();

  private float[] dropOnes(double p, long seed) {
    dropouts.reseed(seed);
    return dropouts.apply(manager.ones(new Shape(4, SIZE / 4)), p, true).toFloatArray();
  }

  @Test
  void keptElementsAreScaledAndTheDropRateIsPWithinBinomialNoise() {
    for (double p : new double[] {0.5, 0.1, 0.25, 0.9}) {
      float[] y = dropOnes(p, 7);
      float keep = (float) (1 / (1 - p));
      int dropped = 0;
      for (float v : y) {
        if (v == 0f) {
          dropped++;
        } else {
          assertEquals(keep, v, 0f, "a kept element is x / (1 - p)");
        }
      }
      double sd = Math.sqrt(SIZE * p * (1 - p));
      assertEquals(SIZE * p, dropped, 5 * sd, "dropped count for p = " + p);
    }
  }

  @Test
  void masksOfNeighbouringElementsAreIndependent() {
    // with p = 1/2, a pair (i, i+1) is (kept, kept) a quarter of the time if the draws are
    // independent; reusing bits across the four draws of one long would break this
    float[] y = dropOnes(0.5, 11);
    int bothKept = 0;
    for (int i = 0; i + 1 < y.length; i += 2) {
      if (y[i] != 0 && y[i + 1] != 0) {
        bothKept++;
      }
    }
    double pairs = y.length / 2.0;
    assertEquals(pairs / 4, bothKept, 5 * Math.sqrt(pairs * 0.25 * 0.75));
  }

  @Test
  void theSameSeedGivesTheSameMasksAndAnotherSeedOthers() {
    assertArrayEquals(dropOnes(0.5, 3), dropOnes(0.5, 3));
    assertFalse(Arrays.equals(dropOnes(0.5, 3), dropOnes(0.5, 4)));
  }

  /**
   * The stream is SplitMix64 seeded like {@code new SplittableRandom(seed)}, the kit's stream
   * before it could be rewound: element j of a mask is kept unless the j-th 16-bit draw (low bits
   * first, four per long; a fresh long for the tail) is below round(p·2¹⁶).
   */
  @Test
  void masksAreThoseOfSplittableRandomWithTheSameSeed() {
    double p = 0.3;
    int size = 11; // two whole longs and a tail of three
    int dropBelow = (int) Math.round(p * 65536);
    SplittableRandom reference = new SplittableRandom(42);
    float[] expected = new float[size];
    long bits = 0;
    for (int j = 0; j < size; j++) {
      if (j % 4 == 0) {
        bits = reference.nextLong();
      }
      int draw = (int) (bits >>> (16 * (j % 4))) & 0xffff;
      expected[j] = draw < dropBelow ? 0f : (float) (1 / (1 - p));
    }
    dropouts.reseed(42);
    assertArrayEquals(expected, dropouts.apply(manager.ones(new Shape(size)), p, true).toFloatArray());
  }

  @Test
  void rewindingReplaysTheMasksAndLeavesTheRestOfTheStreamAsItWas() {
    NDArray x = manager.ones(new Shape(3, 50));
    dropouts.reseed(9);
    float[] first = dropouts.apply(x, 0.5, true).toFloatArray();
    float[] second = dropouts.apply(x, 0.5, true).toFloatArray();

    dropouts.reseed(9);
    dropouts.apply(x, 0.5, true);
    long before = dropouts.position();
    float[] replayedOnce = dropouts.apply(x, 0.5, true).toFloatArray();
    long after = dropouts.position();
    dropouts.rewind(before);
    float[] replayedTwice = dropouts.apply(x, 0.5, true).toFloatArray();
    assertEquals(after, dropouts.position(), "a replay ends where the pass ended");
    assertArrayEquals(second, replayedOnce);
    assertArrayEquals(second, replayedTwice);
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void evaluationAndZeroProbabilityLeaveTheInputAlone() {
    NDArray x = manager.randomNormal(new Shape(3, 5));
    assertSame(x, dropouts.apply(x, 0.5, false));
    assertSame(x, dropouts.apply(x, 0, true));
    assertThrows(IllegalArgumentException.class, () -> dropouts.apply(x, 1, true));
  }

  @Test
  void theGradientIsTheMaskScaledLikeTheForwardPass() {
    NDArray x = manager.randomNormal(new Shape(6, 7));
    x.setRequiresGradient(true);
    NDArray y;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      y = dropouts.apply(x, 0.5, true);
      collector.backward(y.sum());
    }
    float[] out = y.toFloatArray();
    float[] in = x.toFloatArray();
    float[] grad = x.getGradient().toFloatArray();
    for (int i = 0; i < in.length; i++) {
      // dy/dx is 0 where dropped and 2 where kept, so y = x · dy/dx element by element
      assertTrue(grad[i] == 0f || grad[i] == 2f, "gradient " + grad[i]);
      assertEquals(in[i] * grad[i], out[i], 1e-6f);
    }
  }

  @Test
  void float64InputsGiveFloat64Outputs() {
    NDArray x = manager.ones(new Shape(10)).toType(DataType.FLOAT64, false);
    assertEquals(DataType.FLOAT64, dropouts.apply(x, 0.5, true).getDataType());
  }

  @Test
  void twoModelsInOneJvmDrawTheirOwnReproducibleStreams() {
    ModelConfig config = TinyModels.CONFIG;
    try (NextItemModel a = NextItemModel.create(ModelType.FEAREC, config, 20, null);
        NextItemModel b = NextItemModel.create(ModelType.FEAREC, config, 20, null)) {
      List<NDArray> from = a.parameterArrays();
      List<NDArray> to = b.parameterArrays();
      for (int i = 0; i < from.size(); i++) {
        to.get(i).set(from.get(i).toFloatArray()); // the same weights: only the masks can differ
      }
      a.dropouts().reseed(5);
      float[] first = trainingPass(a);
      float[] second = trainingPass(a);
      assertFalse(Arrays.equals(first, second), "every pass draws fresh masks");

      // Interleaved with b, a's passes are what they were alone: b's draws leave a's stream alone,
      // and b, seeded alike, draws the same masks from its own.
      a.dropouts().reseed(5);
      b.dropouts().reseed(5);
      assertArrayEquals(first, trainingPass(b));
      assertArrayEquals(first, trainingPass(a));
      assertArrayEquals(second, trainingPass(b));
      assertArrayEquals(second, trainingPass(a));

      a.dropouts().reseed(6);
      assertFalse(Arrays.equals(first, trainingPass(a)), "another seed, other masks");
    }
  }

  /** User vectors of a fixed batch in training mode, where every dropout draws a mask. */
  private static float[] trainingPass(NextItemModel model) {
    try (NDManager step = model.newStep()) {
      int[] rows = {1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8, 9, 10, 11, 12};
      NDArray ids = step.create(rows, new Shape(2, 8));
      NDArray lengths = step.create(new long[] {4, 8});
      return model.userVectors(new ParameterStore(step, false), ids, lengths, true).toFloatArray();
    }
  }
}
