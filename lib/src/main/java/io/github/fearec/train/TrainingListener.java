package io.github.fearec.train;

import java.util.List;

/** Receives progress from {@link ModelTrainer}: a console bar, a CSV log, a notebook chart. */
public interface TrainingListener {

  /** After every optimisation step. */
  default void onBatch(int epoch, int batch, int numBatches, LossTerms loss, double samplesPerSecond) {}

  /** After each epoch's validation (and its checkpoint, when the run writes one). */
  default void onEpoch(EpochRecord record) {}

  /** Once, when a run continues from a checkpoint: the records of the epochs already done. */
  default void onResume(List<EpochRecord> history) {}

  /** Combines listeners. */
  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, int numBatches, LossTerms loss, double speed) {
        for (TrainingListener l : listeners) {
          l.onBatch(epoch, batch, numBatches, loss, speed);
        }
      }

      @Override
      public void onEpoch(EpochRecord record) {
        for (TrainingListener l : listeners) {
          l.onEpoch(record);
        }
      }

      @Override
      public void onResume(List<EpochRecord> history) {
        for (TrainingListener l : listeners) {
          l.onResume(history);
        }
      }
    };
  }
}
