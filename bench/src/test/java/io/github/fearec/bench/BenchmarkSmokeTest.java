package io.github.fearec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    assertTrue(md.contains("| fearec | us_x |"), md);
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
  void fearecCostsMoreFlopsThanSasrecPerSample() {
    var config = io.github.fearec.nn.ModelConfig.defaults();
    double sasrec = FlopCount.trainingSample(io.github.fearec.nn.ModelType.SASREC, config,
        io.github.fearec.train.TrainConfig.defaults(io.github.fearec.nn.ModelType.SASREC), 12101);
    double fearec = FlopCount.trainingSample(io.github.fearec.nn.ModelType.FEAREC, config,
        io.github.fearec.train.TrainConfig.defaults(io.github.fearec.nn.ModelType.FEAREC), 12101);
    // us_x runs three encoder passes against SASRec's one
    assertTrue(fearec > 2 * sasrec, fearec + " vs " + sasrec);
  }
}
