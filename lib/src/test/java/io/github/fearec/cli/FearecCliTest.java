package io.github.fearec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = FearecCli.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(base, 0, all, more.length, base.length);
    return all;
  }

  @Test
  void trainWritesResultsAndEvaluateReadsTheCheckpoint() throws IOException {
    Path out = dir.resolve("run");
    Run train =
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

    // the effective config reproduces the run's settings when passed back
    Run evaluate =
        run("evaluate", "--checkpoint", out.toString(), "--config", out.resolve("config.properties").toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains("fearec (test)"), evaluate.out());
  }

  @Test
  void resumeContinuesAnInterruptedRunWithItsOwnSettings() throws IOException {
    Path out = dir.resolve("run");
    Run first =
        run(with(TINY, "train", "--model", "sasrec", "--epochs", "1", "--output", out.toString()));
    assertEquals(0, first.code(), first.err());
    assertTrue(Files.isDirectory(out.resolve("checkpoint")));

    Run resumed = run("train", "--resume", out.toString(), "--epochs", "2");
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

  @Test
  void anUnknownKeyIsAUserErrorWithoutStackTrace() {
    Run r = run("train", "--set", "hiden_size=32");
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("unknown key 'hiden_size'"), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void aBadValueNamesTheKeyAndWhatIsExpected() {
    Run r = run("train", "--set", "num_heads=3");
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("num_heads = 3: expected a divisor of hidden_size = 64"), r.err());
  }

  @Test
  void aMissingDataFileIsNamed() {
    Run r = run("train", "--data", dir.resolve("nope.txt").toString());
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("nope.txt"), r.err());
  }

  @Test
  void aConfigFileErrorNamesFileAndLine() throws IOException {
    Path config = dir.resolve("run.properties");
    Files.writeString(config, "# comment\nepochs = 3\nlearning_rate = fast\n");
    Run r = run("train", "--config", config.toString());
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("run.properties:3: learning_rate = fast: expected a number"), r.err());
  }

  @Test
  void anUnknownModelIsRejected() {
    Run r = run("train", "--model", "bert4rec");
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("model = bert4rec: expected one of [fearec, sasrec, pop]"), r.err());
  }

  @Test
  void evaluateWithoutACheckpointSaysSo() {
    Run r = run("evaluate", "--checkpoint", dir.toString());
    assertEquals(FearecCli.USER_ERROR, r.code());
    assertTrue(r.err().contains("model.json: missing"), r.err());
  }

  @Test
  void keysListsEveryKeyWithItsDefault() {
    Run r = run("keys", "--model", "sasrec");
    assertEquals(0, r.code());
    for (String key : ConfigKeys.all().keySet()) {
      assertTrue(r.out().contains(key + " = "), key);
    }
    assertTrue(r.out().contains("contrastive = none"), "SASRec trains without contrast");
  }
}
