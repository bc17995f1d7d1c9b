package io.github.fearec.train;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.fearec.nn.RecommenderModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything needed to continue training after an interruption, written after every epoch: the
 * current weights, the best epoch's weights, Adam's moments and step count, and the epoch history
 * (state.json). Together with the per-epoch seeding of shuffles, positives and dropout, a resumed
 * run ends exactly as an uninterrupted one.
 *
 * <p>Atomicity: the files go to {@code checkpoint.tmp/} first; only a complete directory is
 * renamed to {@code checkpoint/} (the previous one is kept as {@code checkpoint.old/} until then),
 * so an interruption at any moment leaves one complete checkpoint.
 */
public final class TrainingCheckpoint {

  static final int FORMAT = 1;
  private static final String DIRECTORY = "checkpoint";
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private TrainingCheckpoint() {}

  /**
   * The history of a run up to the last completed epoch.
   *
   * @param format the file format version
   * @param epoch the last completed epoch
   * @param bestEpoch the epoch whose weights are kept as best (0: none yet)
   * @param sinceBest epochs since then
   * @param adamSteps optimiser updates so far
   * @param records one record per completed epoch
   */
  public record State(
      int format, int epoch, int bestEpoch, int sinceBest, long adamSteps, List<EpochRecord> records) {}

  /** What a resumed run starts from. */
  public record Saved(State state, float[][] weights, float[][] best, float[][] moments) {}

  static void save(Path runDirectory, State state, RecommenderModel model, ParameterSnapshot best,
      AdamOptimizer adam) {
    Path tmp = runDirectory.resolve(DIRECTORY + ".tmp");
    Path current = runDirectory.resolve(DIRECTORY);
    Path old = runDirectory.resolve(DIRECTORY + ".old");
    try {
      delete(tmp);
      Files.createDirectories(tmp);
      writeFloats(tmp.resolve("weights.bin"), ParameterSnapshot.of(model).values());
      writeFloats(tmp.resolve("best.bin"), best.values());
      writeFloats(tmp.resolve("adam.bin"), adam.moments());
      Files.writeString(tmp.resolve("state.json"), GSON.toJson(state), StandardCharsets.UTF_8);
      delete(old);
      if (Files.exists(current)) {
        Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
      delete(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training checkpoint in " + runDirectory, e);
    }
  }

  /**
   * Reads the checkpoint of a run directory to continue training {@code model}.
   *
   * @param model the model to resume, built from the run's settings and data; the saved arrays
   *     are checked against its parameters but not yet copied into it
   * @throws CheckpointException when there is none, it is damaged, or its weights do not fit
   *     {@code model} (another architecture or item count than the interrupted run)
   */
  public static Saved load(Path runDirectory, RecommenderModel model) {
    Path dir = runDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(dir) && Files.isDirectory(runDirectory.resolve(DIRECTORY + ".old"))) {
      dir = runDirectory.resolve(DIRECTORY + ".old"); // interrupted between the two renames
    }
    Path stateFile = dir.resolve("state.json");
    if (!Files.isRegularFile(stateFile)) {
      throw new CheckpointException(
          stateFile + ": missing; expected the output directory of an interrupted 'fearec train'");
    }
    try {
      State state = GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), State.class);
      if (state == null || state.format() != FORMAT || state.records() == null) {
        throw new CheckpointException(stateFile + ": not a training state of format " + FORMAT);
      }
      Saved saved =
          new Saved(
              state,
              readFloats(dir.resolve("weights.bin")),
              readFloats(dir.resolve("best.bin")),
              readFloats(dir.resolve("adam.bin")));
      requireFits(dir, saved, model);
      return saved;
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          dir + ": cannot be read (" + e.getMessage() + "), the checkpoint is truncated or"
              + " damaged; expected the files 'fearec train' writes after every epoch");
    }
  }

  /**
   * Checks every saved array against the model's parameters. The files hold bare float arrays, so
   * a run resumed with other architecture settings or another dataset (whose item count sizes the
   * embedding) would otherwise fail deep inside the restore with a message about array sizes.
   */
  private static void requireFits(Path dir, Saved saved, RecommenderModel model) {
    List<NDArray> params = model.parameterArrays();
    String mismatch = null;
    if (saved.weights().length != params.size()
        || saved.best().length != params.size()
        || saved.moments().length != 2 * params.size()) {
      mismatch =
          "it holds " + saved.weights().length + " parameter arrays, the model " + params.size();
    }
    for (int i = 0; mismatch == null && i < params.size(); i++) {
      long size = params.get(i).size();
      float[][] copies = {
        saved.weights()[i], saved.best()[i], saved.moments()[2 * i], saved.moments()[2 * i + 1]
      };
      for (float[] copy : copies) {
        if (copy.length != size) {
          mismatch =
              "parameter " + i + " has " + copy.length + " values, the model's has shape "
                  + params.get(i).getShape();
          break;
        }
      }
    }
    if (mismatch != null) {
      throw new CheckpointException(
          dir + ": the saved weights do not fit the model to resume (" + mismatch + "); expected"
              + " the architecture settings and the dataset of the interrupted run");
    }
  }

  private static void writeFloats(Path file, float[][] arrays) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(arrays.length);
      for (float[] a : arrays) {
        out.writeInt(a.length);
        for (float v : a) {
          out.writeFloat(v);
        }
      }
    }
  }

  private static float[][] readFloats(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      float[][] arrays = new float[in.readInt()][];
      for (int i = 0; i < arrays.length; i++) {
        arrays[i] = new float[in.readInt()];
        for (int j = 0; j < arrays[i].length; j++) {
          arrays[i][j] = in.readFloat();
        }
      }
      if (in.read() != -1) {
        throw new IOException(file + " has trailing bytes");
      }
      return arrays;
    } catch (EOFException e) {
      throw new IOException(file + " ends early", e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
