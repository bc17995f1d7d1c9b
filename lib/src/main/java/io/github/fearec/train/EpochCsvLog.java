package io.github.fearec.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/** Appends one CSV row per epoch (loss terms, speed, validation metrics), flushed at once. */
public final class EpochCsvLog implements TrainingListener, AutoCloseable {

  private final Writer writer;
  private boolean headerWritten;

  /**
   * @param append continue an existing log (a resumed run) instead of starting a new one
   */
  public EpochCsvLog(Path file, boolean append) {
    try {
      headerWritten = append && Files.exists(file) && Files.size(file) > 0;
      writer =
          append
              ? Files.newBufferedWriter(
                  file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
              : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the epoch log " + file, e);
    }
  }

  @Override
  public void onEpoch(EpochRecord r) {
    Map<String, Double> metrics = r.validation().metrics();
    StringBuilder row = new StringBuilder();
    if (!headerWritten) {
      row.append("epoch,loss,cross_entropy,contrastive,frequency,samples_per_s,train_s,eval_s");
      for (String name : metrics.keySet()) {
        row.append(",valid_").append(name);
      }
      row.append(",improved\n");
      headerWritten = true;
    }
    LossTerms l = r.loss();
    row.append(
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
    for (double v : metrics.values()) {
      row.append(String.format(Locale.ROOT, ",%.6f", v));
    }
    row.append(',').append(r.improved()).append('\n');
    try {
      writer.write(row.toString());
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the epoch log", e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
