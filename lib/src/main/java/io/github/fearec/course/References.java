package io.github.fearec.course;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import io.github.fearec.accel.ShortSequenceRoute;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.RankingMetrics;
import io.github.fearec.nn.AttentionMasks;
import io.github.fearec.spectral.AutoCorrelationAttention;
import io.github.fearec.spectral.DirectSpectra;
import io.github.fearec.spectral.FrequencyBand;
import io.github.fearec.spectral.FrequencyRamp;
import io.github.fearec.train.Losses;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
    // Chapter 2: self-attention is a low-pass filter
    add("2.1", "energy per DFT bin", double[].class, DirectSpectra::energy,
        Comparisons.doubles(1e-9));
    add("2.2", "the weight two rows share", double[][].class,
        References::sharedWeight, Comparisons.closeTo(1e-9));
    add("2.3", "a causal attention matrix", Inputs.Attention.class,
        References::causalAttention, Comparisons.doubleRows(1e-5));
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
    // Chapter 4: FFT auto-correlation
    add("4.1", "correlation through the DFT", Inputs.Pair.class,
        in -> DirectSpectra.circularCrossCorrelation(in.q(), in.k()), Comparisons.doubles(1e-9));
    add("4.2", "top-k lags and their weights", Inputs.Lags.class,
        References::lagWeights, Comparisons.doubles(1e-5));
    add("4.3", "time-delay aggregation", Inputs.Aggregation.class,
        in -> aggregate(in.values(), in.lags(), in.weights()), Comparisons.doubleRows(1e-5));
    // Chapter 5: the FEA layer
    add("5.1", "the frequency branch as a matrix", Inputs.LagMatrix.class,
        in -> aggregate(identity(in.n()), in.lags(), in.weights()), Comparisons.doubleRows(1e-5));
    add("5.2", "the alpha-mix and the output sub-layer", Inputs.Mix.class,
        References::mixAndNormalise, Comparisons.doubleRows(1e-4));
    add("5.3", "a whole FEA layer", FeaLayerCase.class,
        FeaLayerCase::libraryOutput, Comparisons.doubleRows(1e-3));
    // Chapter 6: contrastive training
    add("6.1", "NDCG@K", Inputs.Ranks.class, References::ndcg, Comparisons.closeTo(1e-9));
    add("6.2", "the frequency L1 term", Inputs.Views.class,
        in -> scalar(m -> Losses.frequencyL1(matrix(m, in.z1()), matrix(m, in.z2()))),
        Comparisons.closeTo(1e-5));
    add("6.3", "InfoNCE", Inputs.Nce.class,
        in -> scalar(m -> Losses.infoNce(matrix(m, in.z1()), matrix(m, in.z2()), in.tau())),
        Comparisons.closeTo(1e-4));
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
