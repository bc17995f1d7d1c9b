package io.github.fearec.train;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * For every training sample, the other samples with the same target item: DuoRec's "semantic
 * augmentation" that FEARec's contrastive term uses (docs/model.md §8). Built in O(samples) by a
 * counting sort on the target; a draw is O(1).
 */
public final class SemanticPositives {

  /** Samples sorted by target; those with target t occupy [start[t], start[t+1]). */
  private final int[] byTarget;

  private final int[] start;

  /** Where each sample sits in {@link #byTarget}. */
  private final int[] slot;

  private final int[] targets;

  /**
   * @param numSamples how many training samples there are
   * @param targetOf the target item (1..numItems) of each sample
   * @param numItems the largest item id
   */
  public SemanticPositives(int numSamples, IntUnaryOperator targetOf, int numItems) {
    targets = new int[numSamples];
    start = new int[numItems + 2];
    for (int s = 0; s < numSamples; s++) {
      int t = targetOf.applyAsInt(s);
      if (t < 1 || t > numItems) {
        throw new IllegalArgumentException(
            "sample " + s + " has target " + t + " outside 1.." + numItems);
      }
      targets[s] = t;
      start[t + 1]++;
    }
    for (int t = 1; t < start.length; t++) {
      start[t] += start[t - 1];
    }
    int[] next = start.clone();
    byTarget = new int[numSamples];
    slot = new int[numSamples];
    for (int s = 0; s < numSamples; s++) {
      int at = next[targets[s]]++;
      byTarget[at] = s;
      slot[s] = at;
    }
  }

  /** How many samples share {@code sample}'s target, itself included. */
  public int groupSize(int sample) {
    int t = targets[sample];
    return start[t + 1] - start[t];
  }

  /**
   * A sample drawn uniformly among the others with the same target, or {@code sample} itself when
   * its target occurs nowhere else.
   */
  public int draw(int sample, SplittableRandom random) {
    int t = targets[sample];
    int size = start[t + 1] - start[t];
    if (size == 1) {
      return sample;
    }
    int pick = start[t] + random.nextInt(size - 1);
    // Skip over the sample's own slot so that every other member is equally likely.
    return byTarget[pick >= slot[sample] ? pick + 1 : pick];
  }

  /** {@link #draw} for every sample of a batch. */
  public int[] draw(int[] samples, SplittableRandom random) {
    int[] out = new int[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = draw(samples[i], random);
    }
    return out;
  }
}
