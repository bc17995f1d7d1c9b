package io.github.fearec.cli;

import io.github.fearec.train.Recommender;
import io.github.fearec.config.Choice;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.config.ConfigSchema;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.train.TrainConfig;

/**
 * Everything a run is configured by, staged while keys are applied: which model, which data, the
 * architecture, the training and the evaluation settings. {@link ConfigKeys} documents and sets every field.
 */
final class Settings {

  /** Which model: its encoder and the objective it trains with by default. */
  Recommender model;

  /** "synthetic" or a path to a .txt / .inter file or a RecBole dataset folder. */
  String data = "synthetic";

  /** Minimum interactions per user and item; 0 switches filtering off. */
  int kCore = 5;

  /** "cpu", "gpu" or "gpu:N". */
  String device = "cpu";

  /** Shapes the embedded synthetic dataset when {@link #data} is "synthetic". */
  final ConfigSchema<SyntheticConfig>.Staged synthetic =
      SyntheticConfig.SETTINGS.stage(SyntheticConfig.DEFAULTS);

  final ConfigSchema<ModelConfig>.Staged architecture =
      ModelConfig.SETTINGS.stage(ModelConfig.defaults());
  final ConfigSchema<TrainConfig>.Staged training;
  final ConfigSchema<EvalConfig>.Staged evaluation = EvalConfig.SETTINGS.stage(EvalConfig.DEFAULTS);

  Settings(Recommender model) {
    this.model = model;
    this.training = TrainConfig.SETTINGS.stage(model.trainingDefaults());
  }

  /** The model a user named, ignoring case; anything else is refused with the names expected. */
  static Recommender model(String name) {
    try {
      return Choice.parse(Recommender.class, name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("model = " + Excerpt.of(name) + ": expected " + e.getMessage());
    }
  }
}
