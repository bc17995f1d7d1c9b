package io.github.fearec.train;

import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.persist.ParameterSnapshot;
import io.github.fearec.persist.TrainingCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands between two epochs (docs/model.md §9): the record of every epoch so far, the
 * best epoch's weights and validation result, and how many epochs have passed without improving
 * the selection metric. This is what a {@link TrainingCheckpoint} saves after every epoch and what
 * {@link #resume} reads back; {@link ModelTrainer} only runs epochs and reports them here.
 */
final class TrainingProgress {

  private final String selectionMetric;
  private final List<EpochRecord> records = new ArrayList<>();
  private ParameterSnapshot best;
  private EvaluationResult bestValidation;
  private int bestEpoch;
  private int sinceBest;

  private TrainingProgress(String selectionMetric) {
    this.selectionMetric = selectionMetric;
  }

  /** A run that has trained no epoch yet. */
  static TrainingProgress start(String selectionMetric) {
    return new TrainingProgress(selectionMetric);
  }

  /**
   * The progress saved in {@code runDirectory}'s checkpoint; the current weights go back into
   * {@code model} and Adam's state into {@code adam}, so that training continues exactly where it
   * stopped.
   */
  static TrainingProgress resume(
      Path runDirectory, NextItemModel model, AdamOptimizer adam, String selectionMetric) {
    TrainingCheckpoint.Saved<EpochRecord> saved =
        TrainingCheckpoint.load(runDirectory, model, EpochRecord.class);
    TrainingCheckpoint.State<EpochRecord> state = saved.state();
    saved.weights().restore(model);
    adam.restore(state.adamSteps(), saved.moments());
    TrainingProgress p = new TrainingProgress(selectionMetric);
    p.best = saved.best();
    p.records.addAll(state.records());
    p.bestEpoch = state.bestEpoch();
    p.bestValidation = p.bestEpoch > 0 ? p.records.get(p.bestEpoch - 1).validation() : null;
    p.sinceBest = state.sinceBest();
    return p;
  }

  /** The epoch to train next (1-based). */
  int nextEpoch() {
    return records.size() + 1;
  }

  /** Whether early stopping has ended the run: {@code patience} epochs without improvement. */
  boolean patienceSpent(int patience) {
    return sinceBest >= patience;
  }

  /**
   * Records a trained and validated epoch; when it improves the selection metric on every earlier
   * epoch, {@code model}'s weights become the best ones.
   */
  EpochRecord finish(
      int epoch, LossTerms meanLoss, double samplesPerSecond, double trainSeconds,
      EvaluationResult validation, NextItemModel model) {
    boolean improved =
        bestValidation == null
            || validation.get(selectionMetric) > bestValidation.get(selectionMetric);
    if (improved) {
      best = ParameterSnapshot.of(model);
      bestValidation = validation;
      bestEpoch = epoch;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    EpochRecord record =
        new EpochRecord(epoch, meanLoss, samplesPerSecond, trainSeconds, validation, improved);
    records.add(record);
    return record;
  }

  /** Writes the checkpoint of the epoch just finished. */
  void save(Path runDirectory, NextItemModel model, AdamOptimizer adam) {
    TrainingCheckpoint.save(
        runDirectory,
        TrainingCheckpoint.State.of(bestEpoch, sinceBest, adam.steps(), List.copyOf(records)),
        EpochRecord.class,
        ParameterSnapshot.of(model),
        best,
        adam.moments());
  }

  /** Puts the best epoch's weights back into {@code model} (nothing to do before any epoch). */
  void restoreBest(NextItemModel model) {
    if (best != null) {
      best.restore(model);
    }
  }

  List<EpochRecord> records() {
    return List.copyOf(records);
  }

  int bestEpoch() {
    return bestEpoch;
  }

  EvaluationResult bestValidation() {
    return bestValidation;
  }
}
