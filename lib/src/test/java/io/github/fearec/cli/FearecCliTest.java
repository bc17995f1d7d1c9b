package io.github.fearec.cli;

import static io.github.fearec.testing.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.fearec.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process, on a tiny synthetic dataset. */
class FearecCliTest {

  private static final String[] TINY = {
    "--set", "synthetic_users=150", "--set", "synthetic_items=40", "--max-length", "12",
    "--set", "hidden_size=16", "--set", "inner_size=32", "--batch-size", "64"
  };

  @TempDir Path dir;

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(base, 0, all, more.length, base.length);
    return all;
  }

  @Test
  void trainWritesResultsAndEvaluateReadsTheCheckpoint() throws IOException {
    Path out = dir.resolve("run");
    CliRun train =
        run(with(TINY, "train", "--model", "fearec", "--epochs", "2", "--output", out.toString()));
    assertEquals(0, train.code(), train.err());
    assertTrue(train.out().contains("pop (test)"), train.out());
    assertTrue(train.out().contains("fearec (test)"), train.out());

    JsonObject results =
        JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    assertEquals("fearec", results.get("model").getAsString());
    assertEquals(2, results.get("epochsRun").getAsInt());
    assertEquals("us_x", results.getAsJsonObject("settings").get("contrastive").getAsString());
    for (String key : List.of("validation", "test", "popularityTest")) {
      double ndcg = results.getAsJsonObject(key).get("NDCG@10").getAsDouble();
      assertTrue(ndcg >= 0 && ndcg <= 1, key + " NDCG@10 = " + ndcg);
    }
    List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
    assertEquals(3, epochs.size(), "header + one row per epoch");
    assertTrue(epochs.get(0).startsWith("epoch,loss,cross_entropy"), epochs.get(0));
    assertTrue(Files.readString(out.resolve("config.properties")).contains("max_length = 12"));
    assertBothProtocols(out, results, epochs, train.out());

    // evaluate reads the run's own data settings: nothing to repeat
    CliRun evaluate = run("evaluate", "--checkpoint", out.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains("fearec (test)"), evaluate.out());
    // the same test figures, under both protocols, as training printed
    for (String protocol : List.of("history kept", "history removed")) {
      String row = "fearec (test), " + protocol;
      assertEquals(line(train.out(), row), line(evaluate.out(), row), evaluate.out());
    }

    // the same weights with the lags of training (docs/model.md §4), and a misspelt choice
    CliRun batchLags =
        run("evaluate", "--checkpoint", out.toString(), "--inference-lags", "batch");
    assertEquals(0, batchLags.code(), batchLags.err());
    assertTrue(batchLags.out().contains("fearec (test)"), batchLags.out());
    CliRun misspelt = run("evaluate", "--checkpoint", out.toString(), "--inference-lags", "mean");
    assertEquals(FearecCli.USER_ERROR, misspelt.code());
    assertTrue(misspelt.err().contains("--inference-lags mean: "), misspelt.err());
    assertTrue(misspelt.err().contains("sample") && misspelt.err().contains("batch"), misspelt.err());
  }

  /**
   * Every output reports both ranking protocols from the same scores: epochs.csv's validation
   * columns, results.json's metric sets and the console table; removing history can only raise a
   * metric, and the selecting protocol's figures are the ones model selection read.
   */
  private static void assertBothProtocols(
      Path out, JsonObject results, List<String> epochs, String console) {
    List<String> header = List.of(epochs.get(0).split(","));
    List<String> best = List.of(epochs.get(results.get("bestEpoch").getAsInt()).split(","));
    assertEquals("history kept", results.get("selectedBy").getAsString());
    JsonObject protocols = results.getAsJsonObject("protocols");
    JsonObject kept = protocols.getAsJsonObject("history kept");
    JsonObject removed = protocols.getAsJsonObject("history removed");
    assertEquals(results.getAsJsonObject("test"), kept.getAsJsonObject("test"));
    for (String metric : List.of("HR@10", "NDCG@10", "NDCG@20")) {
      double k = kept.getAsJsonObject("validation").get(metric).getAsDouble();
      double r = removed.getAsJsonObject("validation").get(metric).getAsDouble();
      assertTrue(r >= k, metric + ": history removed " + r + " < kept " + k);
      assertEquals(k, Double.parseDouble(best.get(header.indexOf("valid_" + metric))), 1e-6);
      assertEquals(
          r, Double.parseDouble(best.get(header.indexOf("valid_nohistory_" + metric))), 1e-6);
      assertTrue(
          removed.getAsJsonObject("test").get(metric).getAsDouble()
              >= kept.getAsJsonObject("test").get(metric).getAsDouble(),
          metric);
    }
    assertTrue(console.contains("pop (test), history removed"), console);
    assertTrue(console.contains("selected by validation NDCG@10, history kept"), console);
  }

  /** The figures of the line of {@code text} that starts with {@code start}. */
  private static String line(String text, String start) {
    return text.lines()
        .filter(l -> l.startsWith(start))
        .map(l -> l.substring(start.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + start + "' in:\n" + text));
  }

  @Test
  void resumeContinuesAnInterruptedRunWithItsOwnSettings() throws IOException {
    Path out = dir.resolve("run");
    CliRun first =
        run(with(TINY, "train", "--model", "sasrec", "--epochs", "1", "--output", out.toString()));
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.isDirectory(out.resolve("checkpoint")));

    CliRun resumed = run("train", "--resume", out.toString(), "--epochs", "2");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("sasrec (test)"), resumed.out());
    JsonObject results =
        JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    assertEquals(2, results.get("epochsRun").getAsInt());
    assertEquals("12", results.getAsJsonObject("settings").get("max_length").getAsString());
    List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
    assertEquals(3, epochs.size(), "header and both epochs: " + epochs);
    assertTrue(epochs.get(2).startsWith("2,"), epochs.get(2));
  }

  /**
   * A checkpoint written before both protocols were reported (its epoch records hold one metric
   * set) still resumes, and the run's results report both: the best weights are scored again.
   */
  @Test
  void aRunRecordedWithOneProtocolEndsWithBoth() throws IOException {
    Path out = dir.resolve("old");
    CliRun first =
        run(with(TINY, "train", "--model", "sasrec", "--epochs", "1", "--output", out.toString()));
    assertEquals(0, first.code(), first.err());
    Path state = out.resolve("checkpoint/state.json");
    JsonObject json = JsonParser.parseString(Files.readString(state)).getAsJsonObject();
    JsonObject validation =
        json.getAsJsonArray("records").get(0).getAsJsonObject().getAsJsonObject("validation");
    double recorded = validation.getAsJsonObject("metrics").get("NDCG@10").getAsDouble();
    validation.remove("otherProtocolMetrics");
    Files.writeString(state, json.toString());
    Files.delete(out.resolve("checkpoint/checksums.sha256")); // as checkpoints of that time had none

    CliRun resumed = run("train", "--resume", out.toString(), "--epochs", "1");
    assertEquals(0, resumed.code(), resumed.err());
    JsonObject protocols =
        JsonParser.parseString(Files.readString(out.resolve("results.json")))
            .getAsJsonObject()
            .getAsJsonObject("protocols");
    double kept =
        protocols.getAsJsonObject("history kept").getAsJsonObject("validation").get("NDCG@10")
            .getAsDouble();
    assertEquals(recorded, kept, 1e-9, "the same weights score the same");
    assertTrue(protocols.getAsJsonObject("history removed").getAsJsonObject("validation")
        .get("NDCG@10").getAsDouble() >= kept);
    List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
    assertTrue(epochs.get(1).endsWith(",,,,,,true"), "the old epoch's other cells stay empty: "
        + epochs.get(1));
  }

  @Test
  void anUnknownKeyIsAUserErrorWithoutStackTrace() {
    CliRun r = run("train", "--set", "hiden_size=32");
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("unknown key 'hiden_size'"), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void aConfigFileErrorNamesFileAndLine() throws IOException {
    Path config = dir.resolve("run.properties");
    Files.writeString(config, "# comment\nepochs = 3\nlearning_rate = fast\n");
    CliRun r = run("train", "--config", config.toString());
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("run.properties:3: learning_rate = fast: expected a number"), r.err());
  }

  @Test
  void keysListsEveryKeyWithItsDefault() {
    CliRun r = run("keys", "--model", "sasrec");
    assertEquals(0, r.code());
    for (String key : ConfigKeys.all().keySet()) {
      assertTrue(r.out().contains(key + " = "), key);
    }
    assertTrue(r.out().contains("contrastive = none"), "SASRec trains without contrast");
    CliRun bce = run("keys", "--model", "sasrec-bce");
    assertEquals(0, bce.code(), bce.err());
    assertTrue(bce.out().contains("loss = bce"), "SASRec-BCE is SASRec with its original objective");
    CliRun unknown = run("keys", "--model", "bert4rec");
    assertEquals(FearecCli.USER_ERROR, unknown.code());
    assertTrue(unknown.err().contains("model = bert4rec: expected one of"), unknown.err());
  }

  /**
   * DuoRec is SASRec's encoder with the us_x term and no frequency loss, by construction: its run
   * is the same run, loss for loss and metric for metric, as SASRec given those two settings.
   */
  @Test
  void duorecIsSasrecTrainedWithTheUsxTerm() throws IOException {
    CliRun keys = run("keys", "--model", "duorec");
    assertEquals(0, keys.code(), keys.err());
    assertTrue(keys.out().contains("contrastive = us_x"), keys.out());
    assertTrue(keys.out().contains("frequency_weight = 0.0"), keys.out());
    assertTrue(keys.out().contains("loss = ce"), keys.out());

    Path duorec = dir.resolve("duorec");
    Path sasrec = dir.resolve("sasrec");
    CliRun a = run(with(TINY, "train", "--model", "duorec", "--epochs", "2", "--output", duorec.toString()));
    CliRun b =
        run(with(TINY, "train", "--model", "sasrec", "--set", "contrastive=us_x", "--epochs", "2",
            "--output", sasrec.toString()));
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertTrue(a.out().contains("duorec (test)"), a.out());
    assertEquals(withoutTimings(sasrec), withoutTimings(duorec));
    JsonObject results =
        JsonParser.parseString(Files.readString(duorec.resolve("results.json"))).getAsJsonObject();
    assertEquals("duorec", results.get("model").getAsString());
  }

  /** epochs.csv without its wall-time columns (samples_per_s, train_s, eval_s). */
  private static List<String> withoutTimings(Path run) throws IOException {
    return Files.readAllLines(run.resolve("epochs.csv")).stream()
        .map(line -> {
          String[] f = line.split(",");
          return String.join(",", List.of(f).subList(0, 5)) + ","
              + String.join(",", List.of(f).subList(8, f.length));
        })
        .toList();
  }

  @Test
  void sasrecTrainsWithItsOriginalObjective() throws IOException {
    Path out = dir.resolve("bce");
    CliRun r =
        run(with(TINY, "train", "--model", "sasrec", "--set", "loss=bce", "--epochs", "3",
            "--output", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("150 training samples"), "one sample per user: " + r.out());
    List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
    double first = Double.parseDouble(epochs.get(1).split(",")[1]);
    double last = Double.parseDouble(epochs.get(3).split(",")[1]);
    // the BCE of an untrained model is about 2 ln 2 = 1.386 (both logits near 0)
    assertEquals(2 * Math.log(2), first, 0.1);
    assertTrue(last < first, "BCE went from " + first + " to " + last);
    assertTrue(Files.readString(out.resolve("config.properties")).contains("loss = bce"));
  }

  @Test
  void plotDrawsAColumnOfSeveralRunsAndRefusesAnUnknownColumn() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve("epochs.csv"), "epoch,valid_NDCG@10\n1,0.01\n2,0.03\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "epoch,valid_NDCG@10\n1,0.02\n");
    Path png = dir.resolve("out/curves.png");
    CliRun r = run("plot", "--output", png.toString(), a.toString(), "B=" + b);
    assertEquals(0, r.code(), r.err());
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertTrue(image.getWidth() > 0 && image.getHeight() > 0);

    CliRun bad = run("plot", "--column", "HR@1", "--output", png + ".2.png", a.toString());
    assertEquals(FearecCli.USER_ERROR, bad.code());
    assertTrue(bad.err().contains("epochs.csv:1: no column 'HR@1'"), bad.err());
  }

  @Test
  void syntheticPeriodsSetsOneSharedPeriodOrARange() {
    assertTrue(run("keys").out().contains("synthetic_periods = 2-7"));
    io.github.fearec.data.SyntheticDataset shared =
        io.github.fearec.data.SyntheticDataset.generate(
            new SettingsLoader().set("synthetic_periods=5").load().synthetic.build());
    for (int u = 0; u < shared.dataset().numUsers(); u++) {
      assertEquals(5, shared.period(u), "user " + u);
    }
    io.github.fearec.data.SyntheticConfig range =
        new SettingsLoader().set("synthetic_periods=3-6").load().synthetic.build();
    assertEquals(3, range.periods().min());
    assertEquals(6, range.periods().max());
    CliRun bad = run("train", "--set", "synthetic_periods=2-3-4");
    assertEquals(FearecCli.USER_ERROR, bad.code());
    assertTrue(bad.err().contains(
        "synthetic_periods = 2-3-4: expected a period P or a range MIN-MAX with 1 <= MIN <= MAX,"
            + " e.g. 5 or 2-7"),
        bad.err());
  }
}
