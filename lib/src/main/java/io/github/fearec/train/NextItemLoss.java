package io.github.fearec.train;

import io.github.fearec.ConfigException;
import io.github.fearec.config.Choice;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.nn.ModelType;
import java.util.Locale;

/**
 * How the next item is scored in training (docs/results.md explains why the kit offers both).
 *
 * <p>{@link #CE} is the objective of FEARec, DuoRec and most recent work: one training sample per
 * prefix of a user's sequence, softmax cross-entropy over all items at the prefix's last position.
 * {@link #BCE} is SASRec's original objective (Kang &amp; McAuley 2018, Sec. III-E): one sample per
 * user, a prediction at every position of the sequence, each scored with binary cross-entropy
 * against the true next item and one item drawn uniformly from those the user never interacted
 * with. Many published SASRec baselines were trained that way.
 */
public enum NextItemLoss implements Choice {
  /** Cross-entropy over all items at the last position of every prefix sample. */
  CE,
  /** Binary cross-entropy, one sampled negative per position, loss on every position. */
  BCE;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }


  /** The training samples this loss is computed on. */
  public TrainingSamples samples(LeaveOneOutSplit split) {
    return this == CE ? new TrainingSamples(split) : TrainingSamples.wholeSequences(split);
  }

  /**
   * Rejects a model this loss cannot train. A loss on every position needs every position to see
   * only the items before it; FEARec's frequency branch has no causal mask (its FFT mixes all
   * positions, docs/model.md), so position t would read the very item it is asked to predict.
   */
  public void requireSupports(ModelType model) {
    if (this == BCE && model == ModelType.FEAREC) {
      throw new ConfigException(
          "loss = bce: expected a causal encoder (sasrec, duorec); FEARec's frequency branch reads"
              + " later positions, so a loss on every position would see its own targets");
    }
  }
}
