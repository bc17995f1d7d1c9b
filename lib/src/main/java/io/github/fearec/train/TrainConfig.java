package io.github.fearec.train;

import static io.github.fearec.ConfigException.require;

import io.github.fearec.config.ConfigSchema;
import io.github.fearec.config.Scope;
import io.github.fearec.config.Setting;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import java.util.Map;

/**
 * How a model is trained and selected: immutable, validated on construction. Each component
 * declares its key, meaning and default ({@link Setting}); the defaults follow the authors' Beauty
 * run script (docs/model.md §8–9) except where noted, and {@link #defaults(ModelType)} adds
 * FEARec's objective for FEARec.
 */
public record TrainConfig(
    @Setting(key = "epochs", init = "200", min = 1, scope = Scope.NEURAL,
        doc = "maximum number of epochs")
    int epochs,
    @Setting(key = "batch_size", init = "256", min = 1, scope = Scope.NEURAL,
        doc = "training samples per step")
    int batchSize,
    @Setting(key = "learning_rate", init = "0.001", min = 0, minExcluded = true,
        scope = Scope.NEURAL, doc = "Adam's learning rate (no weight decay)")
    double learningRate,
    @Setting(key = "seed", init = "2020", scope = Scope.NEURAL,
        doc = "seeds weights, dropout, shuffling and positive sampling")
    long seed,
    @Setting(key = "patience", init = "10", min = 1, scope = Scope.NEURAL,
        doc = "epochs without a better validation metric before early stopping")
    int patience,
    @Setting(key = "selection_metric", init = "NDCG@10", oneOf = {"NDCG@10", "HR@10"},
        scope = Scope.NEURAL, doc = "validation metric selecting the model")
    String selectionMetric,
    @Setting(key = "loss", init = "ce", scope = Scope.NEURAL,
        doc = "next-item loss (ce: cross-entropy over all items, on prefix samples; bce: SASRec's"
            + " original, one sampled negative per position, loss on every position)")
    NextItemLoss loss,
    @Setting(key = "contrastive", init = "none", scope = Scope.NEURAL,
        doc = "contrastive term (docs/model.md §8; us_x is FEARec's and DuoRec's default)")
    ContrastiveMode contrastive,
    @Setting(key = "contrastive_weight", init = "0.1", min = 0, scope = Scope.NEURAL,
        doc = "λ: weight of the InfoNCE term")
    double contrastiveWeight,
    @Setting(key = "temperature", init = "1", min = 0, minExcluded = true, scope = Scope.NEURAL,
        doc = "τ of InfoNCE")
    double temperature,
    @Setting(key = "frequency_weight", init = "0", min = 0, scope = Scope.NEURAL,
        doc = "weight of the frequency-domain L1 term; 0 = off (FEARec's default 0.1, as the"
            + " paper; the authors' run script leaves it off)")
    double frequencyWeight,
    @Setting(key = "recompute_view", init = "auto", scope = Scope.US_X,
        doc = "recompute us_x's dropout view in the backward pass, so that one pass's activations"
            + " are held at a time: same gradients, one more forward pass (auto: when one"
            + " (B, h, N, N) attention array reaches 64 MiB; docs/benchmarks.md)")
    ViewRecompute recomputeView) {

  /** The declarations above, read once. */
  public static final ConfigSchema<TrainConfig> SETTINGS = ConfigSchema.of(TrainConfig.class);

  /** What the declarations cannot say alone. */
  public TrainConfig {
    // InfoNCE contrasts user vectors of prefix samples; the BCE objective has one sample per user
    // and a prediction at every position, so the two do not combine.
    require(loss != NextItemLoss.BCE || contrastive == ContrastiveMode.NONE, "contrastive",
        contrastive == null ? null : contrastive.id(),
        "none with loss = bce (contrastive terms need loss = ce)");
  }

  /** The defaults for {@code model}: FEARec trains with us_x and the frequency loss. */
  public static TrainConfig defaults(ModelType model) {
    return model == ModelType.FEAREC
        ? SETTINGS.defaults().with(
            Map.of("contrastive", ContrastiveMode.US_X, "frequency_weight", 0.1))
        : SETTINGS.defaults();
  }

  /** This configuration with {@code changes} (key to value, text or typed), checked together. */
  public TrainConfig with(Map<String, ?> changes) {
    return SETTINGS.with(this, changes);
  }

  /**
   * Whether a step over {@code batchSize} sequences of {@code model} recomputes its dropout view:
   * only us_x has one to recompute, and {@link #recomputeView} decides when.
   */
  public boolean recomputesDropoutView(ModelConfig model, long batchSize) {
    return contrastive == ContrastiveMode.US_X && recomputeView.recomputes(model, batchSize);
  }

  /** This configuration with one setting changed. */
  public TrainConfig with(String key, Object value) {
    return with(Map.of(key, value));
  }
}
