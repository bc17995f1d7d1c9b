package io.github.fearec.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.fearec.ConfigException;
import io.github.fearec.files.Checksums;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.LagSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

  private static final ModelConfig SMALL =
      ModelConfig.defaults().with(Map.of("max_length", 10, "hidden_size", 8, "inner_size", 16));
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

  /**
   * model.json keeps the field names it had when α was called spatialRatio, so that checkpoints
   * of runs started before the rename still load, and a value out of bounds in it is refused.
   */
  @Test
  void theDescriptionKeepsItsFormatAcrossTheTimeWeightRename() throws IOException {
    ModelConfig config = SMALL.with("time_weight", 0.3);
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, config, 12, null)) {
      ModelCheckpoint.save(model, dir);
    }
    Path description = dir.resolve("model.json");
    String json = Files.readString(description);
    assertTrue(json.contains("\"spatialRatio\": 0.3"), json);
    assertFalse(json.contains("timeWeight"), json);
    try (NextItemModel loaded = ModelCheckpoint.load(dir, 12, null)) {
      assertEquals(0.3, loaded.config().timeWeight());
    }
    Files.writeString(description, json.replace("\"spatialRatio\": 0.3", "\"spatialRatio\": 1.5"));
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 12, null));
    assertTrue(e.getMessage().endsWith(
        "model.json: invalid configuration: time_weight = 1.5: expected a number in [0, 1]"),
        e.getMessage());
  }

  /**
   * A model.json written before inference_lags existed loads with per-sample lags, the ones such
   * runs used; a FEARec checkpoint may be loaded to score with batch lags, a SASRec one may not.
   */
  @Test
  void inferenceLagsDefaultToPerSampleAndMayBeChangedForFearecOnly() throws IOException {
    try (NextItemModel model = NextItemModel.create(ModelType.FEAREC, SMALL, 12, null)) {
      ModelCheckpoint.save(model, dir);
    }
    Path description = dir.resolve("model.json");
    String json = Files.readString(description);
    String older = json.replaceFirst(",\\s*\"inferenceLags\": \"SAMPLE\"", "");
    assertFalse(older.contains("inferenceLags"), json);
    Files.writeString(description, older);
    Checksums.write(dir, "model.sha256", List.of("model.json", "model.params"));
    try (NextItemModel loaded = ModelCheckpoint.load(dir, 12, null)) {
      assertEquals(LagSelection.SAMPLE, loaded.config().inferenceLags());
    }
    try (NextItemModel loaded =
        ModelCheckpoint.loadWithInferenceLags(dir, 12, null, LagSelection.BATCH)) {
      assertEquals(SMALL.with("inference_lags", "batch"), loaded.config());
    }
    Path sasrec = dir.resolve("sasrec");
    try (NextItemModel model = NextItemModel.create(ModelType.SASREC, SMALL, 12, null)) {
      ModelCheckpoint.save(model, sasrec);
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> ModelCheckpoint.loadWithInferenceLags(sasrec, 12, null, LagSelection.BATCH));
    assertTrue(e.getMessage().startsWith("inference_lags does not apply: "), e.getMessage());
    assertTrue(e.getMessage().contains("holds a sasrec model"), e.getMessage());
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
