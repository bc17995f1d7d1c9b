package io.github.fearec.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.data.SequenceDataset;
import io.github.fearec.files.DurableFiles;
import io.github.fearec.files.OutputException;
import io.github.fearec.persist.CheckpointException;
import io.github.fearec.persist.ModelCheckpoint;
import io.github.fearec.persist.TrainingCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The output directory of a run (results JSON, the epoch log, the effective config, the model and
 * its checkpoint), owned by one process at a time. Opening one checks, before any data is read,
 * that it can be written, holds no other run (unless replacing it was asked for) and is not in use:
 * an operating-system lock on {@code .lock} is held until {@link #close}, and released by the
 * system if the process dies, so a crashed run never leaves a stale lock.
 */
final class RunDirectory implements AutoCloseable {

  static final String RESULTS = "results.json";
  static final String EPOCHS = "epochs.csv";
  static final String CONFIG = "config.properties";
  private static final String LOCK = ".lock";
  static final String DATA_FINGERPRINT = "data.sha256";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path root;
  private final FileChannel lockChannel;
  /** The highest directory this run created (root or one of its parents), or null. */
  private final Path createdTop;

  private RunDirectory(Path root, Path createdTop) {
    this.root = root;
    this.createdTop = createdTop;
    this.lockChannel = lock(root);
  }

  /**
   * A directory for a new run.
   *
   * @param overwrite replace the files of a run already there (only those: other files stay)
   * @throws OutputException when it cannot be created or written
   * @throws ConfigException when it holds a run and {@code overwrite} is false
   */
  static RunDirectory forNewRun(Path root, boolean overwrite) {
    Path createdTop = null;
    for (Path p = root.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      createdTop = p;
    }
    create(root);
    RunDirectory run = new RunDirectory(root, createdTop);
    List<Path> existing = run.runFiles();
    if (!existing.isEmpty() && !overwrite) {
      run.close();
      throw new ConfigException(
          root + ": holds another run (" + existing.get(0).getFileName() + (existing.size() > 1
              ? " and " + (existing.size() - 1) + " more" : "") + "); expected an empty or new"
              + " directory: continue that run with --resume " + root + ", replace it with"
              + " --overwrite, or give another --output");
    }
    try {
      for (Path p : existing) {
        DurableFiles.deleteTree(p);
      }
    } catch (IOException e) {
      run.close();
      throw OutputException.of(root, e, "a run directory whose old run files can be removed");
    }
    return run;
  }

  /** The directory of an interrupted run, checked to hold what {@code --resume} needs. */
  static RunDirectory forResume(Path root) {
    Path config = root.resolve(CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new CheckpointException(
          config + ": missing; expected --resume to name the output directory of an"
              + " interrupted 'fearec train' run");
    }
    if (!TrainingCheckpoint.exists(root)) {
      throw new CheckpointException(
          root + ": the run stopped before its first epoch finished, so there is no checkpoint"
              + " to continue from; expected a run with at least one finished epoch (start this"
              + " one again with 'fearec train --config " + config + " --output " + root
              + " --overwrite')");
    }
    return new RunDirectory(root, null);
  }

  Path root() {
    return root;
  }

  Path file(String name) {
    return root.resolve(name);
  }

  void writeJson(String name, Object value) {
    write(name, GSON.toJson(value) + "\n");
  }

  /** Every key with its effective value: can be passed back as {@code --config}. */
  void writeConfig(Settings settings) {
    write(CONFIG, ConfigKeys.effectiveSettings(settings));
  }

  /** Records which data the run trains on ({@link SequenceDataset#fingerprint()}). */
  void writeFingerprint(SequenceDataset data) {
    write(DATA_FINGERPRINT, fingerprintLine(data));
  }

  /**
   * Refuses data other than the run's: the same item count is not enough (another file or k-core
   * with as many items would give the ids other meanings). Runs recorded before fingerprints
   * existed have none and are not checked.
   */
  void requireFingerprint(SequenceDataset data) {
    requireFingerprint(root, data);
  }

  /** {@link #requireFingerprint(SequenceDataset)} for a run directory that is only read. */
  static void requireFingerprint(Path root, SequenceDataset data) {
    Path file = root.resolve(DATA_FINGERPRINT);
    if (!Files.isRegularFile(file)) {
      return;
    }
    String recorded;
    try {
      recorded = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot be read (" + OutputException.reason(e) + ")");
    }
    String actual = fingerprintLine(data).strip();
    if (!recorded.equals(actual)) {
      throw new CheckpointException(
          file + ": the run was trained on other data (recorded '" + Excerpt.line(recorded) + "', given '"
              + actual + "'); expected the dataset of the run, with its k-core filtering");
    }
  }

  private static String fingerprintLine(SequenceDataset data) {
    return data.fingerprint() + "  " + data.numUsers() + " users, " + data.numItems() + " items, "
        + data.numInteractions() + " interactions\n";
  }

  /**
   * Releases the lock. A directory this run created and wrote nothing into (the run was refused,
   * say for its data, before its settings were written) is removed again, lock file and all, and
   * so are the parents it created for it (the default {@code runs/}) while they are empty, so a
   * refused command leaves nothing behind.
   */
  @Override
  public void close() {
    try {
      if (createdTop != null && onlyTheLockIsHere()) {
        Files.deleteIfExists(root.resolve(LOCK)); // still held, so no other run can take it
        for (Path p = root.toAbsolutePath(); p != null && p.startsWith(createdTop); p = p.getParent()) {
          if (!isEmptyDirectory(p)) {
            break;
          }
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // it stays: an empty directory with an unlocked .lock is harmless
    }
    try {
      lockChannel.close(); // releases the lock; the file stays, empty locks are harmless
    } catch (IOException e) {
      throw OutputException.of(root.resolve(LOCK), e, "a lock file that can be closed");
    }
  }

  private void write(String name, String text) {
    Path target = root.resolve(name);
    try {
      DurableFiles.replace(target, text);
    } catch (IOException e) {
      throw OutputException.of(target, e, "a writable run directory with free space");
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private boolean onlyTheLockIsHere() throws IOException {
    try (java.util.stream.Stream<Path> entries = Files.list(root)) {
      return entries.allMatch(p -> p.getFileName().toString().equals(LOCK));
    }
  }

  /** The files and directories of a run present here. */
  private List<Path> runFiles() {
    List<String> names = new ArrayList<>(List.of(CONFIG, EPOCHS, RESULTS, DATA_FINGERPRINT));
    names.addAll(ModelCheckpoint.fileNames());
    names.addAll(TrainingCheckpoint.directoryNames());
    return names.stream().map(root::resolve).filter(Files::exists).toList();
  }

  private static void create(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw OutputException.of(root, e, "a directory that can be created, or an existing one");
    }
  }

  private static FileChannel lock(Path root) {
    Path file = root.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
    } catch (IOException e) {
      throw OutputException.of(file, e, "a writable run directory");
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this very process holds it (two runs started in one JVM)
      }
      if (lock == null) {
        String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        channel.close();
        throw new ConfigException(
            root + ": in use by another 'fearec train' (" + (owner.isEmpty() ? "pid unknown"
                : owner) + "); expected one process per run directory: wait for it to end, or"
                + " give another --output");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(
          ("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
      return channel;
    } catch (IOException e) {
      throw OutputException.of(file, e, "a run directory on a file system with locks");
    }
  }
}
