package io.github.fearec.bench;

import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.train.TrainConfig;

/**
 * Approximate floating-point operations of one training sample (a multiply-add counts 2), from
 * the shapes of the matrix products and, on FEARec's paper route, of the FFTs (2.5·N·log₂N per
 * real transform of length N, the usual estimate); element-wise work and gathers are left out. The
 * backward pass is counted as twice the forward pass, the usual rule for dense layers.
 */
final class FlopCount {

  private FlopCount() {}

  /**
   * One forward pass of the encoder over one sequence of N positions. The last layer computes its
   * output at the user position only (see {@code AttentionLayer}); its keys, values and lag
   * scores still cover all N positions.
   */
  static double encoderForward(ModelType type, ModelConfig c, boolean paperRoute) {
    return (c.numLayers() - 1) * layer(type, c, c.maxLength(), paperRoute)
        + layer(type, c, 1, paperRoute);
  }

  /** One layer whose output is computed at {@code queries} positions (N, or 1 for the last). */
  private static double layer(ModelType type, ModelConfig c, double queries, boolean paperRoute) {
    double n = c.maxLength();
    double d = c.hiddenSize();
    double projections = 3 * 2 * n * d * d // Q, K, V
        + 2 * queries * d * d; // the output dense layer
    double feedForward = 2 * 2 * queries * d * c.innerSize();
    double attention;
    if (type == ModelType.SASREC) {
      attention = 2 * 2 * queries * n * d; // scores and context
    } else {
      double filter;
      double frequency;
      if (paperRoute) {
        double fft = 2.5 * n * Math.log(n) / Math.log(2);
        filter = 2 * d * fft; // rfft and irfft of every channel
        double aggregation = 2 * c.topK() * queries * d; // a weighted sum of k gathered rows
        frequency = 2 * filter // q̃, k̃
            + 2 * d * fft + fft // their spectra, one irfft of the channel mean
            + aggregation;
      } else {
        filter = 2 * n * n * d; // one band-limiting product P·x
        double aggregation = queries == n
            ? 2 * n * n * n + 2 * n * n * d // mixing matrix from the lag weights, then R·v
            : 2 * c.topK() * d; // a weighted sum of k value rows
        frequency = 2 * filter // q̃, k̃
            + 2 * n * n * d // G = q̃ k̃ᵀ
            + 2 * n * n * n // circular-diagonal sums
            + aggregation;
      }
      double time = c.dualDomain() && c.timeWeight() > 0 ? filter + 2 * 2 * queries * n * d : 0;
      attention = frequency + time;
    }
    return projections + feedForward + attention;
  }

  /**
   * Forward + backward of everything one training sample costs under {@code training}, FEARec's
   * frequency layers by the paper route or the short-sequence route.
   */
  static double trainingSample(
      ModelType type, ModelConfig c, TrainConfig training, int numItems, boolean paperRoute) {
    int passes = 1
        + (training.contrastive().needsDropoutView() ? 1 : 0)
        + (training.contrastive().needsSemanticView() ? 1 : 0);
    double output = 2.0 * c.hiddenSize() * (numItems + 1); // scores over all items (CE pass)
    return 3 * (passes * encoderForward(type, c, paperRoute) + output);
  }
}
