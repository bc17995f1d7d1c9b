package io.github.fearec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/**
 * With α = 1 and the time branch unfiltered, FEARec's hybrid attention is exactly SASRec's causal
 * attention (docs/model.md §5, §10), and both encoders create their parameters in the same order, so the same
 * seed must give the same scores. This ties the two implementations together.
 */
class ModelEquivalenceTest {

  @Test
  void fearecWithOnlyUnfilteredTimeAttentionIsSasrec() {
    ModelConfig base =
        ModelConfig.builder().maxLength(8).hiddenSize(8).numHeads(2).innerSize(16).build();
    ModelConfig timeOnly = base.toBuilder().spatialRatio(1).bandLimitedTime(false).build();
    int[][] rows = {{1, 2, 3, 4, 5, 0, 0, 0}, {6, 7, 8, 9, 1, 2, 3, 4}};
    long[] lengths = {5, 8};
    Engine.getInstance().setRandomSeed(9);
    float[] sasrec;
    try (RecommenderModel m = RecommenderModel.create(ModelType.SASREC, base, 9, null)) {
      sasrec = SequenceEncoderTest.scores(m, rows, lengths, false);
    }
    Engine.getInstance().setRandomSeed(9);
    try (RecommenderModel m = RecommenderModel.create(ModelType.FEAREC, timeOnly, 9, null)) {
      assertArrayEquals(sasrec, SequenceEncoderTest.scores(m, rows, lengths, false), 1e-6f);
    }
  }
}
