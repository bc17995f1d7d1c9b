package io.github.fearec.cli;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import io.github.fearec.config.ConfigSchema;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.persist.CheckpointException;
import io.github.fearec.train.MemoryCheck;
import io.github.fearec.persist.ModelCheckpoint;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code fearec evaluate} checks about a checkpoint before it loads the weights: that its
 * {@code model.json} describes the model the run's {@code config.properties} says was trained
 * (the same model and every architecture key both files hold; a model.json copied in from another
 * run would otherwise be trusted as long as the weights fit it), and that scoring it fits in
 * memory ({@link MemoryCheck}).
 *
 * <p>A key is compared only where both files name it: a run written before the key existed has it
 * in neither file and loads with its default, which is no disagreement.
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
      Set<String> recorded = keysIn(config);
      Set<String> described = fieldsIn(checkpoint.resolve("model.json"));
      ModelConfig run = settings.architecture.build();
      List<ConfigSchema.Key> keys = ModelConfig.SETTINGS.keys();
      RecordComponent[] components = ModelConfig.class.getRecordComponents();
      for (int i = 0; i < keys.size(); i++) {
        ConfigSchema.Key key = keys.get(i);
        if (!recorded.contains(key.name()) || !described.contains(jsonName(components[i]))
            || ConfigKeys.whyNot(key.scope(), settings) != null) {
          continue;
        }
        String saved = ModelConfig.SETTINGS.text(d.config(), key);
        String kept = ModelConfig.SETTINGS.text(run, key);
        if (!saved.equals(kept)) {
          throw disagree(checkpoint, "describes a " + model + " model with " + key.name() + " = "
              + saved + " where " + config + " has " + key.name() + " = " + kept);
        }
      }
    }
    MemoryCheck.requireEvaluation(
        d.model(), d.config(), settings.evaluation.build().batchSize(), numItems, device);
  }

  /** The keys a run's settings file sets (it is written by the kit: one "key = value" a line). */
  private static Set<String> keysIn(Path config) {
    Set<String> keys = new HashSet<>();
    try {
      for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.strip().startsWith("#")) {
          keys.add(line.substring(0, eq).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the settings were read before; nothing to compare then
    }
    return keys;
  }

  /** The fields of model.json's configuration object. */
  private static Set<String> fieldsIn(Path description) {
    try {
      JsonElement config = JsonParser.parseString(
          Files.readString(description, StandardCharsets.UTF_8)).getAsJsonObject().get("config");
      return config != null && config.isJsonObject()
          ? ((JsonObject) config).keySet() : Set.of();
    } catch (IOException | RuntimeException e) {
      return Set.of(); // describe() has read it; nothing to compare then
    }
  }

  /** The component's name in model.json: Gson's (an annotation of the record's field). */
  private static String jsonName(RecordComponent c) {
    try {
      SerializedName name =
          ModelConfig.class.getDeclaredField(c.getName()).getAnnotation(SerializedName.class);
      return name != null ? name.value() : c.getName();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("a record component without its field: " + c, e);
    }
  }

  private static CheckpointException disagree(Path checkpoint, String problem) {
    return new CheckpointException(
        checkpoint.resolve("model.json") + ": " + problem + "; expected the model.json that"
            + " 'fearec train' wrote with this run's settings (is it a copy from another run?)");
  }
}
