package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, SMALL, 12, null)) {
      before = scores(model);
      ModelCheckpoint.save(model, dir);
    }
    Engine.getInstance().setRandomSeed(99); // a fresh model would differ
    try (NextItemModel loaded = ModelCheckpoint.load(dir, 12, null)) {
      assertEquals(ModelType.FEAREC, loaded.type());
      assertEquals(SMALL, loaded.config());
      assertArrayEquals(before, scores(loaded), 0f);
    }
    assertTrue(Files.exists(dir.resolve("model.json")));
    assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files left");
  }

  private static float[] scores(NextItemModel model) {
    try (NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(step, false);
      return model
          .scores(store, model.userVectors(store, step.create(ROWS), step.create(new long[] {3, 10}), false), false)
          .toFloatArray();
    }
  }
}
