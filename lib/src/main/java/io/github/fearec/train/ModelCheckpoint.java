package io.github.fearec.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.fearec.ConfigException;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.RecommenderModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Trained weights on disk: {@code model.json} (format version, model type, item count,
 * architecture) and {@code model.params} (DJL's parameter format). Both are written to a temporary
 * file first and renamed, so an interrupted save never leaves a half-written checkpoint.
 */
public final class ModelCheckpoint {

  static final int FORMAT = 1;
  static final String DESCRIPTION = "model.json";
  static final String WEIGHTS = "model.params";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private ModelCheckpoint() {}

  /** What {@code model.json} holds. */
  record Description(int format, ModelType model, int numItems, ModelConfig config) {}

  public static void save(RecommenderModel model, Path directory) {
    try {
      Files.createDirectories(directory);
      Description d = new Description(FORMAT, model.type(), model.numItems(), model.config());
      writeAtomically(
          directory.resolve(DESCRIPTION),
          tmp -> Files.writeString(tmp, GSON.toJson(d), StandardCharsets.UTF_8));
      writeAtomically(
          directory.resolve(WEIGHTS),
          tmp -> {
            try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
              model.encoder().saveParameters(out);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint in " + directory, e);
    }
  }

  /**
   * Loads a checkpoint.
   *
   * @param expectedItems the item count of the data it will score; a different count is an error
   *     (the ids would mean other items)
   * @throws CheckpointException when files are missing, damaged or do not fit
   */
  public static RecommenderModel load(Path directory, int expectedItems, Device device) {
    Description d = describe(directory);
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
    RecommenderModel model = RecommenderModel.create(d.model(), d.config(), d.numItems(), device);
    List<Shape> expected = shapes(model);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
      model.encoder().loadParameters(model.manager(), in);
      // DJL loads whatever shapes the file holds; they must be those model.json describes
      String mismatch = mismatch(expected, shapes(model));
      if (mismatch == null && in.read() != -1) {
        mismatch = "bytes follow the last parameter";
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
          weights + ": cannot be read (" + e.getMessage() + "), it is truncated, damaged or"
              + " belongs to another configuration; expected the " + WEIGHTS + " saved together"
              + " with " + DESCRIPTION);
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

  private static List<Shape> shapes(RecommenderModel model) {
    return model.parameterArrays().stream().map(NDArray::getShape).toList();
  }

  /** Reads and checks {@code model.json}. */
  static Description describe(Path directory) {
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
      // re-validate: the record's constructor checks every field
      ModelConfig checked = d.config().toBuilder().build();
      return new Description(d.format(), d.model(), d.numItems(), checked);
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          file + ": cannot be read (" + e.getMessage() + "); expected the JSON description"
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

  private interface Writer {
    void write(Path tmp) throws IOException;
  }

  private static void writeAtomically(Path target, Writer writer) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    writer.write(tmp);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
