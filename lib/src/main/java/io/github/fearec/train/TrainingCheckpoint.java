package io.github.fearec.train;

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
   * Reads the checkpoint of a run directory.
   *
   * @throws CheckpointException when there is none or it is damaged
   */
  public static Saved load(Path runDirectory) {
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
      return new Saved(
          state,
          readFloats(dir.resolve("weights.bin")),
          readFloats(dir.resolve("best.bin")),
          readFloats(dir.resolve("adam.bin")));
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          dir + ": cannot be read (" + e.getMessage() + "); the checkpoint is truncated or damaged");
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
