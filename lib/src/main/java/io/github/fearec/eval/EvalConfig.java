package io.github.fearec.eval;

import io.github.fearec.config.ConfigSchema;
import io.github.fearec.config.Scope;
import io.github.fearec.config.Setting;
import java.util.Map;

/**
 * How a model is evaluated: the protocol itself (leave-one-out, full ranking, HR@K and NDCG@K,
 * reported both with and without the users' past items in the ranking) is fixed (docs/model.md
 * §1, §9); these are the two settings a user may change. Apart from {@code
 * TrainConfig}, so that {@code fearec evaluate} configures evaluation without building a training
 * configuration.
 */
public record EvalConfig(
    @Setting(key = "eval_batch_size", init = "256", min = 1, scope = Scope.ALWAYS,
        doc = "users scored per evaluation batch; changes speed and memory, not results")
    int batchSize,
    @Setting(key = "exclude_history", init = "false", scope = Scope.ALWAYS,
        doc = "the ranking protocol that selects the model and fills results.json's plain metrics;"
            + " true: each user's past items removed from the ranking (the FMLP-Rec/BSARec"
            + " code bases), false: kept (the FEARec authors' code); both are always reported")
    boolean excludeHistory) {

  /** The declarations above, read once. */
  public static final ConfigSchema<EvalConfig> SETTINGS = ConfigSchema.of(EvalConfig.class);

  /** 256 users per batch, history kept. */
  public static final EvalConfig DEFAULTS = SETTINGS.defaults();

  /** This configuration with {@code changes} (key to value, text or typed), checked together. */
  public EvalConfig with(Map<String, ?> changes) {
    return SETTINGS.with(this, changes);
  }

  /** This configuration with one setting changed. */
  public EvalConfig with(String key, Object value) {
    return with(Map.of(key, value));
  }
}
