package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On CPU, the same seed gives the same run: weights, dropout, shuffling and positives. */
class DeterminismTest {

  private static final ModelConfig SMALL =
      ModelConfig.defaults().with(Map.of("max_length", 12, "hidden_size", 16, "inner_size", 32));

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
        new LeaveOneOutSplit(
            SyntheticDataset.generate(
                    SyntheticConfig.DEFAULTS.with(Map.of(
                            "synthetic_users", 120,
                            "synthetic_items", 30)))
                .dataset());
    BatchFactory batches = new BatchFactory(SMALL.maxLength());
    TrainConfig config =
        TrainConfig.defaults(ModelType.FEAREC).with(Map.of(
                "epochs", 2,
                "batch_size", 64,
                "seed", seed));
    Engine.getInstance().setRandomSeed((int) seed);
    try (NextItemModel model =
        NextItemModel.create(ModelType.FEAREC, SMALL, split.dataset().numItems(), null)) {
      ModelTrainer.Outcome outcome =
          new ModelTrainer(config, new TrainingListener() {})
              .fit(model, new TrainingSamples(split), batches, new Evaluator(split, batches, 64, false));
      return outcome.epochs().stream()
          .flatMap(e -> List.of(e.loss().total(), e.validation().get("NDCG@10")).stream())
          .toList();
    }
  }
}
