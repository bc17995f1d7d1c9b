package io.github.fearec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Quick mode runs end to end and writes a complete report; no timing is asserted. */
class BenchmarkSmokeTest {

  @TempDir Path dir;

  @Test
  void quickModeWritesACompleteReport() throws IOException {
    int code = new CommandLine(new Benchmark()).execute("--quick", "--output", dir.toString());
    assertEquals(0, code);
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("benchmark.json"))).getAsJsonObject();
    assertTrue(report.get("quick").getAsBoolean());
    assertTrue(report.get("threads").getAsInt() >= 1);
    assertTrue(report.get("peakResidentMegabytes").getAsDouble() > 0);
    JsonArray models = report.getAsJsonArray("models");
    assertEquals(2, models.size());
    for (JsonElement m : models) {
      JsonObject r = m.getAsJsonObject();
      for (String field : List.of("trainSamplesPerSecond", "evalUsersPerSecond", "medianStepMs",
          "firstBatchSeconds", "flopsPerSample", "ceilingFraction")) {
        double v = r.get(field).getAsDouble();
        assertTrue(v > 0 && Double.isFinite(v), field + " = " + v);
      }
      assertEquals(3, r.get("timedBatches").getAsInt());
    }
    String md = Files.readString(dir.resolve("benchmark.md"));
    assertTrue(md.contains("| fearec | short_sequence | us_x |"), md);
    assertTrue(md.contains("QUICK MODE"), md);
  }

  @Test
  void aShortSoakReportsMemorySamples() throws IOException {
    int code =
        new CommandLine(new Soak())
            .execute("--steps", "6", "--warmup", "2", "--every", "2", "--output", dir.toString());
    assertEquals(0, code);
    JsonObject soak = JsonParser.parseString(Files.readString(dir.resolve("soak.json"))).getAsJsonObject();
    assertEquals(6, soak.get("steps").getAsInt());
    assertEquals(3, soak.getAsJsonArray("samples").size(), "samples at steps 2, 4, 6");
    assertTrue(soak.get("baselineMb").getAsDouble() > 0);
    assertTrue(Double.isFinite(soak.get("growthPercent").getAsDouble()));
  }

  @Test
  void aQuickSweepMeasuresEveryLengthAndModelInItsOwnJvm() throws IOException {
    int code = new CommandLine(new Benchmark())
        .execute("--sweep", "--quick", "--sweep-lengths", "8,16", "--output", dir.toString());
    assertEquals(0, code);
    JsonObject sweep = JsonParser.parseString(Files.readString(dir.resolve("sweep.json"))).getAsJsonObject();
    JsonArray cells = sweep.getAsJsonArray("cells");
    assertEquals(4, cells.size(), "2 lengths x 2 models");
    for (JsonElement c : cells) {
      JsonObject cell = c.getAsJsonObject();
      for (String field : List.of("medianStepMs", "trainSamplesPerSecond", "evalUsersPerSecond",
          "peakResidentMegabytes")) {
        double v = cell.get(field).getAsDouble();
        assertTrue(v > 0 && Double.isFinite(v), field + " = " + v);
      }
    }
    assertEquals(16, cells.get(3).getAsJsonObject().get("maxLength").getAsInt());
    assertEquals("fearec", cells.get(3).getAsJsonObject().get("model").getAsString());
    String md = Files.readString(dir.resolve("sweep.md"));
    assertTrue(md.contains("| 16 | fearec | short_sequence |"), md);
    assertTrue(md.contains("FEARec's step-time growth ÷ SASRec's, from N = 8: N = 16: "), md);
    assertTrue(md.contains("QUICK MODE"), md);
  }

  @Test
  void fearecCostsMoreFlopsThanSasrecPerSample() {
    ModelConfig config = ModelConfig.defaults();
    double sasrec = FlopCount.trainingSample(ModelType.SASREC, config,
        TrainConfig.defaults(ModelType.SASREC), 12101, false);
    double fearec = FlopCount.trainingSample(ModelType.FEAREC, config,
        TrainConfig.defaults(ModelType.FEAREC), 12101, false);
    // us_x runs three encoder passes against SASRec's one
    assertTrue(fearec > 2 * sasrec, fearec + " vs " + sasrec);
  }

  @Test
  void theShortSequenceRoutesFlopsGrowAsNCubedThePaperRoutesDoNot() {
    TrainConfig training = TrainConfig.defaults(ModelType.FEAREC);
    double[] shortRoute = new double[2];
    double[] paperRoute = new double[2];
    int[] lengths = {100, 400};
    for (int i = 0; i < 2; i++) {
      ModelConfig config = ModelConfig.defaults().with("max_length", lengths[i]);
      shortRoute[i] = FlopCount.trainingSample(ModelType.FEAREC, config, training, 400, false);
      paperRoute[i] = FlopCount.trainingSample(ModelType.FEAREC, config, training, 400, true);
    }
    // 4x longer: the N³ terms dominate the short route; the paper route's grow about as N
    assertTrue(shortRoute[1] / shortRoute[0] > 20, shortRoute[1] / shortRoute[0] + "x");
    assertTrue(paperRoute[1] / paperRoute[0] < 6, paperRoute[1] / paperRoute[0] + "x");
  }
}
