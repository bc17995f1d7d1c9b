package io.github.fearec.data;

import io.github.fearec.FearecException;

/**
 * Settings of the {@link SyntheticDataset} generator. Immutable; build one with {@link #builder()},
 * which starts from the defaults below, or use {@link #DEFAULTS}.
 *
 * <p>Defaults and why:
 *
 * <ul>
 *   <li>{@code numUsers} 1,000 and {@code numItems} 500: about 30,000 interactions, enough for a
 *       model to learn the structure in a few CPU minutes, small enough for a notebook.
 *   <li>{@code minPeriod} 2, {@code maxPeriod} 7: several distinct periods, all far below the
 *       default model length N = 50, so every input shows several repetitions.
 *   <li>{@code minLength} 10, {@code maxLength} 50: varied lengths like real data; the minimum is
 *       at least {@code maxPeriod + 3} so that both held-out items and at least one training target
 *       repeat an earlier item and are therefore predictable. For models reading long sequences
 *       (N = 200 as usual for MovieLens-1M) raise both, so that the inputs fill the window.
 *   <li>{@code noise} 0.1: one position in ten is a random popular item, so the pattern is strong
 *       but not perfect.
 *   <li>{@code popularitySkew} 0.5: the Zipf exponent of item popularity. Real catalogues are
 *       skewed, but a stronger skew would let "recommend the most popular items" score well and
 *       hide the difference between order-aware and order-blind models.
 *   <li>{@code seed} 42.
 * </ul>
 *
 * @param numUsers number of users (sequences)
 * @param numItems catalogue size; item ids are 1..numItems and every id occurs
 * @param minPeriod smallest period of a user's repeating motif
 * @param maxPeriod largest period
 * @param minLength shortest sequence
 * @param maxLength longest sequence
 * @param noise probability that a position after the first cycle holds a random item instead of the
 *     motif's
 * @param popularitySkew Zipf exponent s: item of popularity rank r is drawn with weight {@code
 *     r^-s} (0 = uniform)
 * @param seed seed of the random generator; equal configs give identical datasets
 */
public record SyntheticConfig(
    int numUsers,
    int numItems,
    int minPeriod,
    int maxPeriod,
    int minLength,
    int maxLength,
    double noise,
    double popularitySkew,
    long seed) {

  /** The kit's default configuration (see the class description). */
  public static final SyntheticConfig DEFAULTS = builder().build();

  /**
   * @throws FearecException if the values are inconsistent, naming the offending value
   */
  /** The most interactions generated: 400 MB of ids, far beyond what this kit trains on a CPU. */
  public static final long MAX_INTERACTIONS = 100_000_000L;

  public SyntheticConfig {
    require(numUsers >= 1, "numUsers = " + numUsers, "at least 1");
    require(minPeriod >= 1, "minPeriod = " + minPeriod, "at least 1");
    require(
        maxPeriod >= minPeriod, "maxPeriod = " + maxPeriod, "at least minPeriod = " + minPeriod);
    require(
        numItems >= maxPeriod,
        "numItems = " + numItems,
        "at least maxPeriod = " + maxPeriod + " (a motif holds distinct items)");
    require(
        (long) numUsers * minPeriod >= numItems,
        "numItems = " + numItems + " with numUsers * minPeriod = " + (long) numUsers * minPeriod,
        "numItems <= numUsers * minPeriod, so that every item can occur in some motif");
    require(
        minLength >= maxPeriod + 3,
        "minLength = " + minLength,
        "at least maxPeriod + 3 = "
            + (maxPeriod + 3)
            + " (the held-out items and one training target must follow a full cycle)");
    require(
        maxLength >= minLength, "maxLength = " + maxLength, "at least minLength = " + minLength);
    require(
        (long) numUsers * maxLength <= MAX_INTERACTIONS,
        "numUsers * maxLength = " + (long) numUsers * maxLength,
        "at most " + MAX_INTERACTIONS + " interactions (the generated data is held in memory,"
            + " 4 bytes per interaction, several times over while it is split)");
    require(noise >= 0 && noise <= 1, "noise = " + noise, "a probability in [0, 1]");
    require(
        popularitySkew >= 0 && Double.isFinite(popularitySkew),
        "popularitySkew = " + popularitySkew,
        "a finite exponent >= 0");
  }

  /** A builder preset to {@link #DEFAULTS}' values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset to this configuration's values, for variations of it. */
  public Builder toBuilder() {
    return new Builder()
        .numUsers(numUsers)
        .numItems(numItems)
        .periods(minPeriod, maxPeriod)
        .lengths(minLength, maxLength)
        .noise(noise)
        .popularitySkew(popularitySkew)
        .seed(seed);
  }

  private static void require(boolean ok, String actual, String expected) {
    if (!ok) {
      throw new FearecException("synthetic dataset: " + actual + "; expected " + expected);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int numUsers = 1_000;
    private int numItems = 500;
    private int minPeriod = 2;
    private int maxPeriod = 7;
    private int minLength = 10;
    private int maxLength = 50;
    private double noise = 0.1;
    private double popularitySkew = 0.5;
    private long seed = 42;

    private Builder() {}

    public Builder numUsers(int value) {
      numUsers = value;
      return this;
    }

    public Builder numItems(int value) {
      numItems = value;
      return this;
    }

    /** Periods are drawn uniformly from {@code min..max}. */
    public Builder periods(int min, int max) {
      minPeriod = min;
      maxPeriod = max;
      return this;
    }

    /** Sequence lengths are drawn uniformly from {@code min..max}. */
    public Builder lengths(int min, int max) {
      return minLength(min).maxLength(max);
    }

    /** The shortest sequence; see {@link #lengths}. */
    public Builder minLength(int value) {
      minLength = value;
      return this;
    }

    /** The longest sequence; see {@link #lengths}. */
    public Builder maxLength(int value) {
      maxLength = value;
      return this;
    }

    public Builder noise(double value) {
      noise = value;
      return this;
    }

    public Builder popularitySkew(double value) {
      popularitySkew = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * @throws FearecException if the values are inconsistent
     */
    public SyntheticConfig build() {
      return new SyntheticConfig(
          numUsers,
          numItems,
          minPeriod,
          maxPeriod,
          minLength,
          maxLength,
          noise,
          popularitySkew,
          seed);
    }
  }
}
