package io.github.fearec.train;

import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One CSV row per epoch (loss terms, speed, validation metrics). The whole file is rewritten
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
    Map<String, Double> first = records.get(0).validation().metrics();
    csv.append("epoch,loss,cross_entropy,contrastive,frequency,samples_per_s,train_s,eval_s");
    for (String name : first.keySet()) {
      csv.append(",valid_").append(name);
    }
    csv.append(",improved\n");
    for (EpochRecord r : records) {
      row(csv, r);
    }
    try {
      DurableFiles.replace(file, csv.toString());
    } catch (IOException e) {
      throw OutputException.of(file, e, "a writable run directory with free space");
    }
  }

  private static void row(StringBuilder csv, EpochRecord r) {
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
    for (double v : r.validation().metrics().values()) {
      csv.append(String.format(Locale.ROOT, ",%.6f", v));
    }
    csv.append(',').append(r.improved()).append('\n');
  }
}
