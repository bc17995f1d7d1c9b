package io.github.fearec.train;

import static io.github.fearec.ConfigException.require;

import io.github.fearec.nn.ModelType;
import java.util.Set;

/**
 * How a model is trained and selected: immutable, validated on construction. Defaults follow the
 * authors' Beauty run script (docs/model.md §8–9) except where noted.
 *
 * @param epochs the maximum number of epochs (default 200)
 * @param batchSize training samples per step (default 256)
 * @param learningRate Adam's learning rate (default 0.001; no weight decay)
 * @param seed seeds weights, dropout, shuffling and positive sampling (default 2020)
 * @param patience epochs without a better validation metric before stopping (default 10)
 * @param selectionMetric the validation metric that selects the model: NDCG@10 (default) or HR@10
 * @param loss how the next item is scored: cross-entropy over all items (default) or SASRec's
 *     original binary cross-entropy with one sampled negative on every position
 * @param contrastive the contrastive term (default us_x for FEARec, none for SASRec)
 * @param contrastiveWeight λ (default 0.1)
 * @param temperature τ of InfoNCE (default 1)
 * @param frequencyWeight weight of the frequency-domain L1 term; 0 switches it off (default 0.1,
 *     as the paper; the authors' run script leaves it off)
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int patience,
    String selectionMetric,
    NextItemLoss loss,
    ContrastiveMode contrastive,
    double contrastiveWeight,
    double temperature,
    double frequencyWeight) {

  /** The metrics a model can be selected on. */
  public static final Set<String> SELECTION_METRICS = Set.of("NDCG@10", "HR@10");

  public TrainConfig {
    require(epochs >= 1, "epochs", epochs, "an integer >= 1");
    require(batchSize >= 1, "batch_size", batchSize, "an integer >= 1");
    require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate", learningRate,
        "a finite number > 0");
    require(patience >= 1, "patience", patience, "an integer >= 1");
    require(SELECTION_METRICS.contains(selectionMetric), "selection_metric", selectionMetric,
        "one of " + SELECTION_METRICS);
    require(loss != null, "loss", loss, "ce or bce");
    require(contrastive != null, "contrastive", contrastive, "one of none, un, su, us, us_x");
    // InfoNCE contrasts user vectors of prefix samples; the BCE objective has one sample per user
    // and a prediction at every position, so the two do not combine.
    require(loss == NextItemLoss.CE || contrastive == ContrastiveMode.NONE, "contrastive",
        contrastive.id(), "none with loss = bce (contrastive terms need loss = ce)");
    require(contrastiveWeight >= 0, "contrastive_weight", contrastiveWeight, "a number >= 0");
    require(temperature > 0, "temperature", temperature, "a number > 0");
    require(frequencyWeight >= 0, "frequency_weight", frequencyWeight, "a number >= 0");
  }

  /** The defaults for {@code model}: FEARec trains with us_x contrast, SASRec with CE only. */
  public static TrainConfig defaults(ModelType model) {
    return builder(model).build();
  }

  /** A builder holding the defaults for {@code model}. */
  public static Builder builder(ModelType model) {
    return new Builder(model);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable staging for a {@link TrainConfig}; {@link #build()} validates. */
  public static final class Builder {
    private int epochs = 200;
    private int batchSize = 256;
    private double learningRate = 1e-3;
    private long seed = 2020;
    private int patience = 10;
    private String selectionMetric = "NDCG@10";
    private NextItemLoss loss = NextItemLoss.CE;
    private ContrastiveMode contrastive;
    private double contrastiveWeight = 0.1;
    private double temperature = 1.0;
    private double frequencyWeight;

    private Builder(ModelType model) {
      boolean fearec = model == ModelType.FEAREC;
      contrastive = fearec ? ContrastiveMode.US_X : ContrastiveMode.NONE;
      frequencyWeight = fearec ? 0.1 : 0.0;
    }

    private Builder(TrainConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      learningRate = c.learningRate;
      seed = c.seed;
      patience = c.patience;
      selectionMetric = c.selectionMetric;
      loss = c.loss;
      contrastive = c.contrastive;
      contrastiveWeight = c.contrastiveWeight;
      temperature = c.temperature;
      frequencyWeight = c.frequencyWeight;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
      return this;
    }

    public Builder selectionMetric(String v) {
      selectionMetric = v;
      return this;
    }

    public Builder loss(NextItemLoss v) {
      loss = v;
      return this;
    }

    public Builder contrastive(ContrastiveMode v) {
      contrastive = v;
      return this;
    }

    public Builder contrastiveWeight(double v) {
      contrastiveWeight = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder frequencyWeight(double v) {
      frequencyWeight = v;
      return this;
    }


    public TrainConfig build() {
      return new TrainConfig(
          epochs,
          batchSize,
          learningRate,
          seed,
          patience,
          selectionMetric,
          loss,
          contrastive,
          contrastiveWeight,
          temperature,
          frequencyWeight);
    }
  }
}
