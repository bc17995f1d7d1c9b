package io.github.fearec.bench;

import ai.djl.engine.Engine;
import io.github.fearec.data.*;
import io.github.fearec.eval.*;
import io.github.fearec.nn.*;
import io.github.fearec.train.*;

public class Variants {
  public static void main(String[] args) {
    SyntheticConfig config = SyntheticConfig.DEFAULTS.toBuilder().numUsers(Integer.getInteger("users", 500)).numItems(Integer.getInteger("items", 100)).lengths(10, 24).seed(7).build();
    SequenceDataset base = SyntheticDataset.generate(config).dataset();
    if (Integer.getInteger("routines", 0) > 0) {
      java.util.Random r = new java.util.Random(3);
      int routines = Integer.getInteger("routines");
      int items = config.numItems();
      int[][] motifs = new int[routines][];
      for (int i = 0; i < routines; i++) {
        motifs[i] = new int[2 + r.nextInt(6)];
        for (int j = 0; j < motifs[i].length; j++) motifs[i][j] = 1 + r.nextInt(items);
      }
      int[][] seqs = new int[config.numUsers()][];
      for (int u = 0; u < seqs.length; u++) {
        int[] m = motifs[r.nextInt(routines)];
        int off = r.nextInt(m.length);
        seqs[u] = new int[10 + r.nextInt(15)];
        for (int t = 0; t < seqs[u].length; t++) seqs[u][t] = (t >= m.length && r.nextDouble() < 0.1) ? 1 + r.nextInt(items) : m[(t + off) % m.length];
      }
      java.util.Set<Integer> used = new java.util.HashSet<>();
      for (int[] q : seqs) for (int x : q) used.add(x);
      int[] remap = new int[items + 1]; int next = 1;
      for (int i = 1; i <= items; i++) if (used.contains(i)) remap[i] = next++;
      for (int[] q : seqs) for (int t = 0; t < q.length; t++) q[t] = remap[q[t]];
      base = new SequenceDataset("routines", next - 1, seqs);
    }
    LeaveOneOutSplit split = new LeaveOneOutSplit(base);
    try (PopularityRecommender pop = new PopularityRecommender(split)) {
      System.out.println("pop valid NDCG@10 " + new Evaluator(split, new BatchFactory(20), 128, false).evaluate(pop, HeldOut.VALIDATION).get("NDCG@10"));
    }
    TrainingSamples samples = new TrainingSamples(split);
    BatchFactory batches = new BatchFactory(20);
    Evaluator evaluator = new Evaluator(split, batches, 128, false);
    for (String spec : args) {
      String[] p = spec.split(":");
      ModelConfig mc = ModelConfig.builder().maxLength(20).hiddenSize(32).innerSize(64).hiddenDropout(0.2).attentionDropout(0.2)
          .spatialRatio(Double.parseDouble(p[1])).bandLimitedTime(Boolean.parseBoolean(p[2])).build();
      ModelType type = ModelType.valueOf(p[0]);
      TrainConfig tc = TrainConfig.builder(type).contrastive(ContrastiveMode.parse(p[3])).frequencyWeight(0).contrastiveWeight(p.length > 5 ? Double.parseDouble(p[5]) : 0.1).epochs(Integer.parseInt(p[4])).batchSize(p.length > 6 ? Integer.parseInt(p[6]) : 128).patience(99).build();
      Engine.getInstance().setRandomSeed(2020);
      try (RecommenderModel model = RecommenderModel.create(type, mc, split.dataset().numItems(), null)) {
        long t0 = System.nanoTime();
        var out = new ModelTrainer(tc, new TrainingListener() {}).fit(model, samples, batches, evaluator);
        var last = out.epochs().get(out.epochs().size() - 1);
        System.out.printf("%s: CE %.3f -> %.3f, best val NDCG@10 %.4f, %.1f s%n", spec, out.epochs().get(0).loss().crossEntropy(), last.loss().crossEntropy(), out.bestValidation().get("NDCG@10"), (System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
