package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.testing.TinyModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On CPU, the same seed gives the same run: weights, dropout, shuffling and positives. */
class DeterminismTest {


  @Test
  void twoRunsWithTheSameSeedAgreeExactly() {
    assertEquals(run(2020), run(2020));
  }

  @Test
  void anotherSeedGivesAnotherRun() {
    assertNotEquals(run(2020), run(2021));
  }

  private static List<Double> run(long seed) {
    LeaveOneOutSplit split =
        TinyModels.smallSplit();
    BatchFactory batches = new BatchFactory(TinyModels.SMALL.maxLength());
    TrainConfig config =
        TrainConfig.defaults(ModelType.FEAREC).with(Map.of(
                "epochs", 2,
                "batch_size", 64,
                "seed", seed));
    Engine.getInstance().setRandomSeed((int) seed);
    try (NextItemModel model =
        NextItemModel.create(ModelType.FEAREC, TinyModels.SMALL, split.dataset().numItems(), null)) {
      ModelTrainer.Outcome outcome =
          new ModelTrainer(config, new TrainingListener() {})
              .fit(model, new TrainingSamples(split), batches, new Evaluator(split, batches, 64, false));
      return outcome.epochs().stream()
          .flatMap(e -> List.of(e.loss().total(), e.validation().get("NDCG@10")).stream())
          .toList();
    }
  }
}
