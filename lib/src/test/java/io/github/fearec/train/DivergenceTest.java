package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A loss that stops being finite ends training with a message, never silently. */
class DivergenceTest {

  @Test
  void anAbsurdLearningRateStopsTrainingWithAnExplanation() {
    LeaveOneOutSplit split =
        new LeaveOneOutSplit(
            SyntheticDataset.generate(
                    SyntheticConfig.DEFAULTS.with(Map.of(
                            "synthetic_users", 100,
                            "synthetic_items", 30)))
                .dataset());
    ModelConfig config = ModelConfig.defaults().with(Map.of(
            "max_length", 10,
            "hidden_size", 8,
            "inner_size", 16));
    BatchFactory batches = new BatchFactory(config.maxLength());
    // Adam moves every weight by about the learning rate per step: 1e30 overflows float32 at once.
    TrainConfig training =
        TrainConfig.defaults(ModelType.SASREC).with(Map.of(
                "epochs", 3,
                "batch_size", 32,
                "learning_rate", 1e30));
    Engine.getInstance().setRandomSeed(1);
    try (NextItemModel model =
        NextItemModel.create(ModelType.SASREC, config, split.dataset().numItems(), null)) {
      TrainingDivergedException e =
          assertThrows(
              TrainingDivergedException.class,
              () ->
                  new ModelTrainer(training, new TrainingListener() {})
                      .fit(model, new TrainingSamples(split), batches, new Evaluator(split, batches, 64, false)));
      assertTrue(e.getMessage().contains("training diverged in epoch 1"), e.getMessage());
      assertTrue(e.getMessage().contains("smaller learning rate"), e.getMessage());
    }
  }
}
