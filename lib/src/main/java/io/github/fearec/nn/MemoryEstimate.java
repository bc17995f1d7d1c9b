package io.github.fearec.nn;

import ai.djl.Device;
import io.github.fearec.ConfigException;
import io.github.fearec.accel.Acceleration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a model configuration needs in memory, estimated from its settings before anything is
 * allocated, so that a configuration far too big for the machine is refused with a message saying
 * what fits instead of hanging or crashing inside libtorch (issue #28). All sizes are float32 bytes
 * and are computed in doubles, so no setting can overflow them.
 *
 * <p>The rule, per forward pass with B sequences of N positions, width d, h heads, inner size F
 * and L layers (the arrays a pass keeps for its backward pass, or until its step closes):
 *
 * <ul>
 *   <li>time-domain attention (SASRec, and FEARec's hybrid when α &gt; 0): 4 arrays (B, h, N, N)
 *       per layer (scores, masked, softmax, dropped);
 *   <li>FEARec's frequency branch on the fast route for short sequences (N &lt; {@link
 *       Acceleration#CPU_PAPER_ROUTE_FROM} on a CPU): 4 arrays (B, N, N) per layer and the two
 *       constants of N³ values; on the paper route 6 arrays (B, N, d) of spectra;
 *   <li>the rest: 15 arrays (B, N, d) per layer for SASRec, 25 for FEARec, and 4 arrays (B, N, F).
 * </ul>
 *
 * A training step adds the scores over all items (3 arrays (B, |I| + 1)) and holds one pass, or
 * two where a contrastive term keeps two views alive; the weights are held 4 times (weights,
 * gradients, Adam's two moments) plus {@link #BASELINE} for the JVM and libtorch. Against the
 * peaks measured in docs/benchmarks.md (N = 50 to 400, batch 256, SASRec and FEARec, FEARec's
 * dropout view recomputed or kept) this rule comes out 3-31 % above them (MemoryCheckTest): it is
 * meant to refuse what cannot fit, not to ration what can. It leaves out the data and the training
 * samples in the Java heap, which grow with the dataset, not with the settings.
 */
public final class MemoryEstimate {

  /** The JVM, libtorch and the kit before the first array (measured: about 300 MB). */
  public static final double BASELINE = 350e6;

  /** The most values a Java array holds: the host copies of a parameter are Java arrays. */
  public static final double MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;

  private static final double FLOAT = Float.BYTES;

  /** One named share of the estimate. */
  public record Term(String what, double bytes) {}

  private final List<Term> terms = new ArrayList<>();

  /** An estimate made of the terms added with {@link #add}. */
  public MemoryEstimate() {}

  /** Adds a term (nothing when {@code bytes} is 0). */
  public MemoryEstimate add(String what, double bytes) {
    if (bytes > 0) {
      terms.add(new Term(what, bytes));
    }
    return this;
  }

  /** Adds every term of {@code other}, scaled by {@code times}. */
  public MemoryEstimate add(MemoryEstimate other, double times) {
    for (Term t : other.terms) {
      add(t.what(), t.bytes() * times);
    }
    return this;
  }

  public double total() {
    return terms.stream().mapToDouble(Term::bytes).sum();
  }

  public List<Term> terms() {
    return List.copyOf(terms);
  }

  /** The {@code count} largest terms, largest first: "attention arrays (B, h, N, N) 5.1 TB, ...". */
  public String largest(int count) {
    return terms.stream()
        .sorted(Comparator.comparingDouble(Term::bytes).reversed())
        .limit(count)
        .map(t -> t.what() + " " + bytes(t.bytes()))
        .reduce((a, b) -> a + ", " + b)
        .orElse("nothing");
  }

  /** The number of weights: the item and position tables, then per layer attention and FFN. */
  public static double parameterCount(ModelConfig c, int numItems) {
    double d = c.hiddenSize();
    double f = c.innerSize();
    double tables = (numItems + 1.0) * d + (double) c.maxLength() * d + 2 * d;
    double layer = 4 * (d * d + d) + 2 * d + (f * d + f) + (d * f + d) + 2 * d;
    return tables + c.numLayers() * layer;
  }

  /** The largest single parameter, the item table: (|I| + 1) × d values. */
  public static double largestParameter(ModelConfig c, int numItems) {
    return Math.max((numItems + 1.0) * c.hiddenSize(), (double) c.maxLength() * c.hiddenSize());
  }

  /**
   * The activations of one forward pass over {@code batch} sequences, by the rule of the class
   * comment.
   *
   * @param device where it runs (null: the CPU); it decides FEARec's route
   */
  public static MemoryEstimate pass(ModelType type, ModelConfig c, double batch, Device device) {
    double n = c.maxLength();
    double d = c.hiddenSize();
    double layers = c.numLayers();
    boolean fearec = type == ModelType.FEAREC;
    boolean timeBranch = !fearec || (c.dualDomain() && c.timeWeight() > 0);
    boolean frequencyBranch = fearec && !(c.dualDomain() && c.timeWeight() >= 1);
    MemoryEstimate e = new MemoryEstimate();
    if (timeBranch) {
      e.add("attention arrays (B, h, N, N)", layers * 4 * batch * c.numHeads() * n * n * FLOAT);
    }
    if (frequencyBranch) {
      if (Acceleration.AUTO.paperRoute(c.maxLength(), device == null ? Device.cpu() : device)) {
        e.add("spectra (B, d, N/2 + 1)", layers * 6 * batch * n * d * FLOAT);
      } else {
        e.add("lag products (B, N, N)", layers * 4 * batch * n * n * FLOAT);
        e.add("lag constants (N³)", layers * 2 * n * n * n * FLOAT);
      }
    }
    e.add("hidden arrays (B, N, d)", layers * (fearec ? 25 : 15) * batch * n * d * FLOAT);
    e.add("feed-forward arrays (B, N, inner_size)", layers * 4 * batch * n * c.innerSize() * FLOAT);
    return e;
  }

  /** The scores of {@code batch} users over every item, with the softmax and its gradient. */
  public static double scores(double batch, int numItems) {
    return 3 * batch * (numItems + 1.0) * FLOAT;
  }

  /**
   * Refuses a model whose weights alone cannot be held: more than the machine has, or a parameter
   * too large for the Java arrays checkpoints copy it into. Called by {@link NextItemModel#create}
   * before anything is allocated.
   *
   * @throws ConfigException naming the settings and what fits
   */
  public static void requireWeightsFit(ModelConfig c, int numItems, Device device) {
    requireArraysFit(c, numItems);
    if (!MachineMemory.checked()
        || (device != null && !Device.Type.CPU.equals(device.getDeviceType()))) {
      return; // a GPU's memory is not read (see train.MemoryCheck)
    }
    double weights = parameterCount(c, numItems) * FLOAT;
    long available = MachineMemory.available();
    if (BASELINE + 2 * weights > available) {
      throw new ConfigException(
          settings(c, numItems) + ": the weights alone need about " + bytes(2 * weights)
              + " while they are initialised, more than the " + bytes(available) + " this"
              + " machine has available; expected a smaller hidden_size, inner_size or"
              + " num_layers (" + SKIP_HINT + ")");
    }
  }

  /** A parameter must fit a Java array: checkpoints and snapshots copy each one into one. */
  public static void requireArraysFit(ModelConfig c, int numItems) {
    if (largestParameter(c, numItems) > MAX_ARRAY_VALUES) {
      throw new ConfigException(
          settings(c, numItems) + ": the item table holds " + (long) ((numItems + 1.0) * c.hiddenSize())
              + " values ((items + 1) × hidden_size), more than the " + (long) MAX_ARRAY_VALUES
              + " a Java array holds (checkpoints copy it into one); expected hidden_size <= "
              + (long) Math.floor(MAX_ARRAY_VALUES / Math.max(numItems + 1.0, c.maxLength())));
    }
  }

  /** What every memory refusal says about turning the check off. */
  public static final String SKIP_HINT =
      "the estimate errs on the large side; FEAREC_JAVA_OPTS=-D" + MachineMemory.CHECK_PROPERTY
          + "=off skips the check";

  /** "max_length = 50, hidden_size = 64, inner_size = 256, num_layers = 2, 12101 items". */
  public static String settings(ModelConfig c, int numItems) {
    return "max_length = " + c.maxLength() + ", hidden_size = " + c.hiddenSize()
        + ", inner_size = " + c.innerSize() + ", num_layers = " + c.numLayers()
        + (numItems > 0 ? ", " + numItems + " items" : "");
  }

  /** Bytes for people: "512 MB", "3.2 GB", "1.5 TB" (decimal units). */
  public static String bytes(double b) {
    String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    double v = b;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    if (u == units.length - 1 && v >= 1000) {
      return String.format(Locale.ROOT, "%.1e bytes", b);
    }
    return u == 0 ? (long) v + " bytes"
        : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }
}
