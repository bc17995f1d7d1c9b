package io.github.fearec.persist;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.github.fearec.files.Checksums;
import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import io.github.fearec.nn.NextItemModel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to continue training after an interruption, written after every epoch: the
 * current weights, the best epoch's weights, Adam's moments and step count, and the epoch history
 * (state.json). Together with the per-epoch seeding of shuffles, positives and dropout, a resumed
 * run ends exactly as an uninterrupted one.
 *
 * <p>Atomicity: the files go to {@code checkpoint.tmp/} first; only a complete directory is
 * renamed to {@code checkpoint/} (the previous one is kept as {@code checkpoint.old/} until then),
 * so an interruption at any moment leaves one complete checkpoint. Every file is forced to the disk
 * before the rename and the directories after it, so this holds across a power cut too.
 *
 * <p>Integrity: {@code checksums.sha256} (the format of {@code sha256sum}) lists the SHA-256 of the
 * four files and is checked on load; checkpoints written before it existed have no list and are
 * loaded unverified. Loaded arrays must also be finite: training never saves a NaN epoch.
 *
 * <p>The epoch records are the trainer's ({@code train.EpochRecord}): this class stores them in
 * state.json as they are, of the type the caller names, and reads of them only what an {@link
 * Entry} says (which epoch, and whether it is whole).
 */
public final class TrainingCheckpoint {

  static final int FORMAT = 1;
  private static final String DIRECTORY = "checkpoint";
  static final String CHECKSUMS = "checksums.sha256";
  private static final List<String> FILES = List.of("weights.bin", "best.bin", "adam.bin", "state.json");
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private TrainingCheckpoint() {}

  /** The directories a run's checkpoint may occupy (the current one and the two transient ones). */
  public static List<String> directoryNames() {
    return List.of(DIRECTORY, DIRECTORY + ".tmp", DIRECTORY + ".old");
  }

  /** Whether {@code runDirectory} holds a checkpoint to resume from (written after an epoch). */
  public static boolean exists(Path runDirectory) {
    return Files.isDirectory(runDirectory.resolve(DIRECTORY))
        || Files.isDirectory(runDirectory.resolve(DIRECTORY + ".old"));
  }

  /** What the checkpoint reads of an epoch's record when it checks a state for consistency. */
  public interface Entry {

    /** The epoch, 1-based. */
    int epoch();

    /** Whether every part of the record was read back (a state.json edited by hand may lack one). */
    boolean complete();
  }

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
  public record State<R extends Entry>(
      int format, int epoch, int bestEpoch, int sinceBest, long adamSteps, List<R> records) {

    /** The state after the epochs of {@code records}, in this version's format. */
    public static <R extends Entry> State<R> of(
        int bestEpoch, int sinceBest, long adamSteps, List<R> records) {
      return new State<>(FORMAT, records.size(), bestEpoch, sinceBest, adamSteps, records);
    }
  }

  /**
   * What a resumed run starts from.
   *
   * @param weights the weights after the last completed epoch
   * @param best the weights of the best epoch
   * @param moments Adam's moments, in parameter order: [m₀, v₀, m₁, v₁, ...]
   */
  public record Saved<R extends Entry>(
      State<R> state, ParameterSnapshot weights, ParameterSnapshot best, float[][] moments) {}

