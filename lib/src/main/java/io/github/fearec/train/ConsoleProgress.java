package io.github.fearec.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long training runs: epoch, batches done, running loss, samples per second
 * and the time left in the epoch. On a terminal it redraws one line; elsewhere (logs, CI) it
 * prints a line at every quarter of an epoch so that logs stay short.
 */
public final class ConsoleProgress implements TrainingListener {

  private final PrintStream out;
  private final boolean interactive;
  private final int epochs;
  private long lastDraw;
  private long epochStart;

  public ConsoleProgress(PrintStream out, boolean interactive, int epochs) {
    this.out = out;
    this.interactive = interactive;
    this.epochs = epochs;
  }

  @Override
  public void onBatch(int epoch, int batch, int numBatches, LossTerms loss, double speed) {
    if (batch == 1) {
      epochStart = System.nanoTime();
    }
    boolean last = batch == numBatches;
    if (interactive) {
      long now = System.nanoTime();
      if (!last && now - lastDraw < 200_000_000L) {
        return;
      }
      lastDraw = now;
      out.print("\r" + line(epoch, batch, numBatches, loss, speed));
      if (last) {
        out.println();
      }
    } else {
      int quarter = Math.max(1, numBatches / 4);
      if (batch % quarter == 0 || last) {
        out.println(line(epoch, batch, numBatches, loss, speed));
      }
    }
    out.flush();
  }

  @Override
  public void onEpoch(EpochRecord r) {
    out.printf(
        Locale.ROOT,
        "epoch %d: loss %.4f, validation HR@10 %.4f NDCG@10 %.4f%s (%.1f s train, %.1f s eval)%n",
        r.epoch(),
        r.loss().total(),
        r.validation().get("HR@10"),
        r.validation().get("NDCG@10"),
        r.improved() ? " *" : "",
        r.trainSeconds(),
        r.validation().seconds());
    out.flush();
  }

  private String line(int epoch, int batch, int numBatches, LossTerms loss, double speed) {
    int width = 24;
    int filled = (int) ((long) width * batch / numBatches);
    // the batches so far predict the rest of the epoch
    long left = Math.round((System.nanoTime() - epochStart) / 1e9 * (numBatches - batch) / batch);
    return String.format(
        Locale.ROOT,
        "epoch %d/%d [%s%s] %d/%d  loss %.4f  %.0f samples/s  %d:%02d left",
        epoch,
        epochs,
        "=".repeat(filled),
        " ".repeat(width - filled),
        batch,
        numBatches,
        loss.total(),
        speed,
        left / 60,
        left % 60);
  }
}
