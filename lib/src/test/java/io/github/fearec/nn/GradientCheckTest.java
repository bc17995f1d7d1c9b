package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.fearec.accel.Acceleration;
import io.github.fearec.train.Losses;
import java.nio.DoubleBuffer;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autograd against central finite differences on a tiny model in float64, through every part of
 * the forward pass: embedding, LayerNorm, FEARec's frequency layers by either route (the paper
 * route's rfft → band mask → conjugate product → irfft and circular gather; the short-sequence
 * route's projection, diagonal-sum and mixing-matrix products), top-k lag weights, masked softmax
 * attention, GELU and the cross-entropy loss. Dropout is off; training mode (batch-shared lags)
 * is on. The loss reads the full last-layer output; SequenceEncoderTest checks that the
 * one-position path the trainer uses gives the same values and gradients.
 */
class GradientCheckTest {

  private static final double EPS = 1e-6;

  /**
   * SASRec, and FEARec by each of its two routes (the paper's FFTs, the short-sequence matrices;
   * with the full last-layer output read here, the FFT route is also the model without
   * acceleration).
   */
  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(ModelType.SASREC, Acceleration.AUTO),
        Arguments.of(ModelType.FEAREC, Acceleration.PAPER_ROUTE),
        Arguments.of(ModelType.FEAREC, Acceleration.SHORT_SEQUENCE_ROUTE));
  }

  @ParameterizedTest
  @MethodSource("models")
  void autogradMatchesFiniteDifferences(ModelType type, Acceleration acceleration) {
    ModelConfig config =
        ModelConfig.defaults().with(Map.of(
                "max_length", 10,
                "hidden_size", 6,
                "num_heads", 2,
                "inner_size", 8,
                "hidden_dropout", 0,
                "attention_dropout", 0,
                "time_weight", 0.3));
    Engine.getInstance().setRandomSeed(11);
    try (NDManager manager = NDManager.newBaseManager()) {
      SequenceEncoder encoder =
          SequenceEncoder.create(type, config, 12, manager, DataType.FLOAT64, acceleration);
      // larger weights than N(0, 0.02) so that every path carries a visible gradient
      for (Pair<String, Parameter> p : encoder.getParameters()) {
        NDArray a = p.getValue().getArray();
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          double[] v = a.toDoubleArray();
          for (int i = 0; i < v.length; i++) {
            v[i] *= 20;
          }
          a.set(DoubleBuffer.wrap(v));
        }
      }
      int[][] rows = {{1, 2, 3, 4, 5, 0, 0, 0, 0, 0}, {6, 7, 8, 9, 10, 11, 12, 1, 2, 3}};
      NDArray ids = manager.create(rows);
      NDArray lengths = manager.create(new long[] {5, 10});
      NDArray targets = manager.create(new long[] {6, 4});

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss(encoder, manager, ids, lengths, targets));
      }
      Random random = new Random(5);
      int checked = 0;
      for (Pair<String, Parameter> p : encoder.getParameters()) {
        NDArray param = p.getValue().getArray();
        double[] grad = param.getGradient().toDoubleArray();
        double[] values = param.toDoubleArray();
        for (int probe = 0; probe < 3; probe++) {
          int i = random.nextInt(values.length);
          double original = values[i];
          values[i] = original + EPS;
          param.set(DoubleBuffer.wrap(values));
          double up = loss(encoder, manager, ids, lengths, targets).getDouble();
          values[i] = original - EPS;
          param.set(DoubleBuffer.wrap(values));
          double down = loss(encoder, manager, ids, lengths, targets).getDouble();
          values[i] = original;
          param.set(DoubleBuffer.wrap(values));
          double numeric = (up - down) / (2 * EPS);
          double error = Math.abs(numeric - grad[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(grad[i]));
          assertTrue(
              error < 1e-4,
              type + " " + acceleration + " " + p.getKey() + "[" + i + "]: autograd " + grad[i] + " vs numeric " + numeric);
          checked++;
        }
      }
      assertTrue(checked > 30);
    }
  }

  private static NDArray loss(
      SequenceEncoder encoder, NDManager manager, NDArray ids, NDArray lengths, NDArray targets) {
    ParameterStore store = new ParameterStore(manager, false);
    NDArray hidden = encoder.forward(store, new NDList(ids), true).head();
    NDArray users = SequenceEncoderTest.atLastItem(hidden, lengths);
    NDArray scores = users.matMul(encoder.itemTable(store, users, true).transpose());
    return Losses.crossEntropy(scores, targets);
  }
}
