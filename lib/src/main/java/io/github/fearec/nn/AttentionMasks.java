package io.github.fearec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The additive attention mask of the time-domain attention: a position t may attend to a key
 * position s when s ≤ t (causal) and item s is not padding. Allowed entries are 0, the others
 * −10000 (the value the authors' code adds, finite so that a row can never become NaN).
 *
 * <p>Built on the device of the item ids from index arithmetic, so no host copy is involved.
 */
public final class AttentionMasks {

  /** What masked scores get added. */
  public static final float MASKED = -10000f;

  private AttentionMasks() {}

  /**
   * @param ids item ids (B, N), 0 = padding
   * @return the additive mask (B, 1, N, N), float32
   */
  public static NDArray causalPadding(NDArray ids) {
    NDManager manager = ids.getManager();
    long n = ids.getShape().get(1);
    NDArray positions = manager.arange(n).toDevice(ids.getDevice(), false);
    // causal[t, s] = s <= t
    NDArray causal = positions.expandDims(1).gte(positions.expandDims(0));
    // keys[b, s] = ids[b, s] != 0, broadcast over heads and query positions
    NDArray keys = ids.gt(0).expandDims(1).expandDims(1);
    NDArray allowed = keys.logicalAnd(causal).toType(DataType.FLOAT32, false);
    NDArray blocked = allowed.sub(1f); // −1 where masked, 0 where allowed
    NDArray mask = blocked.mul(allowed.getManager().create(-MASKED));
    // (B, 1, N, N) each: free the intermediates now rather than at the end of the step
    allowed.close();
    blocked.close();
    return mask;
  }
}
