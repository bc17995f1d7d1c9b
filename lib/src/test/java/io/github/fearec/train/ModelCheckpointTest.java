package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.RecommenderModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

  private static final ModelConfig SMALL =
      ModelConfig.builder().maxLength(10).hiddenSize(8).innerSize(16).build();
  private static final int[][] ROWS = {{1, 2, 3, 0, 0, 0, 0, 0, 0, 0}, {4, 5, 6, 7, 8, 9, 1, 2, 3, 4}};

  @TempDir Path dir;

  @Test
  void saveAndLoadGiveIdenticalScores() throws IOException {
    Engine.getInstance().setRandomSeed(4);
    float[] before;
    try (RecommenderModel model = RecommenderModel.create(ModelType.FEAREC, SMALL, 12, null)) {
      before = scores(model);
      ModelCheckpoint.save(model, dir);
    }
    Engine.getInstance().setRandomSeed(99); // a fresh model would differ
    try (RecommenderModel loaded = ModelCheckpoint.load(dir, 12, null)) {
      assertEquals(ModelType.FEAREC, loaded.type());
      assertEquals(SMALL, loaded.config());
      assertArrayEquals(before, scores(loaded), 0f);
    }
    assertTrue(Files.exists(dir.resolve("model.json")));
    assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
  }

  @Test
  void aMissingCheckpointIsExplained() {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 12, null));
    assertTrue(e.getMessage().contains("model.json: missing"), e.getMessage());
  }

  @Test
  void aTruncatedWeightFileIsExplained() throws IOException {
    saveSmall();
    Path weights = dir.resolve("model.params");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 12, null));
    assertTrue(e.getMessage().contains("truncated, damaged"), e.getMessage());
  }

  @Test
  void anotherItemCountIsRefused() {
    saveSmall();
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 13, null));
    assertTrue(e.getMessage().contains("trained on 12 items but the data has 13"), e.getMessage());
  }

  @Test
  void weightsOfAnotherConfigurationAreRefused() throws IOException {
    saveSmall();
    Path other = dir.resolve("other");
    try (RecommenderModel model =
        RecommenderModel.create(ModelType.FEAREC, SMALL.toBuilder().hiddenSize(16).build(), 12, null)) {
      ModelCheckpoint.save(model, other);
    }
    Files.copy(other.resolve("model.params"), dir.resolve("model.params"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 12, null));
  }

  private void saveSmall() {
    try (RecommenderModel model = RecommenderModel.create(ModelType.FEAREC, SMALL, 12, null)) {
      ModelCheckpoint.save(model, dir);
    }
  }

  private static float[] scores(RecommenderModel model) {
    try (NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(step, false);
      return model
          .scores(store, model.userVectors(store, step.create(ROWS), step.create(new long[] {3, 10}), false), false)
          .toFloatArray();
    }
  }
}