  /**
   * Writes the checkpoint of the epoch just finished.
   *
   * @param recordType the class of the state's records, as {@link #load} will read them
   * @param weights the current weights
   * @param best the weights of the best epoch
   * @param moments Adam's moments, in parameter order: [m₀, v₀, m₁, v₁, ...]
   */
  public static <R extends Entry> void save(Path runDirectory, State<R> state, Class<R> recordType,
      ParameterSnapshot weights, ParameterSnapshot best, float[][] moments) {
    Path tmp = runDirectory.resolve(DIRECTORY + ".tmp");
    Path current = runDirectory.resolve(DIRECTORY);
    Path old = runDirectory.resolve(DIRECTORY + ".old");
    try {
      DurableFiles.deleteTree(tmp);
      Files.createDirectories(tmp);
      writeFloats(tmp.resolve("weights.bin"), weights.values());
      writeFloats(tmp.resolve("best.bin"), best.values());
      writeFloats(tmp.resolve("adam.bin"), moments);
      byte[] json = GSON.toJson(state, stateType(recordType)).getBytes(StandardCharsets.UTF_8);
      DurableFiles.write(tmp.resolve("state.json"), out -> out.write(json));
      Checksums.write(tmp, CHECKSUMS, FILES);
      DurableFiles.syncDirectory(tmp);
      DurableFiles.deleteTree(old);
      if (Files.exists(current)) {
        Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.syncDirectory(runDirectory);
      DurableFiles.deleteTree(old);
    } catch (IOException e) {
      throw OutputException.of(
          runDirectory.resolve(DIRECTORY), e, "a writable run directory with free space");
    }
  }

  /**
   * Reads the checkpoint of a run directory to continue training {@code model}.
   *
   * @param model the model to resume, built from the run's settings and data; the saved arrays
   *     are checked against its parameters but not yet copied into it
   * @param recordType the class of the state's records, as {@link #save} wrote them
   * @throws CheckpointException when there is none, it is damaged, or its weights do not fit
   *     {@code model} (another architecture or item count than the interrupted run)
   */
  public static <R extends Entry> Saved<R> load(
      Path runDirectory, NextItemModel model, Class<R> recordType) {
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
      State<R> state =
          GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), stateType(recordType));
      if (state == null || state.format() != FORMAT || state.records() == null) {
        throw new CheckpointException(stateFile + ": not a training state of format " + FORMAT);
      }
      requireConsistent(stateFile, state);
      float[][] weights = readFloats(dir.resolve("weights.bin"));
      float[][] best = readFloats(dir.resolve("best.bin"));
      float[][] moments = readFloats(dir.resolve("adam.bin"));
      requireFits(dir, weights, best, moments, model);
      // after the structural checks, whose messages say more about a file from another run
      Checksums.Verification check = Checksums.verify(dir, CHECKSUMS);
      if (!check.ok()) {
        throw new CheckpointException(
            String.join("; ", check.problems()) + "; expected the checkpoint as 'fearec train'"
                + " wrote it (resume from an intact copy, or start the run again)");
      }
      requireValid(dir.resolve("weights.bin"), weights, false);
      requireValid(dir.resolve("best.bin"), best, false);
      // a second moment may overflow to +Infinity in float32 while training goes on (its update
      // m / (sqrt(v) + eps) is then 0), so only NaN is refused there
      requireValid(dir.resolve("adam.bin"), moments, true);
      return new Saved<>(state, ParameterSnapshot.of(weights), ParameterSnapshot.of(best), moments);
    } catch (IOException | JsonParseException e) {
      throw new CheckpointException(
          dir + ": cannot be read (" + OutputException.reason(e) + "), the checkpoint is truncated or"
              + " damaged; expected the files 'fearec train' writes after every epoch");
    }
  }

  /**
   * Checks every saved array against the model's parameters. The files hold bare float arrays, so
   * a run resumed with other architecture settings or another dataset (whose item count sizes the
   * embedding) would otherwise fail deep inside the restore with a message about array sizes.
   */
  private static void requireFits(
      Path dir, float[][] weights, float[][] best, float[][] moments, NextItemModel model) {
    List<NDArray> params = model.parameterArrays();
    String mismatch = null;
    if (weights.length != params.size()
        || best.length != params.size()
        || moments.length != 2 * params.size()) {
      mismatch =
          "it holds " + weights.length + " parameter arrays, the model " + params.size();
    }
    for (int i = 0; mismatch == null && i < params.size(); i++) {
      long size = params.get(i).size();
      float[][] copies = {
        weights[i], best[i], moments[2 * i], moments[2 * i + 1]
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

  /**
   * A state that parses but contradicts itself (edited by hand, or stitched from two runs) would
   * otherwise fail later with an index error or resume from the wrong epoch.
   */
  private static void requireConsistent(Path stateFile, State<?> s) {
    String problem = null;
    if (s.epoch() < 1 || s.records().size() != s.epoch()) {
      problem = "epoch " + s.epoch() + " with " + s.records().size() + " epoch records";
    } else if (s.bestEpoch() < 1 || s.bestEpoch() > s.epoch()) {
      problem = "best epoch " + s.bestEpoch() + " outside 1.." + s.epoch();
    } else if (s.sinceBest() != s.epoch() - s.bestEpoch()) {
      problem = "sinceBest " + s.sinceBest() + " where epoch - bestEpoch = "
          + (s.epoch() - s.bestEpoch());
    } else if (s.adamSteps() < s.epoch()) {
      problem = "adamSteps " + s.adamSteps() + " below one step per epoch";
    } else {
      for (int i = 0; problem == null && i < s.records().size(); i++) {
        Entry r = s.records().get(i);
        if (r == null || r.epoch() != i + 1 || !r.complete()) {
          problem = "record " + (i + 1) + " is not the complete record of epoch " + (i + 1);
        }
      }
    }
    if (problem != null) {
      throw new CheckpointException(
          stateFile + ": inconsistent training state (" + problem + "); expected the state"
              + " 'fearec train' writes after every epoch");
    }
  }

  /**
   * Training stops at the first non-finite loss and saves only completed epochs, so a NaN (or an
   * infinite weight) in a saved array means the file was changed afterwards; left in, it would
   * surface later as "the loss diverged, try a smaller learning rate".
   */
  private static void requireValid(Path file, float[][] arrays, boolean infinityAllowed) {
    for (int i = 0; i < arrays.length; i++) {
      for (int j = 0; j < arrays[i].length; j++) {
        float v = arrays[i][j];
        if (Float.isNaN(v) || (!infinityAllowed && Float.isInfinite(v))) {
          throw new CheckpointException(
              file + ": array " + i + " holds " + v + " at index " + j + "; expected"
                  + " finite values (training never saves an epoch whose loss was not finite)");
        }
      }
    }
  }

  /**
   * How far the run in {@code runDirectory} got: the state of its checkpoint, read without its
   * arrays, or empty when there is none or it cannot be read (loading it says why).
   */
  public static <R extends Entry> Optional<State<R>> progress(
      Path runDirectory, Class<R> recordType) {
    Path dir = runDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(dir)) {
      dir = runDirectory.resolve(DIRECTORY + ".old");
    }
    Path stateFile = dir.resolve("state.json");
    try {
      if (Files.isRegularFile(stateFile) && Files.size(stateFile) < (64 << 20)) {
        State<R> state =
            GSON.fromJson(Files.readString(stateFile, StandardCharsets.UTF_8), stateType(recordType));
        if (state != null && state.format() == FORMAT && state.records() != null) {
          return Optional.of(state);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the full load reports it
    }
    return Optional.empty();
  }

  /** {@code State<R>} for Gson, which reads the records' fields from their class. */
  private static Type stateType(Class<?> recordType) {
    return TypeToken.getParameterized(State.class, recordType).getType();
  }

  private static void writeFloats(Path file, float[][] arrays) throws IOException {
    DurableFiles.write(
        file,
        raw -> {
          DataOutputStream out = new DataOutputStream(raw);
          out.writeInt(arrays.length);
          for (float[] a : arrays) {
            out.writeInt(a.length);
            for (float v : a) {
              out.writeFloat(v);
            }
          }
          out.flush();
        });
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
}
