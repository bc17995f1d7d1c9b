package io.github.fearec.data;

import static io.github.fearec.ConfigException.require;

import io.github.fearec.config.ConfigSchema;
import io.github.fearec.config.Scope;
import io.github.fearec.config.Setting;
import java.util.Map;

/**
 * Settings of the {@link SyntheticDataset} generator: immutable; each component declares its key,
 * meaning and default ({@link Setting}). Start from {@link #DEFAULTS} and change keys with {@link
 * #with}, e.g. {@code SyntheticConfig.DEFAULTS.with("synthetic_users", 200)}.
 *
 * <p>Why these defaults:
 *
 * <ul>
 *   <li>1,000 users and 500 items: about 30,000 interactions, enough for a model to learn the
 *       structure in a few CPU minutes, small enough for a notebook.
 *   <li>Periods 2–7: several distinct periods, all far below the default model length N = 50, so
 *       every input shows several repetitions.
 *   <li>Lengths 10–50: varied like real data; the minimum is at least the longest period + 3 so
 *       that both held-out items and at least one training target repeat an earlier item and are
 *       therefore predictable. For models reading long sequences (N = 200 as usual for
 *       MovieLens-1M) raise both, so that the inputs fill the window.
 *   <li>Noise 0.1: one position in ten is a random popular item, so the pattern is strong but not
 *       perfect.
 *   <li>Popularity skew 0.5, the Zipf exponent of item popularity. Real catalogues are skewed, but
 *       a stronger skew would let "recommend the most popular items" score well and hide the
 *       difference between order-aware and order-blind models.
 * </ul>
 */
public record SyntheticConfig(
    @Setting(key = "synthetic_users", init = "1000", min = 1, scope = Scope.SYNTHETIC,
        doc = "users (sequences) of the synthetic dataset")
    int numUsers,
    @Setting(key = "synthetic_items", init = "500", min = 1, scope = Scope.SYNTHETIC,
        doc = "catalogue size of the synthetic dataset; ids 1..n, every id occurs")
    int numItems,
    @Setting(key = "synthetic_periods", init = "2-7", scope = Scope.SYNTHETIC,
        doc = "periods of the users' motifs: MIN-MAX, each user drawing its own, or P, one period"
            + " shared by all")
    Periods periods,
    @Setting(key = "synthetic_min_length", init = "10", min = 1, scope = Scope.SYNTHETIC,
        doc = "shortest synthetic sequence; at least the longest period + 3")
    int minLength,
    @Setting(key = "synthetic_max_length", init = "50", min = 1, scope = Scope.SYNTHETIC,
        doc = "longest synthetic sequence; lengths are uniform in between, so raise both to fill a"
            + " long max_length")
    int maxLength,
    @Setting(key = "synthetic_noise", init = "0.1", min = 0, max = 1, scope = Scope.SYNTHETIC,
        doc = "probability that a position after the first cycle holds a random item instead of"
            + " the motif's")
    double noise,
    @Setting(key = "synthetic_popularity_skew", init = "0.5", min = 0, scope = Scope.SYNTHETIC,
        doc = "Zipf exponent s: the item of popularity rank r is drawn with weight r^-s (0 ="
            + " uniform)")
    double popularitySkew,
    @Setting(key = "synthetic_seed", init = "42", scope = Scope.SYNTHETIC,
        doc = "seed of the generator; equal settings give identical datasets")
    long seed) {

  /** The most interactions generated: 400 MB of ids, far beyond what this kit trains on a CPU. */
  public static final long MAX_INTERACTIONS = 100_000_000L;

  /** The declarations above, read once. */
  public static final ConfigSchema<SyntheticConfig> SETTINGS =
      ConfigSchema.of(SyntheticConfig.class);

  /** The kit's default configuration (see the class description). */
  public static final SyntheticConfig DEFAULTS = SETTINGS.defaults();

  /** What the declarations cannot say alone: how the sizes must fit together. */
  public SyntheticConfig {
    require(
        numItems >= periods.max(),
        "synthetic_items",
        numItems,
        "at least the longest period " + periods.max() + " (a motif holds distinct items)");
    require(
        (long) numUsers * periods.min() >= numItems,
        "synthetic_items",
        numItems,
        "at most synthetic_users × shortest period = " + (long) numUsers * periods.min()
            + ", so that every item can occur in some motif");
    require(
        minLength >= periods.max() + 3,
        "synthetic_min_length",
        minLength,
        "at least the longest period + 3 = " + (periods.max() + 3)
            + " (the held-out items and one training target must follow a full cycle)");
    require(
        maxLength >= minLength,
        "synthetic_max_length",
        maxLength,
        "at least synthetic_min_length = " + minLength);
    require(
        (long) numUsers * maxLength <= MAX_INTERACTIONS,
        "synthetic_users × synthetic_max_length",
        (long) numUsers * maxLength,
        "at most " + MAX_INTERACTIONS + " interactions (the generated data is held in memory,"
            + " 4 bytes per interaction, several times over while it is split)");
  }

  /** This configuration with {@code changes} (key to value, text or typed), checked together. */
  public SyntheticConfig with(Map<String, ?> changes) {
    return SETTINGS.with(this, changes);
  }

  /** This configuration with one setting changed. */
  public SyntheticConfig with(String key, Object value) {
    return with(Map.of(key, value));
  }
}
