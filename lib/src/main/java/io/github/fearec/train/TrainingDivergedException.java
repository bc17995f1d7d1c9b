package io.github.fearec.train;

import io.github.fearec.FearecException;

/** A loss became NaN or infinite; the model was reset to the best weights seen before. */
public final class TrainingDivergedException extends FearecException {

  private final int bestEpoch;

  public TrainingDivergedException(int epoch, int batch, LossTerms loss, int bestEpoch) {
    super(
        String.format(
            "training diverged in epoch %d, batch %d: loss = %s (cross-entropy %s, contrastive %s,"
                + " frequency %s); %s. Try a smaller learning rate.",
            epoch,
            batch,
            loss.total(),
            loss.crossEntropy(),
            loss.contrastive(),
            loss.frequency(),
            bestEpoch > 0
                ? "the model keeps the weights of epoch " + bestEpoch
                : "no epoch had completed"));
    this.bestEpoch = bestEpoch;
  }

  /** The epoch whose weights the model holds now; 0 when no epoch completed. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
