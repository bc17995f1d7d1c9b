package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.github.fearec.data.BatchFactory;
import io.github.fearec.data.HeldOut;
import io.github.fearec.data.LeaveOneOutSplit;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.data.TrainingSamples;
import io.github.fearec.eval.EvaluationResult;
import io.github.fearec.eval.Evaluator;
import io.github.fearec.eval.ModelScorer;
import io.github.fearec.eval.PopularityScorer;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end training on a small synthetic dataset whose next item is the one a period back
 * (2–7 steps) 90 % of the time, with item popularity only mildly skewed. Popularity therefore
 * ranks the target in its top 10 for roughly one user in ten, whereas any model that reads order
 * can learn "repeat the item p steps back" and hit far more often. After six epochs both models
 * were measured about 0.18 NDCG@10 above popularity (0.32 vs 0.14); the asserted margin, 0.08, leaves
 * room for other seeds and thread counts.
 */
class ModelTrainerTest {

  private static LeaveOneOutSplit split;
  private static TrainingSamples samples;
  private static BatchFactory batches;
  private static Evaluator evaluator;
  private static EvaluationResult popularity;

  private static final ModelConfig ARCHITECTURE =
      ModelConfig.defaults().with(Map.of(
              "max_length", 20,
              "hidden_size", 32,
              "inner_size", 64,
              "hidden_dropout", 0.2,
              "attention_dropout", 0.2));

  @BeforeAll
  static void data() {
    SyntheticConfig config =
        SyntheticConfig.DEFAULTS.with(Map.of(
                "synthetic_users", 500,
                "synthetic_items", 100,
                "synthetic_min_length", 10,
                "synthetic_max_length", 24,
                "synthetic_seed", 7));
    split = new LeaveOneOutSplit(SyntheticDataset.generate(config).dataset());
    samples = new TrainingSamples(split);
    batches = new BatchFactory(ARCHITECTURE.maxLength());
    evaluator = new Evaluator(split, batches, 128, false);
    try (PopularityScorer pop = new PopularityScorer(split)) {
      popularity = evaluator.evaluate(pop, HeldOut.TEST);
    }
  }

  @Test
  void sasrecLowersItsLossAndBeatsPopularity() {
    EvaluationResult test = train(ModelType.SASREC, TrainConfig.defaults(ModelType.SASREC), 6, 0.5);
    assertTrue(
        test.get("NDCG@10") > popularity.get("NDCG@10") + 0.08,
        "SASRec " + test.get("NDCG@10") + " vs popularity " + popularity.get("NDCG@10"));
  }

  /**
   * FEARec with both extra loss terms switched on: dropout-view InfoNCE ("un") and the frequency
   * L1. With these, FEARec learns the periodic structure as SASRec does, but how far it gets in
   * six epochs depends on the dropout masks: over four mask streams the cross-entropy fell by
   * 0.40–0.55 and validation NDCG@10 reached 0.22–0.33 (popularity: 0.14). The bounds leave room
   * for that spread.
   */
  @Test
  void fearecTrainsWithoutNaNAndBeatsPopularity() {
    TrainConfig config = TrainConfig.defaults(ModelType.FEAREC)
        .with(Map.of("contrastive", ContrastiveMode.UN, "frequency_weight", 0.1));
    EvaluationResult test = train(ModelType.FEAREC, config, 6, 0.3);
    assertTrue(
        test.get("NDCG@10") > popularity.get("NDCG@10") + 0.04,
        "FEARec " + test.get("NDCG@10") + " vs popularity " + popularity.get("NDCG@10"));
  }

  /**
   * The paper's objective (semantic positives, "us_x"). On this dataset every user's motif is
   * private, so two sequences with the same target share nothing else and the InfoNCE term pulls
   * unrelated histories together: measured, the cross-entropy falls several times more slowly than
   * without it. Only what holds regardless is asserted: three epochs of finite, falling loss.
   */
  @Test
  void fearecWithSemanticPositivesKeepsItsLossFinite() {
    train(ModelType.FEAREC, TrainConfig.defaults(ModelType.FEAREC), 3, 0.05);
  }

  /** Trains for {@code epochs} and checks that the cross-entropy fell by at least {@code drop}. */
  private static EvaluationResult train(
      ModelType type, TrainConfig config, int epochs, double drop) {
    Engine.getInstance().setRandomSeed(2020);
    TrainConfig training =
        config.with(Map.of("epochs", epochs, "batch_size", 128, "patience", epochs));
    try (NextItemModel model = NextItemModel.create(type, ARCHITECTURE, split.dataset().numItems(), null)) {
      ModelTrainer.Outcome outcome =
          new ModelTrainer(training, new ConsoleProgress(System.out, false, epochs))
              .fit(model, samples, batches, evaluator);
      List<EpochRecord> epochsRun = outcome.epochs();
      assertEquals(epochs, epochsRun.size());
      for (EpochRecord r : epochsRun) {
        assertTrue(r.loss().isFinite(), "epoch " + r.epoch() + " loss " + r.loss());
      }
      double first = epochsRun.get(0).loss().crossEntropy();
      double last = epochsRun.get(epochsRun.size() - 1).loss().crossEntropy();
      assertTrue(last < first - drop, type + " cross-entropy went from " + first + " to " + last);
      EvaluationResult test = evaluator.evaluate(new ModelScorer(model), HeldOut.TEST);
      System.out.printf(
          "%s test NDCG@10 %.4f (popularity %.4f), best epoch %d%n",
          type, test.get("NDCG@10"), popularity.get("NDCG@10"), outcome.bestEpoch());
      return test;
    }
  }
}
