package io.github.fearec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.config.Choice;
import io.github.fearec.nn.ModelType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each model of the kit is an encoder and the objective it trains with by default. */
class RecommenderTest {

  @Test
  void eachModelIsAnEncoderAndItsObjective() {
    assertEquals(List.of("fearec", "sasrec", "sasrec-bce", "duorec", "pop"),
        Choice.ids(Recommender.class));
    // the objectives as docs/results.md's rows state them
    assertEquals(TrainConfig.defaults(ModelType.FEAREC), Recommender.FEAREC.trainingDefaults());
    assertEquals(ContrastiveMode.US_X, Recommender.FEAREC.trainingDefaults().contrastive());
    assertEquals(0.1, Recommender.FEAREC.trainingDefaults().frequencyWeight());
    TrainConfig sasrec = Recommender.SASREC.trainingDefaults();
    assertEquals(NextItemLoss.CE, sasrec.loss());
    assertEquals(ContrastiveMode.NONE, sasrec.contrastive());
    assertEquals(sasrec.with("loss", NextItemLoss.BCE), Recommender.SASREC_BCE.trainingDefaults());
    assertEquals(
        sasrec.with("contrastive", ContrastiveMode.US_X), Recommender.DUOREC.trainingDefaults());
    assertEquals(0.0, Recommender.DUOREC.trainingDefaults().frequencyWeight());
    for (Recommender r : List.of(Recommender.SASREC, Recommender.SASREC_BCE, Recommender.DUOREC)) {
      assertEquals(ModelType.SASREC, r.encoder(), r.id());
    }
    assertEquals(ModelType.FEAREC, Recommender.FEAREC.encoder());
    assertFalse(Recommender.POP.trained());
  }

  @Test
  void namesAreReadIgnoringCaseAndAnUnknownOneIsRefused() {
    assertEquals(Recommender.SASREC_BCE, Choice.parse(Recommender.class, " SASRec-BCE "));
    assertThrows(IllegalArgumentException.class, () -> Choice.parse(Recommender.class, "bert4rec"));
  }
}
