package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import io.github.fearec.data.HeldOut;
import io.github.fearec.eval.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** epochs.csv under both ranking protocols, including epoch records from before there were two. */
class EpochCsvLogTest {

  @TempDir Path dir;

  private static Map<String, Double> metrics(double hr, double ndcg) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("HR@10", hr);
    m.put("NDCG@10", ndcg);
    return m;
  }

  private static EpochRecord epoch(int n, EvaluationResult validation) {
    return new EpochRecord(n, new LossTerms(1, 1, 0, 0), 100, 2, validation, true);
  }

  @Test
  void columnsNameTheirProtocolWhicheverSelects() throws IOException {
    Path file = dir.resolve("epochs.csv");
    EpochCsvLog log = new EpochCsvLog(file);
    // selected by history removed: its metrics are the result's own, history kept the other set
    log.onEpoch(
        epoch(1, new EvaluationResult(HeldOut.VALIDATION, metrics(0.5, 0.25), 7, true, 0.5,
            metrics(0.25, 0.125))));
    List<String> lines = Files.readAllLines(file);
    assertEquals(
        "epoch,loss,cross_entropy,contrastive,frequency,samples_per_s,train_s,eval_s,"
            + "valid_HR@10,valid_NDCG@10,valid_nohistory_HR@10,valid_nohistory_NDCG@10,improved",
        lines.get(0));
    assertEquals(
        "1,1.000000,1.000000,0.000000,0.000000,100.0,2.00,0.50,"
            + "0.250000,0.125000,0.500000,0.250000,true",
        lines.get(1));
  }

  /**
   * A checkpoint's state.json written before both protocols were reported has one metric set per
   * epoch: it still loads, and its other protocol's cells stay empty rather than being invented.
   */
  @Test
  void anOldEpochRecordLeavesTheOtherProtocolEmpty() throws IOException {
    String old =
        "{\"phase\":\"VALIDATION\",\"metrics\":{\"HR@10\":0.5,\"NDCG@10\":0.25},\"users\":7,"
            + "\"excludedHistory\":false,\"seconds\":0.5}";
    EvaluationResult validation = new Gson().fromJson(old, EvaluationResult.class);
    Path file = dir.resolve("epochs.csv");
    new EpochCsvLog(file).onResume(List.of(epoch(1, validation)));
    assertEquals(
        "1,1.000000,1.000000,0.000000,0.000000,100.0,2.00,0.50,0.500000,0.250000,,,true",
        Files.readAllLines(file).get(1));
  }
}
