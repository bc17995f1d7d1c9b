package io.github.fearec.train;

import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.RankingProtocol;
import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One CSV row per epoch (loss terms, speed, validation metrics under both ranking protocols:
 * {@code valid_NDCG@10} with history kept, {@code valid_nohistory_NDCG@10} with it removed; the
 * cells of a protocol an old epoch record lacks are empty; {@code improved} follows the selecting
 * protocol). The whole file is rewritten
 * durably after every epoch from the epoch records, and on resume from the checkpoint's records: a
 * process that dies between the checkpoint and the log write therefore loses no row for good, and a
 * refused resume leaves the old file untouched. (At most 1,000 short rows: rewriting is cheap.)
 */
public final class EpochCsvLog implements TrainingListener {

  private final Path file;
  private final List<EpochRecord> records = new ArrayList<>();

  public EpochCsvLog(Path file) {
    this.file = file;
  }

  @Override
  public void onResume(List<EpochRecord> history) {
    records.clear();
    records.addAll(history);
    write();
  }

  @Override
  public void onEpoch(EpochRecord r) {
    records.add(r);
    write();
  }

  private void write() {
    StringBuilder csv = new StringBuilder();
    Set<String> names = records.get(0).validation().metrics().keySet();
    csv.append("epoch,loss,cross_entropy,contrastive,frequency,samples_per_s,train_s,eval_s");
    for (RankingProtocol protocol : RankingProtocol.values()) {
      for (String name : names) {
        csv.append(",valid_").append(protocol.columnPrefix()).append(name);
      }
    }
    csv.append(",improved\n");
    for (EpochRecord r : records) {
      row(csv, r, names);
    }
    try {
      DurableFiles.replace(file, csv.toString());
    } catch (IOException e) {
      throw OutputException.of(file, e, "a writable run directory with free space");
    }
  }

  private static void row(StringBuilder csv, EpochRecord r, Set<String> names) {
    LossTerms l = r.loss();
    csv.append(
        String.format(
            Locale.ROOT,
            "%d,%.6f,%.6f,%.6f,%.6f,%.1f,%.2f,%.2f",
            r.epoch(),
            l.total(),
            l.crossEntropy(),
            l.contrastive(),
            l.frequency(),
            r.samplesPerSecond(),
            r.trainSeconds(),
            r.validation().seconds()));
    EvaluationResult validation = r.validation();
    for (RankingProtocol protocol : RankingProtocol.values()) {
      for (String name : names) {
        csv.append(',');
        if (validation.has(protocol)) {
          csv.append(String.format(Locale.ROOT, "%.6f", validation.get(protocol, name)));
        }
      }
    }
    csv.append(',').append(r.improved()).append('\n');
  }
}
