package io.github.fearec.data;

import java.util.SplittableRandom;

/**
 * The kit's built-in dataset: generated, offline, seeded, with a planted periodic structure, so
 * that the order of a sequence and its periodicity are what a model must use to predict well.
 *
 * <p>What is planted, per user:
 *
 * <ol>
 *   <li>a period p, uniform in {@code minPeriod..maxPeriod};
 *   <li>a motif of p distinct items drawn from a Zipf popularity law ({@link ZipfSampler}: item 1
 *       is the most popular);
 *   <li>a length L, uniform in {@code minLength..maxLength}; the sequence is the motif repeated,
 *       {@code x[t] = motif[t mod p]}, except that every position after the first cycle is, with
 *       probability {@code noise}, replaced by an independent popular item. The first cycle is
 *       never noised, so each motif item occurs at least once.
 * </ol>
 *
 * So {@code x[t] = x[t-p]} for most t: the next item is fully determined by the last p items, the
 * signal FEARec's frequency-domain auto-correlation is built to find (a peak at lag p). An
 * order-blind popularity ranking gains little, because each user's motif is private and the
 * moderate skew spreads motifs over the whole catalogue; an order-aware model that looks back p
 * steps can be right up to a fraction {@code 1 - noise} of the time.
 *
 * <p>Every item id {@code 1..numItems} occurs at least once: after drawing the motifs, any item
 * that no motif contains replaces a random motif entry whose item occurs in another motif too
 * (possible because {@code numUsers * minPeriod >= numItems}). Thus {@code numItems} is exactly the
 * configured catalogue, with no ids that the data never shows.
 *
 * <p>Determinism: one {@link SplittableRandom} seeded with {@code seed} is split into a stream for
 * periods and motifs and one for lengths and noise. Equal configurations give identical datasets;
 * changing only the noise or the length range keeps every user's period and motif.
 */
public final class SyntheticDataset {

  private final SyntheticConfig config;
  private final SequenceDataset dataset;
  private final int[] periods;

  private SyntheticDataset(SyntheticConfig config, SequenceDataset dataset, int[] periods) {
    this.config = config;
    this.dataset = dataset;
    this.periods = periods;
  }

  /** The dataset generated from {@link SyntheticConfig#DEFAULTS}. */
  public static SequenceDataset defaultDataset() {
    return generate(SyntheticConfig.DEFAULTS).dataset();
  }

  /** Generates the dataset described in the class comment. */
  public static SyntheticDataset generate(SyntheticConfig config) {
    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom motifRandom = root.split();
    SplittableRandom sequenceRandom = root.split();
    ZipfSampler popularity = new ZipfSampler(config.numItems(), config.popularitySkew());

    int[][] motifs = new int[config.numUsers()][];
    for (int u = 0; u < motifs.length; u++) {
      int period = motifRandom.nextInt(config.periods().min(), config.periods().max() + 1);
      motifs[u] = distinctItems(period, popularity, motifRandom);
    }
    coverCatalogue(motifs, config.numItems(), motifRandom);

    int[][] sequences = new int[config.numUsers()][];
    int[] periods = new int[config.numUsers()];
    for (int u = 0; u < motifs.length; u++) {
      int[] motif = motifs[u];
      periods[u] = motif.length;
      int[] sequence = new int[sequenceRandom.nextInt(config.minLength(), config.maxLength() + 1)];
      for (int t = 0; t < sequence.length; t++) {
        boolean noisy = t >= motif.length && sequenceRandom.nextDouble() < config.noise();
        sequence[t] = noisy ? popularity.next(sequenceRandom) : motif[t % motif.length];
      }
      sequences[u] = sequence;
    }
    return new SyntheticDataset(
        config, new SequenceDataset("synthetic", config.numItems(), sequences), periods);
  }

  public SyntheticConfig config() {
    return config;
  }

  public SequenceDataset dataset() {
    return dataset;
  }

  /**
   * The period planted for {@code user}: the ground truth a model's detected lag can be checked
   * against.
   */
  public int period(int user) {
    return periods[user];
  }

  /** {@code count} distinct popularity-weighted items (rejection sampling; count is small). */
  private static int[] distinctItems(int count, ZipfSampler popularity, SplittableRandom random) {
    int[] items = new int[count];
    int filled = 0;
    while (filled < count) {
      int item = popularity.next(random);
      if (!contains(items, filled, item)) {
        items[filled++] = item;
      }
    }
    return items;
  }

  private static boolean contains(int[] items, int length, int item) {
    for (int k = 0; k < length; k++) {
      if (items[k] == item) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes every item 1..numItems occur in some motif by overwriting motif entries whose item occurs
   * elsewhere too; motifs stay free of duplicates because the new item occurred nowhere.
   */
  private static void coverCatalogue(int[][] motifs, int numItems, SplittableRandom random) {
    int[] uses = new int[numItems + 1];
    for (int[] motif : motifs) {
      for (int item : motif) {
        uses[item]++;
      }
    }
    for (int missing = 1; missing <= numItems; missing++) {
      if (uses[missing] > 0) {
        continue;
      }
      int[] motif;
      int slot;
      do {
        motif = motifs[random.nextInt(motifs.length)];
        slot = random.nextInt(motif.length);
      } while (uses[motif[slot]] < 2);
      uses[motif[slot]]--;
      motif[slot] = missing;
      uses[missing] = 1;
    }
  }
}
