package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run interrupted after epoch 1 and resumed ends exactly as an uninterrupted one. */
class ResumeTest {

  private static final LeaveOneOutSplit SPLIT =
      TinyModels.smallSplit();
  private static final BatchFactory BATCHES = new BatchFactory(TinyModels.SMALL.maxLength());
  private static final Evaluator EVALUATOR = new Evaluator(SPLIT, BATCHES, 64, false);

  @TempDir Path dir;

  private record Run(List<EpochRecord> epochs, Map<String, Double> test) {}

  @Test
  void resumingAfterAnInterruptionReproducesTheUninterruptedRun() {
    Run whole = train(3, null, false);

    Engine.getInstance().setRandomSeed(12345); // a resumed process starts from other RNG state
    train(1, dir, false); // "interrupted" after epoch 1
    assertTrue(Files.isDirectory(dir.resolve("checkpoint")));
    Run resumed = train(3, dir, true);

    assertEquals(whole.epochs(), resumed.epochs());
    assertEquals(whole.test(), resumed.test());
  }

  private static Run train(int epochs, Path runDirectory, boolean resume) {
    TrainConfig config = TrainConfig.defaults(ModelType.FEAREC).with(Map.of(
            "epochs", epochs,
            "batch_size", 64));
    Engine.getInstance().setRandomSeed((int) config.seed());
    try (NextItemModel model =
        NextItemModel.create(ModelType.FEAREC, TinyModels.SMALL, SPLIT.dataset().numItems(), null)) {
      ModelTrainer.Outcome outcome =
          new ModelTrainer(config, new TrainingListener() {})
              .fit(model, new TrainingSamples(SPLIT), BATCHES, EVALUATOR, runDirectory, resume);
      List<EpochRecord> withoutTimes =
          outcome.epochs().stream()
              .map(r -> new EpochRecord(r.epoch(), r.loss(), 0, 0, withoutTime(r), r.improved()))
              .toList();
      return new Run(
          withoutTimes, EVALUATOR.evaluate(new ModelScorer(model), HeldOut.TEST).metrics());
    }
  }

  private static io.github.fearec.eval.EvaluationResult withoutTime(EpochRecord r) {
    var v = r.validation();
    return new io.github.fearec.eval.EvaluationResult(
        v.phase(), v.metrics(), v.users(), v.excludedHistory(), 0, v.otherProtocolMetrics());
  }
}
