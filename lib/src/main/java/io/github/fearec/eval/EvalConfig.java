package io.github.fearec.eval;

import io.github.fearec.ConfigException;

/**
 * How a model is evaluated: the protocol itself (leave-one-out, full ranking, HR@K and NDCG@K) is
 * fixed (docs/model.md §9); these are the two settings a user may change. Apart from {@code
 * TrainConfig}, so that {@code fearec evaluate} configures evaluation without building a training
 * configuration.
 *
 * @param batchSize users scored per batch (default 256); changes speed and memory, not results
 * @param excludeHistory whether the user's past items are removed from the ranking (default false:
 *     kept, as the authors' code does, which lowers every metric a little)
 */
public record EvalConfig(int batchSize, boolean excludeHistory) {

  /** 256 users per batch, history kept. */
  public static final EvalConfig DEFAULTS = new EvalConfig(256, false);

  public EvalConfig {
    ConfigException.require(batchSize >= 1, "eval_batch_size", batchSize, "an integer >= 1");
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int batchSize;
    private boolean excludeHistory;

    private Builder(EvalConfig c) {
      batchSize = c.batchSize;
      excludeHistory = c.excludeHistory;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder excludeHistory(boolean v) {
      excludeHistory = v;
      return this;
    }

    public EvalConfig build() {
      return new EvalConfig(batchSize, excludeHistory);
    }
  }
}
