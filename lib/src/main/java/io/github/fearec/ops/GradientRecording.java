package io.github.fearec.ops;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which libtorch records nothing for autograd on the calling thread: PyTorch's {@code
 * torch.no_grad()}, which its optimisers' {@code step} and RecBole's evaluation run under.
 *
 * <p>libtorch keeps its recording switch per thread, and a new thread starts with it on. DJL turns
 * it off only on the thread that loads the engine, and a {@code GradientCollector} turns it on and,
 * when closed, back to what it found. On any other thread, then, recording stays on after a
 * backward pass, and libtorch refuses an in-place update of a parameter ("a leaf Variable that
 * requires grad is being used in an in-place operation"). The Java kernels run notebook cells on
 * changing threads, so training in a notebook failed that way whenever a cell landed on a thread
 * other than the engine's (docs/djl.md §9). Updating or overwriting weights and scoring therefore
 * run inside this scope; closing it restores the switch as it was, so scopes nest.
 */
public final class GradientRecording implements AutoCloseable {

  private final boolean wasRecording;

  private GradientRecording() {
    wasRecording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  /** Turns recording off on this thread until {@link #close()}. */
  public static GradientRecording paused() {
    return new GradientRecording();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(wasRecording);
  }
}
