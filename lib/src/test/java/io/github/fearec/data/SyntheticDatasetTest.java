package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

  private static final SyntheticDataset DEFAULT =
      SyntheticDataset.generate(SyntheticConfig.DEFAULTS);

  private static boolean sameSequences(SequenceDataset a, SequenceDataset b) {
    return a.numUsers() == b.numUsers()
        && IntStream.range(0, a.numUsers())
            .allMatch(u -> Arrays.equals(a.sequence(u), b.sequence(u)));
  }

  @Test
  void deterministicForASeed() {
    assertTrue(sameSequences(DEFAULT.dataset(), SyntheticDataset.defaultDataset()));
  }

  @Test
  void differentSeedsGiveDifferentData() {
    SyntheticConfig other = SyntheticConfig.DEFAULTS.with("synthetic_seed", 43);
    assertFalse(sameSequences(DEFAULT.dataset(), SyntheticDataset.generate(other).dataset()));
  }

  @Test
  void respectsTheConfiguredSizes() {
    SyntheticConfig config = SyntheticConfig.DEFAULTS;
    SequenceDataset data = DEFAULT.dataset();
    assertEquals(config.numUsers(), data.numUsers());
    assertEquals(config.numItems(), data.numItems());
    int[] lengthsSeen = new int[config.maxLength() + 1];
    for (int u = 0; u < data.numUsers(); u++) {
      assertTrue(data.length(u) >= config.minLength() && data.length(u) <= config.maxLength());
      assertTrue(
          DEFAULT.period(u) >= config.periods().min() && DEFAULT.period(u) <= config.periods().max());
      lengthsSeen[data.length(u)]++;
    }
    assertTrue(
        lengthsSeen[config.minLength()] > 0 && lengthsSeen[config.maxLength()] > 0, "varied");
    long interactions = data.numInteractions();
    assertTrue(interactions > 27_000 && interactions < 33_000, "about 30,000: " + interactions);
  }

  @Test
  void everyItemOccurs() {
    int[] counts = DEFAULT.dataset().itemCounts();
    assertTrue(Arrays.stream(counts).skip(1).allMatch(c -> c > 0));
    // Also when the catalogue is as large as the motifs can cover, and tail items are rare.
    SyntheticConfig tight =
        SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_users", 100,
                "synthetic_items", 200,
                "synthetic_popularity_skew", 2,
                "synthetic_seed", 1));
    int[] tightCounts = SyntheticDataset.generate(tight).dataset().itemCounts();
    assertTrue(Arrays.stream(tightCounts).skip(1).allMatch(c -> c > 0));
  }

  @Test
  void planted_periodicity_itemRepeatsAfterThePeriod() {
    SequenceDataset data = DEFAULT.dataset();
    int[] counts = data.itemCounts();
    double chance = 0; // probability that two independent interactions show the same item
    for (int count : counts) {
      chance += Math.pow((double) count / data.numInteractions(), 2);
    }
    long matches = 0;
    long pairs = 0;
    int periodicUsers = 0;
    for (int u = 0; u < data.numUsers(); u++) {
      int p = DEFAULT.period(u);
      int userMatches = 0;
      for (int t = p; t < data.length(u); t++) {
        userMatches += data.item(u, t) == data.item(u, t - p) ? 1 : 0;
      }
      matches += userMatches;
      pairs += data.length(u) - p;
      periodicUsers += userMatches >= 0.6 * (data.length(u) - p) ? 1 : 0;
    }
    double rate = (double) matches / pairs;
    // Both positions keep the motif with probability 0.9 each: about 0.81.
    assertTrue(rate > 0.75 && rate < 0.87, "match rate at the planted lag: " + rate);
    assertTrue(rate > 50 * chance, "chance level is " + chance);
    assertTrue(
        periodicUsers > 0.9 * data.numUsers(), "users with clear periodicity: " + periodicUsers);
  }

  @Test
  void noiseFreeSequencesAreExactlyPeriodic() {
    SyntheticDataset clean =
        SyntheticDataset.generate(
            SyntheticConfig.DEFAULTS.with(Map.of("synthetic_noise", 0, "synthetic_users", 300)));
    for (int u = 0; u < 300; u++) {
      int p = clean.period(u);
      for (int t = p; t < clean.dataset().length(u); t++) {
        assertEquals(clean.dataset().item(u, t - p), clean.dataset().item(u, t));
      }
      int[] motif = Arrays.copyOf(clean.dataset().sequence(u), p);
      assertEquals(p, Arrays.stream(motif).distinct().count(), "motif items are distinct");
    }
  }

  @Test
  void changingTheNoiseKeepsPeriodsAndMotifs() {
    SyntheticDataset noisy =
        SyntheticDataset.generate(SyntheticConfig.DEFAULTS.with("synthetic_noise", 0.5));
    for (int u = 0; u < 100; u++) {
      int p = DEFAULT.period(u);
      assertEquals(p, noisy.period(u));
      assertArrayEquals(
          Arrays.copyOf(DEFAULT.dataset().sequence(u), p),
          Arrays.copyOf(noisy.dataset().sequence(u), p));
    }
  }

  /**
   * The design goal: on the test targets, recommending the 10 most popular training items hits
   * rarely, while copying the item one period back hits most of the time.
   */
  @Test
  void popularityIsWeakAndLookingOnePeriodBackIsStrong() {
    LeaveOneOutSplit split = new LeaveOneOutSplit(DEFAULT.dataset());
    int[] trainCounts = new int[split.dataset().numItems() + 1];
    for (int u = 0; u < split.numUsers(); u++) {
      for (int item : split.history(u, HeldOut.TEST)) {
        trainCounts[item]++;
      }
    }
    int[] top10 =
        IntStream.rangeClosed(1, split.dataset().numItems())
            .boxed()
            .sorted(Comparator.comparingInt(i -> -trainCounts[i]))
            .limit(10)
            .mapToInt(Integer::intValue)
            .toArray();
    int popularityHits = 0;
    int periodHits = 0;
    for (int u = 0; u < split.numUsers(); u++) {
      int target = split.testTarget(u);
      int[] history = split.history(u, HeldOut.TEST);
      popularityHits += Arrays.stream(top10).anyMatch(i -> i == target) ? 1 : 0;
      periodHits += history[history.length - DEFAULT.period(u)] == target ? 1 : 0;
    }
    double users = split.numUsers();
    assertTrue(popularityHits / users < 0.15, "popularity HR@10 = " + popularityHits / users);
    assertTrue(periodHits / users > 0.75, "one-period-back HR@1 = " + periodHits / users);
  }
}
