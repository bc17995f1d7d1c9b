package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.fearec.ops.Scalars;

/**
 * The three terms of FEARec's objective (paper Eq. 14–17, docs/model.md §8), written with plain
 * array operations: DJL's built-in losses scale with {@code mul(Number)}, which is unsafe under
 * autograd in DJL 0.36 (docs/djl.md §2, {@link Scalars}).
 */
public final class Losses {

  private Losses() {}

  /**
   * Next-item cross-entropy over all items: mean over rows of −log softmax(scores)[target].
   *
   * @param scores (B, |I|+1)
   * @param targets (B) int64
   */
  public static NDArray crossEntropy(NDArray scores, NDArray targets) {
    NDArray logProbs = scores.logSoftmax(1);
    return logProbs.gather(targets.reshape(-1, 1), 1).mean().neg();
  }

  /**
   * SASRec's original objective (Kang &amp; McAuley 2018, Sec. III-E): at every real position, −log σ of
   * the true next item's logit and −log(1 − σ) of one sampled negative's, summed and averaged over
   * the positions that have a next item. −log σ(x) is computed as softplus(−x) = relu(−x) +
   * log(1 + e^−|x|), which neither overflows nor loses small values.
   *
   * @param positive (B, N) logits of the true next items
   * @param negative (B, N) logits of the sampled negatives
   * @param mask (B, N) 1 where the position has a next item, 0 at padding
   */
  public static NDArray binaryCrossEntropy(NDArray positive, NDArray negative, NDArray mask) {
    NDArray perPosition = softplus(positive.neg()).add(softplus(negative));
    return perPosition.mul(mask).sum().div(mask.sum());
  }

  /** log(1 + e^x) without overflow. */
  private static NDArray softplus(NDArray x) {
    return Activation.relu(x).add(x.abs().neg().exp().add(1f).log());
  }

  /**
   * InfoNCE over the 2B vectors [z1; z2] with dot-product similarity / τ: each vector's positive is
   * its partner in the other view and the other 2B − 2 vectors are its negatives (the vector itself
   * is left out of the softmax). Mean over the 2B rows.
   *
   * @param z1 (B, d)
   * @param z2 (B, d)
   * @param temperature τ &gt; 0
   */
  public static NDArray infoNce(NDArray z1, NDArray z2, double temperature) {
    long b = z1.getShape().get(0);
    NDManager manager = z1.getManager();
    NDArray z = z1.concat(z2, 0);
    NDArray similarity = Scalars.scale(z.matMul(z.transpose()), 1.0 / temperature);
    // Leave each vector out of its own softmax with a large negative on the diagonal.
    NDArray self = manager.eye((int) (2 * b)).toDevice(z.getDevice(), false);
    NDArray masked = similarity.add(self.mul(manager.create(-1e9f)));
    NDArray rows = manager.arange(0, 2 * b, 1, DataType.INT64).toDevice(z.getDevice(), false);
    NDArray partner = rows.add(b).mod(2 * b).reshape(new Shape(2 * b, 1));
    return masked.logSoftmax(1).gather(partner, 1).mean().neg();
  }

  /**
   * The frequency-domain regulariser: mean |rfft(z1) − rfft(z2)| with the orthonormal FFT taken
   * along the hidden dimension. The FFT is linear, so it is computed once, on z1 − z2. DJL's rfft
   * has no orthonormal mode: the plain transform is scaled by 1/√d (docs/djl.md §3).
   *
   * @param z1 (B, d)
   * @param z2 (B, d)
   */
  public static NDArray frequencyL1(NDArray z1, NDArray z2) {
    long d = z1.getShape().get(1);
    NDArray magnitude = z1.sub(z2).rfft(d, 1).abs();
    return Scalars.scale(magnitude.mean(), 1.0 / Math.sqrt(d));
  }
}
