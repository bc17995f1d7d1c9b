package io.github.fearec.bench;

import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.train.TrainConfig;

/**
 * Approximate floating-point operations of one training sample (a multiply-add counts 2), from
 * the shapes of the matrix products; element-wise work is left out. The backward pass is counted
 * as twice the forward pass, the usual rule for dense layers.
 */
final class FlopCount {

  private FlopCount() {}

  /**
   * One forward pass of the encoder over one sequence of N positions. The last layer computes its
   * output at the user position only (see {@code AttentionLayer}); its keys, values and lag
   * scores still cover all N positions.
   */
  static double encoderForward(ModelType type, ModelConfig c) {
    return (c.numLayers() - 1) * layer(type, c, c.maxLength()) + layer(type, c, 1);
  }

  /** One layer whose output is computed at {@code queries} positions (N, or 1 for the last). */
  private static double layer(ModelType type, ModelConfig c, double queries) {
    double n = c.maxLength();
    double d = c.hiddenSize();
    double projections = 3 * 2 * n * d * d // Q, K, V
        + 2 * queries * d * d; // the output dense layer
    double feedForward = 2 * 2 * queries * d * c.innerSize();
    double attention;
    if (type == ModelType.SASREC) {
      attention = 2 * 2 * queries * n * d; // scores and context
    } else {
      double filter = 2 * n * n * d; // one band-limiting product P·x
      double aggregation = queries == n
          ? 2 * n * n * n + 2 * n * n * d // mixing matrix from the lag weights, then R·v
          : 2 * c.topK() * d; // a weighted sum of k value rows
      double frequency = 2 * filter // q̃, k̃
          + 2 * n * n * d // G = q̃ k̃ᵀ
          + 2 * n * n * n // circular-diagonal sums
          + aggregation;
      double time = c.dualDomain() && c.spatialRatio() > 0 ? filter + 2 * 2 * queries * n * d : 0;
      attention = frequency + time;
    }
    return projections + feedForward + attention;
  }

  /** Forward + backward of everything one training sample costs under {@code training}. */
  static double trainingSample(ModelType type, ModelConfig c, TrainConfig training, int numItems) {
    int passes = 1
        + (training.contrastive().needsDropoutView() ? 1 : 0)
        + (training.contrastive().needsSemanticView() ? 1 : 0);
    double output = 2.0 * c.hiddenSize() * (numItems + 1); // scores over all items (CE pass)
    return 3 * (passes * encoderForward(type, c) + output);
  }
}
