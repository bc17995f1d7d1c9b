package io.github.fearec.cli;

import ai.djl.Device;
import io.github.fearec.config.ConfigSchema;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.train.CheckpointException;
import io.github.fearec.train.MemoryCheck;
import io.github.fearec.train.ModelCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code fearec evaluate} checks about a checkpoint before it loads the weights: that its
 * {@code model.json} describes the model the run's {@code config.properties} says was trained
 * (the same model and every architecture key that applies to it; a model.json copied in from
 * another run would otherwise be trusted as long as the weights fit it), and that scoring it fits
 * in memory ({@link MemoryCheck}).
 */
final class CheckpointSettings {

  private CheckpointSettings() {}

  /**
   * Checks, before any data is read, that {@code checkpoint} is a directory with a readable
   * model.json.
   *
   * @throws CheckpointException naming what is missing
   */
  static void requireCheckpoint(Path checkpoint) {
    if (!Files.isDirectory(checkpoint)) {
      throw new CheckpointException(
          checkpoint + ": " + (Files.exists(checkpoint) ? "not a directory" : "no such directory")
              + "; expected the output directory of a 'fearec train' run (it holds model.json and"
              + " model.params)");
    }
    ModelCheckpoint.describe(checkpoint);
  }

  /**
   * @param settings the run's settings (its config.properties, with evaluate's own options)
   * @throws CheckpointException when model.json and config.properties disagree
   */
  static void require(Path checkpoint, Settings settings, int numItems, Device device) {
    ModelCheckpoint.Description d = ModelCheckpoint.describe(checkpoint);
    Path config = checkpoint.resolve(RunDirectory.CONFIG);
    if (Files.isRegularFile(config)) {
      String model = d.model().id();
      if (settings.model.encoder() != d.model()) {
        throw disagree(checkpoint, "describes a " + model + " model where " + config
            + " has model = " + settings.model.id());
      }
      ModelConfig run = settings.architecture.build();
      for (ConfigSchema.Key key : ModelConfig.SETTINGS.keys()) {
        if (ConfigKeys.whyNot(key.scope(), settings) != null) {
          continue; // not recorded for this model
        }
        String saved = ModelConfig.SETTINGS.text(d.config(), key);
        String recorded = ModelConfig.SETTINGS.text(run, key);
        if (!saved.equals(recorded)) {
          throw disagree(checkpoint, "describes a " + model + " model with " + key.name() + " = "
              + saved + " where " + config + " has " + key.name() + " = " + recorded);
        }
      }
    }
    MemoryCheck.requireEvaluation(
        d.model(), d.config(), settings.evaluation.build().batchSize(), numItems, device);
  }

  private static CheckpointException disagree(Path checkpoint, String problem) {
    return new CheckpointException(
        checkpoint.resolve("model.json") + ": " + problem + "; expected the model.json that"
            + " 'fearec train' wrote with this run's settings (is it a copy from another run?)");
  }
}
