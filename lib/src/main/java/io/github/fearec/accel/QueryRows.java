package io.github.fearec.accel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.fearec.spectral.AutoCorrelationAttention;
import java.util.Arrays;

/**
 * The positions at which an attention sub-layer computes its output: every one of the N, or one
 * per sequence. The scores and losses read the last encoder layer at position len − 1 only, so
 * with an {@link Acceleration} that says so ({@link Acceleration#lastLayerAtUserPositions}) that
 * layer computes the context, the dense layers and the feed-forward there alone; its keys, values,
 * band filters and lag scores still use all N positions (docs/model.md §11).
 *
 * <p>A layer takes one of these once and applies it to the query side of both attention branches:
 * {@link #select} picks the queries and their mask rows of the time-domain branch, {@link
 * #aggregate} computes the frequency branch's time-delay aggregation at the rows. For {@link #ALL}
 * both are the plain computation, so a full layer computes exactly what the equations of
 * docs/model.md §4–5 say.
 */
public final class QueryRows {

  /** Every position: outputs (B, N, …). */
  public static final QueryRows ALL = new QueryRows(null);

  private final NDArray positions;

  private QueryRows(NDArray positions) {
    this.positions = positions;
  }

  /**
   * One position per sequence: outputs (B, 1, …).
   *
   * @param positions (B) int64, the position of each batch row
   */
  public static QueryRows at(NDArray positions) {
    return new QueryRows(positions);
  }

  public boolean isAll() {
    return positions == null;
  }

  /**
   * The position of each batch row.
   *
   * @return (B) int64
   * @throws IllegalStateException for {@link #ALL}, which has no single position per row
   */
  public NDArray positions() {
    if (positions == null) {
      throw new IllegalStateException("all rows: there is no single position per row");
    }
    return positions;
  }

  /**
   * x restricted to these rows along {@code axis}.
   *
   * @param x (B, …) with the positions along {@code axis}
   * @return x itself for {@link #ALL}; otherwise x with {@code axis} reduced to length 1,
   *     out[b, …, 0, …] = x[b, …, positions[b], …]
   */
  public NDArray select(NDArray x, int axis) {
    if (positions == null) {
      return x;
    }
    Shape shape = x.getShape();
    long[] single = shape.getShape();
    single[axis] = 1;
    long[] column = new long[single.length];
    Arrays.fill(column, 1);
    column[0] = shape.get(0);
    NDArray index = positions.reshape(new Shape(column)).broadcast(new Shape(single));
    return x.gather(index, axis);
  }

  /**
   * The frequency branch's time-delay aggregation (docs/model.md §4, step 3) at these rows: for
   * {@link #ALL} {@code attention}'s own, at every position; for one position t per row the k value
   * rows it reads, out[b, 0] = Σ_i w[b, i] · v[b, (t_b + τ[b, i]) mod N], one gather that is cheaper
   * than either route's whole-sequence form.
   *
   * @param v values (B, N, d)
   * @param lags (B, k) int64
   * @param weights (B, k)
   * @return (B, N, d), or (B, 1, d) for one position per row
   */
  public NDArray aggregate(
      AutoCorrelationAttention attention, NDArray v, NDArray lags, NDArray weights) {
    if (positions == null) {
      return attention.aggregate(v, lags, weights);
    }
    int length = Math.toIntExact(v.getShape().get(1));
    NDArray read = lags.add(positions.expandDims(1)).mod(length); // (B, k)
    return weights.expandDims(1).matMul(AutoCorrelationAttention.rowsAt(v, read));
  }
}
