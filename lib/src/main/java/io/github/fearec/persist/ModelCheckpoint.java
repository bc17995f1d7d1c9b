package io.github.fearec.persist;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.fearec.ConfigException;
import io.github.fearec.files.Checksums;
import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.spectral.LagSelection;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Trained weights on disk: {@code model.json} (format version, model type, item count,
 * architecture) and {@code model.params} (DJL's parameter format), each written durably (a
 * temporary file, fsync, rename; {@link DurableFiles}), then {@code model.sha256} with both files'
 * SHA-256, checked on load (models saved before it existed have none and load unverified). Loaded
 * weights must be finite.
 */
public final class ModelCheckpoint {

  static final int FORMAT = 1;
  static final String DESCRIPTION = "model.json";
  static final String WEIGHTS = "model.params";
  static final String CHECKSUMS = "model.sha256";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private ModelCheckpoint() {}

  /** The files a saved model consists of, for tools that move or replace run directories. */
  public static List<String> fileNames() {
    return List.of(DESCRIPTION, WEIGHTS, CHECKSUMS);
  }

  /** What {@code model.json} holds. */
  public record Description(int format, ModelType model, int numItems, ModelConfig config) {}

  public static void save(NextItemModel model, Path directory) {
    try {
      Files.createDirectories(directory);
      Description d = new Description(FORMAT, model.type(), model.numItems(), model.config());
      DurableFiles.replace(directory.resolve(DESCRIPTION), GSON.toJson(d));
      DurableFiles.replace(
          directory.resolve(WEIGHTS),
          raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            model.encoder().saveParameters(out);
            out.flush();
          });
      Checksums.write(directory, CHECKSUMS, List.of(DESCRIPTION, WEIGHTS));
    } catch (IOException e) {
      throw OutputException.of(
          directory.resolve(WEIGHTS), e, "a writable run directory with free space");
    }
  }

  /**
   * Loads a checkpoint.
   *
   * @param expectedItems the item count of the data it will score; a different count is an error
   *     (the ids would mean other items)
   * @throws CheckpointException when files are missing, damaged or do not fit
   */
  public static NextItemModel load(Path directory, int expectedItems, Device device) {
    Description d = describe(directory);
    return load(directory, d, d.config(), expectedItems, device);
  }

  /**
   * Loads a checkpoint to score with other lags than those it was saved with ({@code
   * inference_lags}, docs/model.md §4): the weights do not depend on that choice.
   *
   * @see #load(Path, int, Device)
   */
  public static NextItemModel loadWithInferenceLags(
      Path directory, int expectedItems, Device device, LagSelection inferenceLags) {
    Description d = describe(directory);
    if (d.model() != ModelType.FEAREC) {
      throw new ConfigException(
          "inference_lags does not apply: " + directory.resolve(DESCRIPTION) + " holds a "
              + d.model().id() + " model, which has no frequency attention; expected a fearec"
              + " checkpoint");
    }
    return load(
        directory, d, d.config().with("inference_lags", inferenceLags.id()), expectedItems, device);
  }

  /**
   * The weights of {@code directory}, described by {@code d}, in a model of {@code config}: d's
   * own, or one that differs only in how it scores.
   */
  private static NextItemModel load(
      Path directory, Description d, ModelConfig config, int expectedItems, Device device) {
    if (d.numItems() != expectedItems) {
      throw new CheckpointException(
          directory + ": the checkpoint was trained on " + d.numItems() + " items but the data has "
              + expectedItems + "; expected the dataset it was trained on, with the same k-core"
              + " filtering");
    }
    Path weights = directory.resolve(WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      throw new CheckpointException(
          weights + ": missing; expected the weights 'fearec train' writes next to " + DESCRIPTION);
    }
    NextItemModel model = NextItemModel.create(d.model(), config, d.numItems(), device);
    List<Shape> expected = shapes(model);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
      model.encoder().loadParameters(model.manager(), in);
      // DJL loads whatever shapes the file holds; they must be those model.json describes
      String mismatch = mismatch(expected, shapes(model));
      if (mismatch == null && in.read() != -1) {
        mismatch = "bytes follow the last parameter";
      }
      if (mismatch == null) {
        // after the structural checks, whose messages say more about a file from another run
        requireIntact(directory);
      }
      List<NDArray> params = model.parameterArrays();
      for (int i = 0; mismatch == null && i < params.size(); i++) {
        NDArray p = params.get(i);
        if (!allFinite(p.toFloatArray())) {
          throw new CheckpointException(
              weights + ": parameter " + i + " (shape " + p.getShape() + ") holds NaN or infinite"
                  + " values; expected finite weights (training never saves a diverged model)");
        }
      }
      if (mismatch != null) {
        throw new CheckpointException(
            weights + ": the weights belong to another configuration (" + mismatch + ");"
                + " expected the weights of the architecture in " + DESCRIPTION);
      }
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      if (e instanceof CheckpointException c) {
        throw c;
      }
      throw new CheckpointException(
          weights + ": cannot be read (" + OutputException.reason(e) + "), it is truncated, damaged or"
              + " belongs to another configuration; expected the " + WEIGHTS + " saved together"
              + " with " + DESCRIPTION);
    }
  }

  private static boolean allFinite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Checks the files against {@code model.sha256} when the model was saved with one. */
  private static void requireIntact(Path directory) {
    Checksums.Verification check;
    try {
      check = Checksums.verify(directory, CHECKSUMS);
    } catch (IOException e) {
      throw new CheckpointException(
          directory + ": the model files cannot be read (" + OutputException.reason(e) + ")");
    }
    if (!check.ok()) {
      throw new CheckpointException(
          String.join("; ", check.problems()) + "; expected the model as 'fearec train' saved it");
    }
  }

  /** The first difference between the shapes model.json implies and those loaded, or null. */
  private static String mismatch(List<Shape> expected, List<Shape> loaded) {
    if (expected.size() != loaded.size()) {
      return loaded.size() + " parameter arrays where " + DESCRIPTION + " implies "
          + expected.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(loaded.get(i))) {
        return "parameter " + i + " has shape " + loaded.get(i) + " where " + DESCRIPTION
            + " implies " + expected.get(i);
      }
    }
    return null;
  }

  private static List<Shape> shapes(NextItemModel model) {
    return model.parameterArrays().stream().map(NDArray::getShape).toList();
  }

  /**
   * Reads and checks {@code model.json} of {@code directory}.
   *
   * @throws CheckpointException when it is missing, damaged or describes an invalid configuration
   */
  public static Description describe(Path directory) {
    Path file = directory.resolve(DESCRIPTION);
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(
          file + ": missing; expected a checkpoint directory written by 'fearec train'");
    }
    try {
      Description d = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Description.class);
      if (d == null || d.format() != FORMAT || d.model() == null || d.config() == null) {
        throw new CheckpointException(
            file + ": not a checkpoint description; expected format " + FORMAT + " with a model"
                + " type and its configuration, as 'fearec train' writes it");
      }
      // Gson calls the constructor directly, which checks only combinations of values
      ModelConfig checked = ModelConfig.SETTINGS.validate(d.config());
      return new Description(d.format(), d.model(), d.numItems(), checked);
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          file + ": cannot be read (" + OutputException.reason(e) + "); expected the JSON description"
              + " 'fearec train' writes");
    } catch (ConfigException e) {
      throw invalidConfig(file, e);
    } catch (RuntimeException e) {
      // Gson builds records through their validating constructors and wraps what they throw.
      if (e.getCause() instanceof ConfigException c) {
        throw invalidConfig(file, c);
      }
      throw e;
    }
  }

  private static CheckpointException invalidConfig(Path file, ConfigException e) {
    return new CheckpointException(file + ": invalid configuration: " + e.getMessage());
  }
}
