package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.ops.Scalars;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

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
 *
 * <p>The stream is SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014), the generator behind {@code
 * java.util.SplittableRandom}, and draws exactly the numbers {@code new SplittableRandom(seed)}
 * draws (the kit's earlier stream, so runs resumed across this change keep their masks). Its whole
 * state is one long, so a pass can be replayed with the same masks: {@link #position} before it,
 * {@link #rewind} to that later. Training uses that to recompute a forward pass in the backward
 * pass instead of keeping its activations ({@code train.ViewRecompute}).
 */
public final class Dropouts {

  private static final int DRAW_BITS = 16;
  private static final int DRAWS_PER_LONG = Long.SIZE / DRAW_BITS; // 4, unrolled in fill()
  /** SplitMix64's increment, 2⁶⁴/φ rounded to odd. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state = new SecureRandom().nextLong();
  private byte[] values = new byte[0];
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

  /** A stream with an unpredictable seed; call {@link #reseed} for reproducible masks. */
  public Dropouts() {}

  /** Restarts the mask stream: the same seed gives the same sequence of masks. */
  public synchronized void reseed(long seed) {
    state = seed;
  }

  /** Where the stream stands: {@link #rewind rewinding} to it draws the same masks again. */
  public synchronized long position() {
    return state;
  }

  /** Moves the stream to a {@link #position} it stood at (or any other). */
  public synchronized void rewind(long position) {
    state = position;
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
    // x·m, then the scale: the backward pass of a product keeps the other factor, so a mask of
    // 0/1 bytes costs a quarter of a float mask for as long as the step lives, and x·m, which the
    // scaling's backward does not need, is freed at once. For p = 0.5 (and any p) the result is
    // bit for bit x·(m/(1 − p)): the same float factor multiplies x or 0.
    NDArray mask = mask(x, p);
    NDArray kept = x.mul(mask);
    mask.close();
    NDArray y = Scalars.scale(kept, 1 / (1 - p));
    kept.close();
    return y;
  }

  /** A uint8 mask shaped like x holding 0 (dropped) or 1 (kept), on x's manager and device. */
  private NDArray mask(NDArray x, double p) {
    Shape shape = x.getShape();
    int size = Math.toIntExact(shape.size());
    NDArray mask;
    synchronized (this) {
      fill(size, (int) Math.round(p * (1 << DRAW_BITS)));
      // create() may alias the direct buffer, which is refilled by the next call: keep a copy
      try (NDArray view = x.getManager().create(buffer, shape, DataType.UINT8)) {
        mask = view.duplicate();
      }
    }
    return mask.toDevice(x.getDevice(), false);
  }

  private void fill(int size, int dropBelow) {
    if (values.length < size) {
      values = new byte[size];
      buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }
    // A plain array loop, unrolled and branch-free: a random keep/drop branch is mispredicted
    // half the time, which made this loop several times slower.
    int whole = size - size % DRAWS_PER_LONG;
    for (int i = 0; i < whole; i += DRAWS_PER_LONG) {
      long bits = nextLong();
      values[i] = element(bits, 0, dropBelow);
      values[i + 1] = element(bits, 1, dropBelow);
      values[i + 2] = element(bits, 2, dropBelow);
      values[i + 3] = element(bits, 3, dropBelow);
    }
    long bits = nextLong();
    for (int i = whole; i < size; i++) {
      values[i] = element(bits, i - whole, dropBelow);
    }
    buffer.clear();
    buffer.put(values, 0, size);
    buffer.flip();
  }

  /** SplitMix64: advance by the gamma, then scramble with two xor-shift-multiply rounds. */
  private long nextLong() {
    long z = state += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** 0 or 1 from the j-th 16-bit draw of bits: (draw − dropBelow) >>> 31 is 1 iff draw < dropBelow. */
  private static byte element(long bits, int j, int dropBelow) {
    int draw = (int) (bits >>> (j * DRAW_BITS)) & ((1 << DRAW_BITS) - 1);
    return (byte) (1 - ((draw - dropBelow) >>> 31));
  }
}
