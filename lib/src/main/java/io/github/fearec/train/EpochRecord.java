package io.github.fearec.train;

import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.persist.TrainingCheckpoint;

/**
 * What one epoch did. The training checkpoint keeps every epoch's record in its history
 * ({@link TrainingCheckpoint}).
 *
 * @param epoch 1-based
 * @param loss the mean loss terms over the epoch's batches
 * @param samplesPerSecond training throughput (forward, backward and update)
 * @param trainSeconds wall time of the training part
 * @param validation the validation metrics after the epoch
 * @param improved whether the selection metric improved on every earlier epoch
 */
public record EpochRecord(
    int epoch,
    LossTerms loss,
    double samplesPerSecond,
    double trainSeconds,
    EvaluationResult validation,
    boolean improved)
    implements TrainingCheckpoint.Entry {

  /** Whether the loss terms and the validation result are there (a record read back may lack them). */
  @Override
  public boolean complete() {
    return loss != null && validation != null;
  }
}
