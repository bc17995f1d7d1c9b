package io.github.fearec.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar constants for arithmetic on arrays that gradients flow through.
 *
 * <p>DJL 0.36's {@code NDArray.mul/div/pow(Number)} create a temporary scalar tensor that the
 * Java garbage collector may free before {@code backward()} runs, which silently corrupts
 * gradients (docs/djl.md §2). A scalar created here belongs to the same manager as {@code
 * like}, which keeps it alive until that manager closes, i.e. after the backward pass of the step.
 * Every scaling in this library's forward passes goes through this class.
 */
public final class Scalars {

  private Scalars() {}

  /**
   * A 0-d array holding {@code value} on the device and manager of {@code like}: float64 when
   * {@code like} is float64, so that a float64 model scales by the double value itself rather
   * than by its float32 rounding (0.9 would be 0.8999999762), and float32 otherwise.
   */
  public static NDArray of(NDArray like, double value) {
    NDManager manager = like.getManager();
    NDArray scalar =
        like.getDataType() == DataType.FLOAT64
            ? manager.create(value)
            : manager.create((float) value);
    return scalar.toDevice(like.getDevice(), false);
  }

  /** {@code x · value}, safe for autograd. */
  public static NDArray scale(NDArray x, double value) {
    return x.mul(of(x, value));
  }
}
