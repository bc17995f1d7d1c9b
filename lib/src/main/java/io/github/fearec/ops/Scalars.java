package io.github.fearec.ops;

import ai.djl.ndarray.NDArray;

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

  /** A 0-d array holding {@code value} on the device and manager of {@code like}. */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().create((float) value).toDevice(like.getDevice(), false);
  }

  /** {@code x · value}, safe for autograd. */
  public static NDArray scale(NDArray x, double value) {
    return x.mul(of(x, value));
  }
}
