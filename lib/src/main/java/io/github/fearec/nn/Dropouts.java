package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Inverted dropout, y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p), whose masks are drawn in Java
 * from one model's own random stream.
 *
 * <p>Why not libtorch's dropout: on the CPU it fills the mask with one serial Bernoulli draw per
 * element, which made dropout about a third of a FEARec training step (seven masks per pass, three
 * passes per step; profiled with JFR). Here 16 random bits decide each element, four elements per
 * {@code nextLong()}, and the mask is handed to libtorch ready-made; the product with x is then
 * an ordinary differentiable multiplication. An element is dropped when its 16-bit draw is below
 * round(p·2¹⁶), so p is exact for multiples of 2⁻¹⁶ (0.5, the paper's value, among them) and off by
 * less than 10⁻⁵ otherwise.
 *
 * <p>Every {@link SequenceEncoder} owns one instance and hands it to each of its blocks that drops
 * (embedding, attention probabilities, the end of every sub-layer), so the masks of a model come
 * from its stream alone: two models in one JVM, say a SASRec and a FEARec in one notebook, never
 * draw from each other's stream. A fresh stream starts from an unpredictable seed; {@link #reseed}
 * makes it reproducible (the trainer reseeds it at every epoch from (seed, epoch), see {@code
 * ModelTrainer}). Masks are drawn in the order the forward passes ask for them, so the same seed
 * and the same sequence of passes give the same masks on every device.
 */
public final class Dropouts {

  private static final int DRAW_BITS = 16;
  private static final int DRAWS_PER_LONG = Long.SIZE / DRAW_BITS; // 4, unrolled in fill()

  private SplittableRandom random = new SplittableRandom();
  private float[] values = new float[0];
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

  /** A stream with an unpredictable seed; call {@link #reseed} for reproducible masks. */
  public Dropouts() {}

  /** Restarts the mask stream: the same seed gives the same sequence of masks. */
  public synchronized void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  /**
   * @param x any array
   * @param p the probability of dropping an element, in [0, 1)
   * @param training false (or p = 0) returns x itself
   * @return x with dropped elements zeroed and the kept ones scaled by 1/(1 − p)
   */
  public NDArray apply(NDArray x, double p, boolean training) {
    if (!training || p == 0) {
      return x;
    }
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
    }
    return x.mul(mask(x, p));
  }

  /** A float32 mask shaped like x holding 0 or 1/(1 − p), on x's manager and device. */
  private NDArray mask(NDArray x, double p) {
    Shape shape = x.getShape();
    int size = Math.toIntExact(shape.size());
    NDArray mask;
    synchronized (this) {
      fill(size, (int) Math.round(p * (1 << DRAW_BITS)), (float) (1 / (1 - p)));
      // create() may alias the direct buffer, which is refilled by the next call: keep a copy
      try (NDArray view = x.getManager().create(buffer, shape, DataType.FLOAT32)) {
        mask = view.duplicate();
      }
    }
    mask = mask.toDevice(x.getDevice(), false);
    return x.getDataType() == DataType.FLOAT32 ? mask : mask.toType(x.getDataType(), false);
  }

  private void fill(int size, int dropBelow, float keep) {
    if (values.length < size) {
      values = new float[size];
      buffer = ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder());
    }
    // A plain array loop, unrolled and branch-free: a random keep/drop branch is mispredicted
    // half the time, which made this loop several times slower.
    int whole = size - size % DRAWS_PER_LONG;
    for (int i = 0; i < whole; i += DRAWS_PER_LONG) {
      long bits = random.nextLong();
      values[i] = element(bits, 0, dropBelow, keep);
      values[i + 1] = element(bits, 1, dropBelow, keep);
      values[i + 2] = element(bits, 2, dropBelow, keep);
      values[i + 3] = element(bits, 3, dropBelow, keep);
    }
    long bits = random.nextLong();
    for (int i = whole; i < size; i++) {
      values[i] = element(bits, i - whole, dropBelow, keep);
    }
    buffer.clear();
    buffer.asFloatBuffer().put(values, 0, size);
    buffer.limit(size * Float.BYTES);
  }

  /** 0 or keep from the j-th 16-bit draw of bits: (draw − dropBelow) >>> 31 is 1 iff draw < dropBelow. */
  private static float element(long bits, int j, int dropBelow, float keep) {
    int draw = (int) (bits >>> (j * DRAW_BITS)) & ((1 << DRAW_BITS) - 1);
    return keep * (1 - ((draw - dropBelow) >>> 31));
  }
}
