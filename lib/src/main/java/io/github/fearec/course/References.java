package io.github.fearec.course;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import io.github.fearec.accel.ShortSequenceRoute;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.BatchTensors;
import io.github.fearec.eval.RankingMetrics;
import io.github.fearec.nn.AttentionMasks;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.BandFilter;
import io.github.fearec.spectral.DirectSpectra;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import io.github.fearec.train.Losses;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The reference answer of every exercise of the course, by exercise id: what the library (or, where
 * the library has no such function, an independent computation here) gives for an input. Check
 * cells reach it through {@link Exercise#of(String, Class)}, so a check names the exercise and its
 * inputs but not the function that computes the answer.
 */
final class References {

  private record Entry<I, O>(
      String title, Class<I> input, Function<I, O> reference, Comparison<O> comparison) {}

  private static final Map<String, Entry<?, ?>> ENTRIES = new HashMap<>();

  static {
    // Chapter 1: sequences and embeddings
    add("1.1", "item popularity counts", Inputs.Counts.class,
        in -> new SequenceDataset("check", in.numItems(), in.sequences()).itemCounts(),
        Comparisons.ints());
    add("1.2", "the evaluation row of one user", Inputs.Row.class,
        in -> new BatchFactory(in.maxLength())
            .evaluationBatch(oneUser(in.history()), new int[] {0}, in.phase()).items(),
        Comparisons.ints());
    add("1.3", "the training rows of one user", Inputs.Training.class,
        References::trainingRows, Comparisons.intRows());
    add("1.4", "the cross-entropy of an untrained model, predicted", Inputs.Untrained.class,
        References::untrainedCrossEntropy, Comparisons.closeTo(0.05));
    // Chapter 2: self-attention is a low-pass filter
    add("2.1", "energy per DFT bin", double[].class, DirectSpectra::energy,
        Comparisons.doubles(1e-9));
    add("2.2", "the weight two rows share", double[][].class,
        References::sharedWeight, Comparisons.closeTo(1e-9));
    add("2.3", "a causal attention matrix", Inputs.Attention.class,
        References::causalAttention, Comparisons.doubleRows(1e-5));
    add("2.4", "why FEARec keeps energy outside bin 0", Integer.class,
        References::lowPassQuestion, choices());
    // Chapter 3: the frequency ramp
    add("3.1", "applying a band filter", Inputs.Band.class,
        in -> DirectSpectra.bandLimit(in.x(), in.band()), Comparisons.doubles(1e-9));
    add("3.2", "the ramp's bands", Inputs.Ramp.class,
        in -> FrequencyRamp.of(in.maxLength(), in.numLayers(), in.globalRatio()).bands().stream()
            .map(b -> new int[] {b.left(), b.right()}).toArray(int[][]::new),
        Comparisons.intRows());
    add("3.3", "the band filter as a matrix", Inputs.BandMatrix.class,
        in -> square(ShortSequenceRoute.projectionMatrix(in.band(), in.n()), in.n()),
        Comparisons.doubleRows(1e-6));
    add("3.4", "the two planted bugs of a ported band filter", Inputs.Band.class,
        in -> DirectSpectra.bandLimit(in.x(), in.band()), Comparisons.doubles(1e-9));
    // Chapter 4: FFT auto-correlation
    add("4.1", "correlation through the DFT", Inputs.Pair.class,
        in -> DirectSpectra.circularCrossCorrelation(in.q(), in.k()), Comparisons.doubles(1e-9));
    add("4.2", "top-k lags and their weights", Inputs.Lags.class,
        References::lagWeights, Comparisons.doubles(1e-5));
    add("4.3", "time-delay aggregation", Inputs.Aggregation.class,
        in -> aggregate(in.values(), in.lags(), in.weights()), Comparisons.doubleRows(1e-5));
    add("4.4", "what a change of the signal does to the correlation, predicted", Integer.class,
        References::correlationQuestion, choices());
    // Chapter 5: the FEA layer
    add("5.1", "the frequency branch as a matrix", Inputs.LagMatrix.class,
        in -> aggregate(identity(in.n()), in.lags(), in.weights()), Comparisons.doubleRows(1e-5));
    add("5.2", "the alpha-mix and the output sub-layer", Inputs.Mix.class,
        References::mixAndNormalise, Comparisons.doubleRows(1e-4));
    add("5.3", "a whole FEA layer", FeaLayerCase.class,
        FeaLayerCase::libraryOutput, Comparisons.doubleRows(1e-3));
    add("5.4", "the lags a batch shares in training", Inputs.BatchLags.class,
        References::batchLagWeights, Comparisons.doubleRows(1e-5));
    // Chapter 6: contrastive training
    add("6.1", "NDCG@K", Inputs.Ranks.class, References::ndcg, Comparisons.closeTo(1e-9));
    add("6.2", "the frequency L1 term", Inputs.Views.class,
        in -> scalar(m -> Losses.frequencyL1(matrix(m, in.z1()), matrix(m, in.z2()))),
        Comparisons.closeTo(1e-5));
    add("6.3", "InfoNCE", Inputs.Nce.class,
        in -> scalar(m -> Losses.infoNce(matrix(m, in.z1()), matrix(m, in.z2()), in.tau())),
        Comparisons.closeTo(1e-4));
    add("6.4", "InfoNCE against ln(2B - 1), predicted", Integer.class,
        References::infoNceQuestion, choices());
    // Chapter 7: reading the numbers
    add("7.1", "HR@K against sampled negatives", Inputs.Sampled.class,
        References::sampledHitRate, Comparisons.closeTo(1e-9));
    add("7.2", "protocols and selection, predicted", Integer.class,
        References::protocolQuestion, choices());
    add("7.3", "a paired difference and its standard error", Inputs.Paired.class,
        References::pairedDifference, Comparisons.doubles(1e-9));
  }

  private References() {}

  private static <I, O> void add(
      String id, String title, Class<I> input, Function<I, O> reference, Comparison<O> comparison) {
    ENTRIES.put(id, new Entry<>(title, input, reference, comparison));
  }

  /** The exercise {@code id}, checked against {@code inputType}. */
  @SuppressWarnings("unchecked")
  static <I> Exercise<I, Object> exercise(String id, Class<I> inputType) {
    Entry<?, ?> entry = ENTRIES.get(id);
    if (entry == null) {
      throw new IllegalArgumentException(
          "no exercise " + id + " in the course; known: " + ENTRIES.keySet().stream().sorted().toList());
    }
    if (entry.input() != inputType) {
      throw new IllegalArgumentException(
          "exercise " + id + " takes " + entry.input().getSimpleName() + " inputs, not "
              + inputType.getSimpleName());
    }
    Entry<I, Object> typed = (Entry<I, Object>) entry;
    return Exercise.of(id, typed.title(), typed.reference(), typed.comparison());
  }

  // ---------------------------------------------------------------------------------------------
  // Multiple-choice questions. The reference of a question is a Choice: the right letter (for
  // predictions, worked out by running the experiment the question describes) and, for every
  // wrong letter, what it misses. The feedback never names the right letter.

  /** One question: the right letter and, per wrong letter, why it is wrong. */
  record Choice(String correct, Map<String, String> whyNot) {

    String letters() {
      java.util.TreeSet<String> all = new java.util.TreeSet<>(whyNot.keySet());
      all.add(correct);
      return String.join(", ", all);
    }
  }

  /** Compares a student's letter ("b", 'b' or " B ") with a {@link Choice}. */
  static Comparison<Object> choices() {
    return References::choiceMismatch;
  }

  private static String choiceMismatch(Object expected, Object actual) {
    Choice choice = (Choice) expected;
    String given = actual == null ? "" : actual.toString().trim().toLowerCase(java.util.Locale.ROOT);
    if (given.equals(choice.correct())) {
      return null;
    }
    String why = choice.whyNot().get(given);
    if (why == null) {
      return "answer with one of " + choice.letters() + ", got " + Values.describe(actual);
    }
    return "not " + given + ": " + why;
  }

  /** A Choice whose right letter is {@code correct}, from letter, reason, letter, reason, ... */
  private static Choice choice(String correct, String... whyNot) {
    Map<String, String> reasons = new java.util.LinkedHashMap<>();
    for (int i = 0; i < whyNot.length; i += 2) {
      reasons.put(whyNot[i], whyNot[i + 1]);
    }
    reasons.remove(correct);
    return new Choice(correct, reasons);
  }

  private static IllegalArgumentException noQuestion(String exercise, int question, int count) {
    return new IllegalArgumentException(
        "exercise " + exercise + " has questions 1.." + count + ", not " + question);
  }

  /**
   * 1.4: the next-item cross-entropy of an untrained SASRec of the given size on a batch of random
   * histories and targets, computed with the library (weights ~ N(0, 0.02), dropout off).
   */
  private static double untrainedCrossEntropy(Inputs.Untrained in) {
    int n = 10;
    int rows = 256;
    Engine.getInstance().setRandomSeed(14);
    ModelConfig config = ModelConfig.defaults().with(Map.of(
        "max_length", n, "hidden_size", in.hidden(), "inner_size", 4 * in.hidden()));
    java.util.SplittableRandom random = new java.util.SplittableRandom(14);
    int[] items = new int[rows * n];
    int[] lengths = new int[rows];
    int[] targets = new int[rows];
    for (int r = 0; r < rows; r++) {
      lengths[r] = n;
      targets[r] = 1 + random.nextInt(in.numItems());
      for (int t = 0; t < n; t++) {
        items[r * n + t] = 1 + random.nextInt(in.numItems());
      }
    }
    try (NextItemModel model = NextItemModel.create(ModelType.SASREC, config, in.numItems(), null);
        NDManager step = model.newStep()) {
      ParameterStore store = new ParameterStore(step, false);
      BatchTensors batch = BatchTensors.of(step, items, lengths, targets);
      NDArray users = model.userVectors(store, batch.ids(), batch.lengths(), false);
      return Losses.crossEntropy(model.scores(store, users, false), batch.targets()).getFloat();
    }
  }

  /**
   * 2.4: questions on where FEARec's attention gets or loses a DC component, answered by running
   * the library's parts of an untrained FEARec layer 0 (its band excludes bin 0) on random values.
   */
  private static Choice lowPassQuestion(int question) {
    int b = 8;
    int n = 16;
    int d = 8;
    FrequencyBand band = FrequencyRamp.of(n, 2, 0.6).band(0);
    if (band.contains(0)) {
      throw new IllegalStateException("layer 0's band should exclude bin 0, got " + band);
    }
    Random random = new Random(24);
    float[] q = new float[b * n * d];
    float[] k = new float[b * n * d];
    float[] v = new float[b * n * d];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) random.nextGaussian();
      k[i] = (float) random.nextGaussian();
      v[i] = (float) random.nextGaussian();
    }
    double freqDc;
    double timeDc;
    double gainOutsideDc;
    double causalGain;
    double dcGain;
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(b, n, d);
      NDArray qa = manager.create(q, shape);
      NDArray ka = manager.create(k, shape);
      NDArray va = manager.create(v, shape);
      AutoCorrelationAttention frequency = new AutoCorrelationAttention(band, n, 3);
      BandFilter filter = frequency.filter();
      NDArray qb = filter.apply(qa);
      NDArray kb = filter.apply(ka);
      NDArray vb = filter.apply(va);
      NDList lags = frequency.selectLags(frequency.lagScoresOfFiltered(qb, kb), false);
      NDArray aFreq = frequency.aggregate(va, lags.get(0), lags.get(1));
      NDArray mask = AttentionMasks.causalPadding(manager.ones(new Shape(b, n), DataType.INT32));
      NDArray probs = qb.matMul(kb.transpose(0, 2, 1)).div(Math.sqrt(d)).add(mask.squeeze(1)).softmax(-1);
      NDArray aTime = probs.matMul(vb);
      freqDc = dcShare(aFreq);
      timeDc = dcShare(aTime);
      gainOutsideDc = gainOutsideDc(va, aFreq);
      dcGain = binEnergy(aFreq)[0] / binEnergy(va)[0];
      // causal averaging: row t is the mean of positions 0..t
      float[] average = new float[n * n];
      for (int t = 0; t < n; t++) {
        for (int u = 0; u <= t; u++) {
          average[t * n + u] = 1f / (t + 1);
        }
      }
      causalGain = gainOutsideDc(va, manager.create(average, new Shape(n, n)).matMul(va));
    }
    switch (question) {
      case 1 -> {
        boolean fromFrequency = freqDc > 1e-4;
        boolean fromTime = timeDc > 1e-4;
        String outcome = fromFrequency && fromTime ? "c" : fromFrequency ? "b" : fromTime ? "d" : "a";
        return choice(outcome,
            "a", "the band limits the queries and keys of both branches; look at what each branch"
                + " multiplies its weights with, and whether the weights are the same in every row",
            "b", "the frequency branch is one way; look at the time branch too: its weights differ"
                + " from row to row",
            "c", "look at the values the frequency branch aggregates: are they band-limited?",
            "d", "the time branch is one way; look at the values the frequency branch aggregates");
      }
      case 2 -> {
        // k shifted copies of V (a shift keeps every bin's energy) against an average of up to N
        // positions: the energy each passes outside bin 0, and whether bin 0 passes unchanged
        String outcome = gainOutsideDc > causalGain && Math.abs(dcGain - 1) < 1e-3 ? "b" : "a";
        return choice(outcome,
            "b", "measure how much energy outside bin 0 a mix of k shifted copies keeps, against"
                + " an average of many positions",
            "a", "bin 0 of V reaches the frequency branch's output unchanged (its weights sum to"
                + " 1); the band alone cannot explain it",
            "c", "both models have a residual connection around their attention",
            "d", "LayerNorm normalises the d channels at each position; it does not filter along"
                + " the positions");
      }
      default -> throw noQuestion("2.4", question, 2);
    }
  }

  /** Mean energy per bin over batch and channels of a (B, N, d) array along its positions. */
  private static double[] binEnergy(NDArray h) {
    long n = h.getShape().get(1);
    float[] e = h.transpose(0, 2, 1).rfft(n, -1).abs().square().mean(new int[] {1}).mean(new int[] {0}).toFloatArray();
    double[] out = new double[e.length];
    for (int f = 0; f < e.length; f++) {
      out[f] = e[f];
    }
    return out;
  }

  /** Energy outside bin 0 of {@code out} over that of {@code in}. */
  private static double gainOutsideDc(NDArray in, NDArray out) {
    double[] before = binEnergy(in);
    double[] after = binEnergy(out);
    double a = 0;
    double b = 0;
    for (int f = 1; f < before.length; f++) {
      a += after[f];
      b += before[f];
    }
    return a / b;
  }

  private static double dcShare(NDArray h) {
    double[] e = binEnergy(h);
    return e[0] / Arrays.stream(e).sum();
  }

  /**
   * 4.4: what happens to the circular correlation R(τ) = Σ_t q[(t + τ) mod N]·k[t] when the signal
   * changes, found by computing both on a random signal and comparing.
   */
  private static Choice correlationQuestion(int question) {
    int n = 12;
    int shift = 3;
    Random random = new Random(44);
    double[] x = random.doubles(n).map(v -> v - 0.5).toArray();
    double[] k = random.doubles(n).map(v -> v - 0.5).toArray();
    double[] before;
    double[] after;
    switch (question) {
      case 1 -> {
        before = DirectSpectra.circularCrossCorrelation(x, x);
        double[] rolled = roll(x, shift);
        after = DirectSpectra.circularCrossCorrelation(rolled, rolled);
      }
      case 2 -> {
        before = DirectSpectra.circularCrossCorrelation(x, k);
        after = DirectSpectra.circularCrossCorrelation(roll(x, shift), k);
      }
      case 3 -> {
        before = DirectSpectra.circularCrossCorrelation(x, x);
        double[] reversed = new double[n];
        for (int t = 0; t < n; t++) {
          reversed[t] = x[n - 1 - t];
        }
        after = DirectSpectra.circularCrossCorrelation(reversed, reversed);
      }
      case 4 -> {
        before = DirectSpectra.circularCrossCorrelation(x, x);
        double[] raised = Arrays.stream(x).map(v -> v + 2).toArray();
        after = DirectSpectra.circularCrossCorrelation(raised, raised);
      }
      default -> throw noQuestion("4.4", question, 4);
    }
    String outcome = classifyCorrelation(before, after, shift);
    return choice(outcome,
        "a", "R changes here: compare R'(tau) with R(tau) for a few lags of a small example",
        "b", "R'(tau) = R(tau - s) would mean every lag moves by s; check which lags actually move",
        "c", "R'(tau) = R(tau + s) would mean every lag moves back by s; check which lags actually move",
        "d", "adding one constant to every lag happens when something is added to the signal itself",
        "e", "R'(tau) = R(N - tau) mirrors the lags; check the lags of a small example");
  }

  private static double[] roll(double[] x, int shift) {
    int n = x.length;
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[(t + shift) % n] = x[t];
    }
    return out;
  }

  /** a unchanged, b R(τ − s), c R(τ + s), d R + a constant, e R(N − τ); checked in that order. */
  private static String classifyCorrelation(double[] before, double[] after, int shift) {
    int n = before.length;
    java.util.function.IntToDoubleFunction[] candidates = {
      tau -> before[tau],
      tau -> before[Math.floorMod(tau - shift, n)],
      tau -> before[Math.floorMod(tau + shift, n)],
      tau -> before[tau] + (after[0] - before[0]),
      tau -> before[Math.floorMod(n - tau, n)],
    };
    for (int c = 0; c < candidates.length; c++) {
      boolean all = true;
      for (int tau = 0; tau < n && all; tau++) {
        all = Math.abs(candidates[c].applyAsDouble(tau) - after[tau]) < 1e-9;
      }
      if (all) {
        return String.valueOf((char) ('a' + c));
      }
    }
    throw new IllegalStateException("no choice of exercise 4.4 describes this change");
  }

  /**
   * 5.4: the lags of training, shared by the batch (the top k of the batch-averaged scores), each
   * row weighted by the softmax of its own scores at them; one weight per lag, 0 where not kept.
   */
  private static double[][] batchLagWeights(Inputs.BatchLags in) {
    int b = in.scores().length;
    int n = in.scores()[0].length;
    AutoCorrelationAttention attention =
        new AutoCorrelationAttention(new FrequencyBand(0, n / 2 + 1), n, in.k());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList chosen = attention.selectLags(matrix(manager, in.scores()), true);
      long[] lags = chosen.get(0).toType(DataType.INT64, false).toLongArray();
      float[] w = chosen.get(1).toFloatArray();
      double[][] out = new double[b][n];
      for (int r = 0; r < b; r++) {
        for (int i = 0; i < in.k(); i++) {
          out[r][(int) lags[r * in.k() + i]] = w[r * in.k() + i];
        }
      }
      return out;
    }
  }

  /**
   * 6.4: where InfoNCE lands against ln(2B − 1) for a described batch of views, computed with
   * the library: below it (a), within 1 % of it (b), above it (c).
   */
  private static Choice infoNceQuestion(int question) {
    int b = 64;
    int d = 64;
    Random random = new Random(64);
    double[][] z1 = new double[b][d];
    double[][] z2 = new double[b][d];
    double tau = 1;
    switch (question) {
      case 1 -> {
        for (int i = 0; i < b; i++) {
          Arrays.fill(z1[i], 0.5);
          Arrays.fill(z2[i], 0.5);
        }
      }
      case 2 -> {
        for (int i = 0; i < b; i++) {
          z1[i] = gaussian(random, d);
          z2[i] = z1[i].clone();
        }
      }
      case 3, 4 -> {
        for (int i = 0; i < b; i++) {
          z1[i] = gaussian(random, d);
          z2[i] = gaussian(random, d);
        }
        tau = question == 3 ? 1 : 100;
      }
      default -> throw noQuestion("6.4", question, 4);
    }
    double[][] a = z1;
    double[][] c = z2;
    double t = tau;
    double loss = scalar(m -> Losses.infoNce(matrix(m, a), matrix(m, c), t));
    double collapsed = Math.log(2 * b - 1);
    String outcome = Math.abs(loss - collapsed) <= 0.01 * collapsed ? "b" : loss < collapsed ? "a" : "c";
    return choice(outcome,
        "a", "below ln(2B - 1) each vector's partner must be more similar to it than the other"
            + " vectors are, on average; is it here?",
        "b", "ln(2B - 1) is the value when the partner is no more and no less similar than the"
            + " 2B - 2 others; look at how similar the partner and the others are here",
        "c", "above ln(2B - 1) the partner must be less similar than the others on average, or the"
            + " softmax sharp and mostly wrong; is it here?");
  }

  /** d values ~ N(0, 1): a vector of norm about √d, like a user vector after LayerNorm. */
  private static double[] gaussian(Random random, int d) {
    double[] v = new double[d];
    for (int c = 0; c < d; c++) {
      v[c] = random.nextGaussian();
    }
    return v;
  }

  /** 7.1: HR@K with each target ranked only against its sampled negatives, ties against it. */
  private static double sampledHitRate(Inputs.Sampled in) {
    int hits = 0;
    for (int u = 0; u < in.targets().length; u++) {
      double target = in.scores()[u][in.targets()[u]];
      int ahead = 0;
      for (int negative : in.negatives()[u]) {
        if (in.scores()[u][negative] >= target) {
          ahead++;
        }
      }
      if (ahead < in.k()) {
        hits++;
      }
    }
    return hits / (double) in.targets().length;
  }

  /**
   * 7.2: questions about protocols and selection, each answered by running it: rankings with and
   * without history by the library's {@link Ranker} on random scores, sampled against full
   * ranking, and the best test value over epochs against the test value at the best validation
   * epoch on random curves.
   */
  private static Choice protocolQuestion(int question) {
    Random random = new Random(72);
    switch (question) {
      case 1 -> {
        // 200 users, 50 items, 8 history items each: does removing history ever raise a rank?
        int users = 200;
        int items = 50;
        double[][] scores = new double[users][items + 1];
        int[] targets = new int[users];
        int[][] histories = new int[users][8];
        for (int u = 0; u < users; u++) {
          for (int i = 0; i <= items; i++) {
            scores[u][i] = Math.round(4 * random.nextGaussian()) / 4.0; // ties on purpose
          }
          targets[u] = 1 + random.nextInt(items);
          for (int t = 0; t < 8; t++) {
            histories[u][t] = 1 + random.nextInt(items);
          }
        }
        boolean everWorse = false;
        boolean everBetter = false;
        try (NDManager manager = NDManager.newBaseManager()) {
          io.github.fearec.eval.Ranker.Ranks ranks =
              io.github.fearec.eval.Ranker.ranks(matrix(manager, scores), targets, histories);
          for (int u = 0; u < users; u++) {
            everWorse |= ranks.historyRemoved()[u] > ranks.historyKept()[u];
            everBetter |= ranks.historyRemoved()[u] < ranks.historyKept()[u];
          }
        }
        String outcome = everWorse ? "b" : everBetter ? "a" : "c";
        return choice(outcome,
            "a", "look at what removing items from a ranking can do to the rank of an item that"
                + " stays",
            "b", "a rank counts the items scored at least as high as the target; can taking items"
                + " out of the ranking add to that count?",
            "c", "it changes only when some removed item scored at least as high as the target");
      }
      case 2 -> {
        // 10,000 items, 100 uniformly sampled negatives, a target scored a little above average
        int users = 300;
        int items = 10_000;
        int fullHits = 0;
        int sampledHits = 0;
        for (int u = 0; u < users; u++) {
          double target = 1.5 + random.nextGaussian();
          int aheadAll = 0;
          int aheadSampled = 0;
          for (int i = 0; i < items; i++) {
            double s = random.nextGaussian();
            if (s >= target) {
              aheadAll++;
              if (i < 100) {
                aheadSampled++; // the first 100 of i.i.d. scores are a uniform sample
              }
            }
          }
          fullHits += aheadAll < 10 ? 1 : 0;
          sampledHits += aheadSampled < 10 ? 1 : 0;
        }
        String outcome = sampledHits > 1.2 * fullHits ? "c" : sampledHits < 0.8 * fullHits ? "a" : "b";
        return choice(outcome,
            "a", "against 100 negatives the target needs to beat far fewer items to reach the top"
                + " 10",
            "b", "count how many of 10,000 items, and how many of 100, must score below the"
                + " target for it to reach the top 10");
      }
      case 3 -> {
        // 500 runs of 30 epochs with noisy validation and test curves around the same trend
        boolean everLower = false;
        boolean everHigher = false;
        for (int run = 0; run < 500; run++) {
          double bestValid = Double.NEGATIVE_INFINITY;
          double testAtBestValid = 0;
          double bestTest = Double.NEGATIVE_INFINITY;
          for (int epoch = 1; epoch <= 30; epoch++) {
            double trend = 0.3 * (1 - Math.exp(-epoch / 8.0));
            double valid = trend + 0.01 * random.nextGaussian();
            double test = trend + 0.01 * random.nextGaussian();
            if (valid > bestValid) {
              bestValid = valid;
              testAtBestValid = test;
            }
            bestTest = Math.max(bestTest, test);
          }
          everLower |= bestTest < testAtBestValid;
          everHigher |= bestTest > testAtBestValid;
        }
        String outcome = everLower ? "c" : everHigher ? "a" : "b";
        return choice(outcome,
            "b", "the best test value over all epochs includes the epoch that validation chose",
            "c", "the best test value over all epochs is a maximum over a set that includes the"
                + " epoch validation chose");
      }
      default -> throw noQuestion("7.2", question, 3);
    }
  }

  /** 7.3: the mean of a − b and its standard error, s.d. (with n − 1) over √n. */
  private static double[] pairedDifference(Inputs.Paired in) {
    int n = in.a().length;
    double[] diff = new double[n];
    for (int i = 0; i < n; i++) {
      diff[i] = in.a()[i] - in.b()[i];
    }
    double mean = Arrays.stream(diff).average().orElseThrow();
    double squares = 0;
    for (double v : diff) {
      squares += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(squares / (n - 1)) / Math.sqrt(n)};
  }

  private static LeaveOneOutSplit oneUser(int[] history) {
    int numItems = Arrays.stream(history).max().getAsInt();
    return new LeaveOneOutSplit(new SequenceDataset("check", numItems, new int[][] {history}));
  }

  private static int[][] trainingRows(Inputs.Training in) {
    TrainingSamples samples = new TrainingSamples(oneUser(in.history()));
    int[] all = IntStream.range(0, samples.size()).toArray();
    int[] flat = new BatchFactory(in.maxLength()).trainingBatch(samples, all).items();
    int[][] rows = new int[all.length][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOfRange(flat, r * in.maxLength(), (r + 1) * in.maxLength());
    }
    return rows;
  }

  private static double[][] causalAttention(Inputs.Attention in) {
    int n = in.ids().length;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = matrix(manager, in.logits()).reshape(1, 1, n, n);
      NDArray mask = AttentionMasks.causalPadding(manager.create(in.ids(), new Shape(1, n)));
      return square(logits.add(mask).softmax(-1).toFloatArray(), n);
    }
  }

  /**
   * δ = min over pairs of rows t, t' of Σ_s min(A[t][s], A[t'][s]), the weight every two rows
   * share (chapter 2, section 2), computed directly: the library has no such function.
   */
  private static double sharedWeight(double[][] a) {
    double delta = Double.POSITIVE_INFINITY;
    for (double[] row : a) {
      for (double[] other : a) {
        double shared = 0;
        for (int s = 0; s < row.length; s++) {
          shared += Math.min(row[s], other[s]);
        }
        delta = Math.min(delta, shared);
      }
    }
    return delta;
  }

  private static double[] lagWeights(Inputs.Lags in) {
    int n = in.scores().length;
    AutoCorrelationAttention attention =
        new AutoCorrelationAttention(new FrequencyBand(0, n / 2 + 1), n, in.k());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray scores = manager.create(floats(in.scores()), new Shape(1, n));
      NDList chosen = attention.selectLags(scores, false);
      long[] lags = chosen.get(0).toType(DataType.INT64, false).toLongArray();
      float[] w = chosen.get(1).toFloatArray();
      double[] u = new double[n];
      for (int i = 0; i < lags.length; i++) {
        u[(int) lags[i]] = w[i];
      }
      return u;
    }
  }

  private static double[][] aggregate(double[][] values, int[] lags, double[] weights) {
    int n = values.length;
    AutoCorrelationAttention attention =
        new AutoCorrelationAttention(new FrequencyBand(0, n / 2 + 1), n, lags.length);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray v = matrix(manager, values).expandDims(0);
      long[] lagArray = Arrays.stream(lags).asLongStream().toArray();
      NDArray out = attention.aggregate(v, manager.create(lagArray, new Shape(1, lags.length)),
          manager.create(floats(weights), new Shape(1, weights.length)));
      return square(out.toFloatArray(), n, values[0].length);
    }
  }

  /**
   * LayerNorm(x + Dense((1 − α)·A_freq + α·A_time)) with DJL's own dense product and LayerNorm
   * (docs/model.md §5): the library's sub-layer is a block with its own parameters, so the
   * reference applies the same operations to the given weights.
   */
  private static double[][] mixAndNormalise(Inputs.Mix in) {
    int n = in.x().length;
    int d = in.x()[0].length;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray mixed = matrix(manager, in.frequency()).mul(1 - in.alpha())
          .add(matrix(manager, in.time()).mul(in.alpha()));
      NDArray dense = mixed.matMul(matrix(manager, in.denseWeight()).transpose())
          .add(manager.create(floats(in.denseBias())));
      NDArray sum = dense.add(matrix(manager, in.x())).reshape(1, n, d);
      NDArray normed = LayerNorm.layerNorm(sum, new Shape(d),
              manager.create(floats(in.normGain())), manager.create(floats(in.normBias())),
              (float) in.epsilon())
          .singletonOrThrow();
      return square(normed.toFloatArray(), n, d);
    }
  }

  private static double ndcg(Inputs.Ranks in) {
    RankingMetrics metrics = new RankingMetrics(in.k());
    for (long rank : in.ranks()) {
      metrics.add(rank);
    }
    return metrics.values().get("NDCG@" + in.k());
  }

  private static double scalar(Function<NDManager, NDArray> f) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return f.apply(manager).getFloat();
    }
  }

  private static double[][] identity(int n) {
    double[][] eye = new double[n][n];
    for (int i = 0; i < n; i++) {
      eye[i][i] = 1;
    }
    return eye;
  }

  private static NDArray matrix(NDManager manager, double[][] rows) {
    float[][] f = new float[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      f[r] = floats(rows[r]);
    }
    return manager.create(f);
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  private static double[][] square(float[] flat, int n) {
    return square(flat, n, n);
  }

  private static double[][] square(float[] flat, int rows, int columns) {
    double[][] out = new double[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        out[r][c] = flat[r * columns + c];
      }
    }
    return out;
  }
}
