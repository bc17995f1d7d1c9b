package io.github.fearec.spectral;

import io.github.fearec.config.Choice;
import java.util.Locale;

/**
 * Which k lags FEARec's frequency attention aggregates outside training (docs/model.md §4). In
 * training they are always the top k of the batch-averaged scores, as in the authors' code.
 */
public enum LagSelection implements Choice {
  /**
   * Each sequence takes the top k of its own scores, so its output does not depend on the rest of
   * its batch: the authors' inference (inherited from Autoformer), and the default.
   */
  SAMPLE,
  /**
   * The top k of the batch-averaged scores, as in training: the model scores with the lags it was
   * trained with, but a sequence's output then depends on the other sequences of its batch.
   */
  BATCH;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
