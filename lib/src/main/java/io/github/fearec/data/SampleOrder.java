package io.github.fearec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Splits ids (training samples, evaluation users) into mini-batches.
 *
 * <p>Training order is a seeded shuffle that depends only on {@code (seed, epoch)}, so a run can be
 * repeated exactly, or resumed at epoch e with the very batches it would have seen. The last batch
 * may be smaller than the others; it is kept, not dropped, so that every sample is seen in every
 * epoch.
 */
public final class SampleOrder {

  private SampleOrder() {}

  /**
   * The batches of one training epoch: a permutation of {@code 0..numSamples-1} cut into batches of
   * {@code batchSize} (the last possibly shorter).
   */
  public static List<int[]> epochBatches(int numSamples, int batchSize, long seed, int epoch) {
    int[] order = IntStream.range(0, checkCount(numSamples)).toArray();
    SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return chunk(order, batchSize);
  }

  /** {@code 0..count-1} in order, cut into batches: for evaluating all users. */
  public static List<int[]> inOrder(int count, int batchSize) {
    return chunk(IntStream.range(0, checkCount(count)).toArray(), batchSize);
  }

  /**
   * A seed for one epoch. The epoch is hashed in through the SplitMix64 finaliser (the same mix
   * SplittableRandom uses), so neighbouring epochs and seeds give unrelated permutations.
   */
  private static long epochSeed(long seed, int epoch) {
    long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static int checkCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    return count;
  }

  private static List<int[]> chunk(int[] ids, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    }
    List<int[]> batches = new ArrayList<>((ids.length + batchSize - 1) / batchSize);
    for (int start = 0; start < ids.length; start += batchSize) {
      batches.add(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + batchSize)));
    }
    return Collections.unmodifiableList(batches);
  }
}
