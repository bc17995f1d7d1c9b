package io.github.fearec;

import static io.github.fearec.testing.CliRun.run;
import static io.github.fearec.testing.UserMessages.assertNoStackTrace;
import static io.github.fearec.testing.UserMessages.assertReadable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.cli.FearecCli;
import io.github.fearec.testing.CliRun;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability cases of issue #15 that concern outputs, run directories, processes and settings
 * that do not apply, through the command line as a user meets them: exit code 2, one message, no
 * stack trace, and nothing lost or mixed. (Bad data files, values and damaged checkpoints are in
 * {@link BadInputCorpusTest}.)
 */
class RunFaultsTest {

  private static final String[] TINY = {
    "--model", "sasrec", "--set", "synthetic_users=150", "--set", "synthetic_items=40",
    "--max-length", "12", "--set", "hidden_size=16", "--set", "inner_size=32", "--batch-size", "64"
  };

  /** A finished one-epoch SASRec run, read by the tests (each damages only a copy). */
  @TempDir static Path run;

  @TempDir Path dir;

  @BeforeAll
  static void trainTinyRun() {
    CliRun r = run(train("--epochs", "1", "--output", run.toString()));
    assertEquals(0, r.code(), r.err());
  }

  // ---------------------------------------------------------------- outputs

  @Test
  @DisplayName("--output is an existing file: refused before the data loads")
  void outputIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("results"), "not a directory");
    CliRun r = run(train("--output", file.toString()));
    assertRefused(r, file + ": cannot write it (" + file + " exists and is not a directory);"
        + " expected a directory that can be created, or an existing one");
    assertFalse(r.out().contains("data:"), "the output is checked before the data loads");
  }

  @Test
  @DisplayName("--output lies under a file")
  void outputUnderAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Path under = file.resolve("run");
    CliRun r = run(train("--output", under.toString()));
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains(": cannot write it ("), r.err());
    assertTrue(r.err().contains("; expected a directory that can be created"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  @DisplayName("an output that fails late (results.json cannot be written) is one message")
  void outputFailingAfterTraining() throws IOException {
    Path out = dir.resolve("late");
    // the temporary file results.json is written through is a directory: the write fails after
    // training, as a full disk or a revoked permission would
    Files.createDirectories(out.resolve("results.json.tmp"));
    CliRun r = run(train("--epochs", "1", "--output", out.toString()));
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("error: " + out.resolve("results.json") + ": cannot write it ("),
        r.err());
    assertTrue(r.err().contains("; expected a writable run directory with free space"), r.err());
    assertNoStackTrace(r);
    assertTrue(Files.isRegularFile(out.resolve("model.params")), "what was written before stays");
  }

  @Test
  @DisplayName("a run refused for its data leaves no directory behind (issue #28)")
  void refusedRunLeavesNoDirectory() throws IOException {
    Path data = Files.writeString(dir.resolve("bad.txt"), "1 1 2 3\n2 x 4 5\n");
    Path out = dir.resolve("runs").resolve("new");
    CliRun r = run("train", "--model", "sasrec", "--data", data.toString(), "--k-core", "0",
        "--output", out.toString());
    assertRefused(r, data + ":2: item id 'x' (field 2) is not a number; expected a positive"
        + " integer id");
    assertFalse(Files.exists(out), "the directory the refused run created is gone");
    assertFalse(Files.exists(out.getParent()), "so is the parent it created for it (runs/)");
    Files.createDirectories(out);
    run("train", "--model", "sasrec", "--data", data.toString(), "--k-core", "0",
        "--output", out.toString());
    assertTrue(Files.isDirectory(out), "a directory that was there before stays");
  }

  // ---------------------------------------------------------------- run directories

  @Test
  @DisplayName("a new run into a directory that holds a run is refused; --overwrite replaces it")
  void existingRunIsNotOverwrittenSilently() throws IOException {
    Path copy = copyOfRun();
    String config = Files.readString(copy.resolve("config.properties"));
    String results = Files.readString(copy.resolve("results.json"));
    Files.writeString(copy.resolve("notes.txt"), "mine");
    CliRun refused = run(train("--output", copy.toString(), "--seed", "7"));
    assertEquals(FearecCli.USER_ERROR, refused.code(), refused.err());
    assertTrue(refused.err().contains(copy + ": holds another run (config.properties and"), refused.err());
    assertTrue(refused.err().contains("--resume " + copy + ", replace it with --overwrite"), refused.err());
    assertEquals(config, Files.readString(copy.resolve("config.properties")));
    assertEquals(results, Files.readString(copy.resolve("results.json")));

    CliRun replaced =
        run(train("--output", copy.toString(), "--seed", "7", "--overwrite", "--epochs", "1"));
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(Files.readString(copy.resolve("config.properties")).contains("seed = 7"));
    assertTrue(Files.readString(copy.resolve("results.json")).contains("\"seed\": \"7\""));
    assertEquals("mine", Files.readString(copy.resolve("notes.txt")), "other files stay");
  }

  @Test
  @DisplayName("a run directory locked by another process is refused")
  void lockedByAnotherProcess() throws Exception {
    Path copy = copyOfRun();
    Path lock = copy.resolve(".lock");
    // python's lockf takes the same POSIX record lock as Java's FileChannel.lock
    Process holder =
        new ProcessBuilder(
                "python3", "-c",
                "import fcntl,os,sys,time\n"
                    + "f=open(sys.argv[1],'w'); fcntl.lockf(f, fcntl.LOCK_EX);"
                    + " f.write('pid %d' % os.getpid()); f.flush(); print('locked', flush=True);"
                    + " time.sleep(60)",
                lock.toString())
            .redirectErrorStream(true)
            .start();
    try {
      assertEquals("locked", new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
      CliRun r = run("train", "--resume", copy.toString(), "--epochs", "2");
      assertRefused(r, copy + ": in use by another 'fearec train' (pid " + holder.pid() + ");"
          + " expected one process per run directory: wait for it to end, or give another --output");
    } finally {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // the lock dies with its process: the run resumes now
    CliRun after = run("train", "--resume", copy.toString(), "--epochs", "2");
    assertEquals(0, after.code(), after.err());
  }

  @Test
  @DisplayName("two runs into one directory in one JVM (a notebook) are refused too")
  void lockedInThisProcess() throws IOException {
    Path copy = copyOfRun();
    try (FileChannel channel =
            FileChannel.open(copy.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      CliRun r = run("train", "--resume", copy.toString(), "--epochs", "2");
      assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
      assertTrue(r.err().contains(copy + ": in use by another 'fearec train'"), r.err());
    }
  }

  @Test
  @DisplayName("a run killed in its first epoch is named as such")
  void killedInTheFirstEpoch() throws IOException {
    Path copy = copyOfRun();
    deleteTree(copy.resolve("checkpoint"));
    assertRefused(
        run("train", "--resume", copy.toString()),
        copy + ": the run stopped before its first epoch finished, so there is no checkpoint to"
            + " continue from; expected a run with at least one finished epoch (start this one"
            + " again with 'fearec train --config " + copy.resolve("config.properties")
            + " --output " + copy + " --overwrite')");
  }

  @Test
  @DisplayName("epochs.csv loses no row when the process died before writing it")
  void epochLogIsRebuiltFromTheCheckpoint() throws IOException {
    Path copy = copyOfRun();
    Path csv = copy.resolve("epochs.csv");
    List<String> original = Files.readAllLines(csv);
    assertEquals(2, original.size(), "header and epoch 1");
    Files.writeString(csv, original.get(0) + "\n"); // died after the checkpoint, before the row
    CliRun r = run("train", "--resume", copy.toString(), "--epochs", "2");
    assertEquals(0, r.code(), r.err());
    List<String> rebuilt = Files.readAllLines(csv);
    assertEquals(3, rebuilt.size(), String.join("\n", rebuilt));
    assertEquals(original.get(1), rebuilt.get(1), "epoch 1 comes back from the checkpoint");
    assertTrue(rebuilt.get(2).startsWith("2,"), rebuilt.get(2));
  }

  @Test
  @DisplayName("after a divergence the best epoch's model is saved and the message says where")
  void divergenceKeepsTheBestModel() throws IOException {
    Path copy = copyOfRun();
    for (String f : List.of("model.json", "model.params", "model.sha256", "results.json")) {
      Files.delete(copy.resolve(f));
    }
    // Adam moves every weight by about the learning rate: 1e30 overflows float32 in epoch 2
    Path config = copy.resolve("config.properties");
    Files.writeString(config, Files.readString(config).replace("learning_rate = 0.001",
        "learning_rate = 1.0E30"));
    CliRun r = run("train", "--resume", copy.toString(), "--epochs", "2");
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("training diverged in epoch 2"), r.err());
    assertTrue(r.err().contains("The model of epoch 1 is saved in " + copy), r.err());
    assertNoStackTrace(r);
    CliRun evaluate = run("evaluate", "--checkpoint", copy.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
  }

  @Test
  @DisplayName("a resumed run prints nothing on stderr (libtorch's warning on restores)")
  void resumeKeepsStderrClean() throws Exception {
    Path copy = copyOfRun();
    // a child JVM: libtorch writes to file descriptor 2, which System.setErr does not capture
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                FearecCli.class.getName(), "train", "--resume", copy.toString(), "--epochs", "2")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("", err);
  }

  // ---------------------------------------------------------------- integrity

  @Test
  @DisplayName("a flipped byte in model.params is caught by its checksum")
  void flippedByteInTheModel() throws IOException {
    Path copy = copyOfRun();
    flipLastByte(copy.resolve("model.params"));
    assertRefused(
        run("evaluate", "--checkpoint", copy.toString()),
        copy.resolve("model.params") + ": its SHA-256 differs from the one in model.sha256 (the"
            + " file was changed or damaged after it was written); expected the model as 'fearec"
            + " train' saved it");
  }

  @Test
  @DisplayName("a flipped byte in the training checkpoint is caught by its checksum")
  void flippedByteInTheCheckpoint() throws IOException {
    Path copy = copyOfRun();
    Path adam = copy.resolve("checkpoint").resolve("adam.bin");
    flipLastByte(adam);
    assertRefused(
        run("train", "--resume", copy.toString(), "--epochs", "2"),
        adam + ": its SHA-256 differs from the one in checksums.sha256 (the file was changed or"
            + " damaged after it was written); expected the checkpoint as 'fearec train' wrote it"
            + " (resume from an intact copy, or start the run again)");
  }

  @Test
  @DisplayName("NaN weights in a checkpoint without checksums are refused, not blamed on the lr")
  void nanWeightsInAnUncheckedCheckpoint() throws IOException {
    Path copy = copyOfRun();
    Path weights = copy.resolve("checkpoint").resolve("weights.bin");
    Files.delete(copy.resolve("checkpoint").resolve("checksums.sha256")); // as before checksums
    float[][] arrays = readFloats(weights);
    arrays[2][5] = Float.NaN;
    writeFloats(weights, arrays);
    assertRefused(
        run("train", "--resume", copy.toString(), "--epochs", "2"),
        weights + ": array 2 holds NaN at index 5; expected finite values (training never saves"
            + " an epoch whose loss was not finite)");
  }

  @Test
  @DisplayName("a training state that parses but contradicts itself")
  void inconsistentState() throws IOException {
    Path copy = copyOfRun();
    Path state = copy.resolve("checkpoint").resolve("state.json");
    Files.delete(copy.resolve("checkpoint").resolve("checksums.sha256"));
    Files.writeString(state, Files.readString(state).replaceFirst("\"epoch\": 1", "\"epoch\": 3"));
    assertRefused(
        run("train", "--resume", copy.toString(), "--epochs", "4"),
        state + ": inconsistent training state (epoch 3 with 1 epoch records); expected the state"
            + " 'fearec train' writes after every epoch");
  }

  @Test
  @DisplayName("evaluate refuses other data with the same item count")
  void evaluateRefusesOtherData() {
    CliRun r = run("evaluate", "--checkpoint", run.toString(), "--set", "synthetic_seed=7");
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains(run.resolve("data.sha256") + ": the run was trained on other data"
        + " (recorded '"), r.err());
    assertTrue(r.err().contains(" 150 users, 40 items, "), "same counts, other data: " + r.err());
    assertNoStackTrace(r);
  }

  // ---------------------------------------------------------------- settings

  @Test
  @DisplayName("a data path with '#' round-trips through the settings file, stored absolute")
  void dataPathWithHashResumesFromAnotherDirectory() throws IOException {
    Path data = dir.resolve("a#b").resolve("data.txt");
    Files.createDirectories(data.getParent());
    StringBuilder lines = new StringBuilder();
    for (int u = 1; u <= 60; u++) {
      lines.append(u);
      for (int i = 0; i < 8; i++) {
        lines.append(' ').append(1 + (u * 7 + i * 3) % 25);
      }
      lines.append('\n');
    }
    Files.writeString(data, lines.toString());
    Path out = dir.resolve("run");
    CliRun first = run(
        "train", "--model", "sasrec", "--data", data.toString(), "--epochs", "1", "--k-core", "0",
        "--max-length", "8", "--set", "hidden_size=8", "--set", "inner_size=16",
        "--output", out.toString());
    assertEquals(0, first.code(), first.err());
    String settings = Files.readString(out.resolve("config.properties"));
    assertTrue(settings.contains("data = " + data.toAbsolutePath().toString().replace("#", "\\#")),
        settings);
    CliRun resumed = run("train", "--resume", out.toString(), "--epochs", "2");
    assertEquals(0, resumed.code(), resumed.err());
  }

  @Test
  @DisplayName("a key set twice in a config file")
  void duplicateKeyInAConfigFile() throws IOException {
    Path config = Files.writeString(dir.resolve("run.properties"),
        "epochs = 3\n# a comment\nbatch_size = 32\nepochs = 5\n");
    assertRefused(run(train("--config", config.toString())),
        config + ":4: epochs is set again (first at line 1); expected each key once");
  }

  @Test
  @DisplayName("a config file with bytes that are not UTF-8 names the line")
  void configFileDecodingError() throws IOException {
    Path config = dir.resolve("run.properties");
    Files.write(config, new byte[] {'e', 'p', 'o', 'c', 'h', 's', '=', '1', '\n', 's', '=', (byte) 0xff, '\n'});
    assertRefused(run(train("--config", config.toString())),
        config + ":2: the line holds bytes that are not valid UTF-8; expected UTF-8 encoded text");
  }

  @Test
  @DisplayName("keys that do not apply are refused, naming the key and why")
  void keysThatDoNotApply() {
    assertRefused(run(train("--set", "global_ratio=0.5")),
        "--set: global_ratio does not apply: only FEARec has frequency layers, not sasrec; remove it");
    assertRefused(
        run("train", "--model", "fearec", "--set", "dual_domain=false", "--set", "spatial_ratio=0.3"),
        "--set: spatial_ratio (time_weight) does not apply: dual_domain = false switches FEARec's time-domain"
            + " branch off; remove it");
    assertRefused(
        run("train", "--model", "fearec", "--set", "contrastive=un", "--set", "recompute_view=always"),
        "--set: recompute_view does not apply: contrastive = un trains without us_x's two"
            + " contrasted views; remove it");
    assertRefused(run("train", "--model", "pop", "--epochs", "5"),
        "--epochs: epochs does not apply: the popularity baseline has no architecture and is not"
            + " trained; remove it");
    assertRefused(run(train("--k-core", "3")),
        "--k-core: k_core does not apply: the synthetic data is generated without k-core"
            + " filtering; remove it");
    assertRefused(run(train("--output", dir.resolve("x").toString(), "--resume", run.toString())),
        "--output: not used with --resume; a resumed run continues in its own directory " + run);
  }

  @Test
  @DisplayName("a resumed run keeps its seed; evaluate keeps the architecture")
  void settingsACommandKeeps() {
    assertRefused(run("train", "--resume", run.toString(), "--seed", "7"),
        "--seed: seed = 7 where the run has 2020: a resumed run keeps the settings it started"
            + " with; only device, epochs, eval_batch_size, patience may change");
    CliRun r = run("evaluate", "--checkpoint", run.toString(), "--set", "hidden_size=32");
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("--set: hidden_size: evaluate reads the model and its architecture"
        + " from " + run + "/model.json"), r.err());
  }

  @Test
  @DisplayName("messages name the option the user typed, and a bare 'fearec' is an error")
  void messagesNameRealOptions() {
    assertRefused(run(train("--lr=NaN")), "--lr: learning_rate = NaN: expected a number > 0");
    CliRun bare = run();
    assertEquals(FearecCli.USER_ERROR, bare.code());
    assertTrue(bare.err().startsWith("error: expected a command"), bare.err());
    assertRefused(run(train("--device", "gpu:99999999999")),
        "device = gpu:99999999999: expected cpu, gpu or gpu:N with N a GPU index (0, 1, ...)");
    assertRefused(run(train("--set", "synthetic_users=2000000000")),
        "synthetic_users × synthetic_max_length = 100000000000: expected at most 100000000"
            + " interactions (the generated data is held in memory, 4 bytes per interaction,"
            + " several times over while it is split)");
  }

  // ---------------------------------------------------------------- every command (issue #28)

  @Test
  @DisplayName("plot: names shared, empty or missing, and infinite values are one message each")
  void plotInputsAreChecked() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a").resolve("run"));
    Path b = Files.createDirectories(dir.resolve("b").resolve("run"));
    Files.writeString(a.resolve("epochs.csv"), "epoch,valid_NDCG@10\n1,0.01\n2,0.03\n");
    Files.writeString(b.resolve("epochs.csv"), "epoch,valid_NDCG@10\n1,0.02\n2,Infinity\n");
    String png = dir.resolve("curves.png").toString();
    assertRefused(run("plot", "--output", png, a.toString(), b.toString()),
        "two runs are named 'run' (" + a + " and " + b + "); expected a different name for each:"
            + " give them as NAME=RUN");
    assertRefused(run("plot", "--output", png, "=" + a),
        "'=" + a + "': an empty legend name; expected NAME=RUN with a name, or RUN alone (named"
            + " after its directory)");
    assertRefused(run("plot", "--output", png, "A=" + a, "B="),
        "'B=': no run after '='; expected NAME=RUN, RUN a run directory or an epochs.csv file");
    assertRefused(run("plot", "--output", png, "A=" + a, "B=" + b),
        b.resolve("epochs.csv") + ":3: the valid_NDCG@10 value of '2,Infinity' is not a finite"
            + " number; expected numbers in columns epoch and valid_NDCG@10");
    assertFalse(Files.exists(Path.of(png)), "nothing drawn");
    // a run directory whose name holds '=' is a path, not NAME=RUN
    Path odd = Files.createDirectories(dir.resolve("lr=0.01"));
    Files.copy(a.resolve("epochs.csv"), odd.resolve("epochs.csv"));
    CliRun drawn = run("plot", "--output", png, odd.toString());
    assertEquals(0, drawn.code(), drawn.err());
  }

  @Test
  @DisplayName("plot writes a new PNG only: a run's files and existing files stay")
  void plotOverwritesNothingUnasked() throws IOException {
    Path copy = copyOfRun();
    Path csv = copy.resolve("epochs.csv");
    String log = Files.readString(csv);
    assertRefused(run("plot", "--output", csv.toString(), "--overwrite", copy.toString()),
        csv + ": not a .png file name; expected --output FILE.png");
    assertEquals(log, Files.readString(csv), "the run's own file is untouched");
    Path underAFile = copy.resolve("results.json").resolve("curves.png");
    assertRefused(run("plot", "--output", underAFile.toString(), copy.toString()),
        underAFile + ": cannot write it (" + copy.resolve("results.json") + " is not a"
            + " directory); expected a writable place for the chart");
    Path png = Files.writeString(dir.resolve("mine.png"), "a file of mine");
    assertRefused(run("plot", "--output", png.toString(), copy.toString()),
        png + ": exists; expected a new file, or --overwrite to replace it");
    assertEquals("a file of mine", Files.readString(png));
    CliRun replaced = run("plot", "--output", png.toString(), "--overwrite", copy.toString());
    assertEquals(0, replaced.code(), replaced.err());
    assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0);
    Path directory = Files.createDirectories(dir.resolve("charts.png"));
    assertRefused(run("plot", "--output", directory.toString(), copy.toString()),
        directory + ": is a directory; expected --output FILE.png");
  }

  @Test
  @DisplayName("a command whose standard output cannot be written fails (keys > /dev/full)")
  void unwritableStandardOutput() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FearecCli.class.getName(), "keys")
            .redirectOutput(new java.io.File("/dev/full"))
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(FearecCli.USER_ERROR, p.exitValue(), err);
    assertEquals("error: standard output: cannot write it (a full disk, or a device that takes"
        + " nothing); expected a writable standard output" + System.lineSeparator(), err);
    // a pipe its reader closed early (fearec keys | head -1) is the reader's choice, as for
    // other Unix tools: no error
    Process piped =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FearecCli.class.getName(), "keys")
            .start();
    piped.getInputStream().close();
    String pipedErr = new String(piped.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(piped.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, piped.exitValue(), pipedErr);
    assertEquals("", pipedErr);
  }

  /**
   * The GPU build (./mvnw -Pgpu package) on a machine without CUDA, without its 2.4 GB jar: the
   * classpath of that build bundles the libtorch of flavor cu124 (its native/lib/pytorch.properties)
   * and no CPU library, so DJL finds nothing that matches the system and, offline, fails. It used
   * to end in DJL's stack trace; it is one message now, before anything is written.
   */
  @Test
  @DisplayName("the GPU build where there is no GPU: one message saying what it needs")
  void gpuBuildWithoutAGpu() throws Exception {
    Path fake = dir.resolve("gpu-build");
    Files.createDirectories(fake.resolve("native/lib"));
    Files.writeString(fake.resolve("native/lib/pytorch.properties"),
        "version=2.5.1-20241118\nflavor=cu124\nclassifier=linux-x86_64\n"
            + "libraries=libc10.so,libtorch.so,libtorch_cpu.so,libc10_cuda.so,libtorch_cuda.so\n");
    StringBuilder classpath = new StringBuilder(fake.toString());
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.contains("pytorch-native-cpu")) {
        classpath.append(java.io.File.pathSeparator).append(entry);
      }
    }
    Path out = dir.resolve("run");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", classpath.toString(),
            FearecCli.class.getName(), "train", "--model", "sasrec", "--device", "cpu",
            "--output", out.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("ENGINE_CACHE_DIR", dir.resolve("djl-cache").toString());
    Process p = builder.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(FearecCli.USER_ERROR, p.exitValue(), err);
    assertEquals("error: libtorch cannot start: this is the GPU build of the kit (./mvnw -Pgpu"
        + " package, libtorch for CUDA 12.4), which needs an NVIDIA GPU and a driver for CUDA 12.4"
        + " even for --device cpu (libtorch said: Failed to save pytorch index file: Offline mode"
        + " is enabled.); expected such a machine, or the CPU build: ./mvnw clean package (without"
        + " -Pgpu)" + System.lineSeparator(), err);
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  @DisplayName("empty paths (unset shell variables) and numbers outside the plain grammar")
  void emptyPathsAndOddNumbers() throws IOException {
    Path here = Files.createDirectories(dir.resolve("here"));
    // a folder named like its .inter file: --data "" used to read it from the current directory
    Files.writeString(here.resolve("here.inter"), "user_id:token\titem_id:token\n");
    assertRefused(run(train("--data", "")),
        "--data: data = '': an empty path (an unset shell variable?); expected synthetic or the"
            + " path of a .txt or .inter file or folder");
    for (String option : List.of("--output", "--config", "--resume")) {
      assertRefused(run(train(option, "")), "Invalid value for option '" + option + "': an empty"
          + " path (an unset shell variable?); expected a file or directory name (see 'fearec"
          + " train --help')");
    }
    assertRefused(run("evaluate", "--checkpoint", ""), "Invalid value for option '--checkpoint':"
        + " an empty path (an unset shell variable?); expected a file or directory name (see"
        + " 'fearec evaluate --help')");
    // Java's parsers read these as 3, 2^-10 and 0.001
    assertRefused(run(train("--epochs", "\u0663")),
        "--epochs: epochs = \u0663: expected an integer >= 1");
    assertRefused(run(train("--lr", "0x1p-10")),
        "--lr: learning_rate = 0x1p-10: expected a number > 0");
    assertRefused(run(train("--set", "learning_rate=1e-3d")),
        "--set: learning_rate = 1e-3d: expected a number > 0");
    assertRefused(run(train("--set", "synthetic_periods=\u0663-\u0667")),
        "--set: synthetic_periods = \u0663-\u0667: expected a period P or a range MIN-MAX with"
            + " 1 <= MIN <= MAX, e.g. 5 or 2-7");
  }

  @Test
  @DisplayName("a resume with fewer epochs or less patience than already run is refused")
  void resumeCannotRecordLessThanItRan() throws IOException {
    Path copy = copyOfRun();
    String results = Files.readString(copy.resolve("results.json"));
    CliRun more = run("train", "--resume", copy.toString(), "--epochs", "3");
    assertEquals(0, more.code(), more.err());
    results = Files.readString(copy.resolve("results.json"));
    assertRefused(run("train", "--resume", copy.toString(), "--epochs", "2"),
        "epochs = 2: the run in " + copy + " has already trained 3 epochs, and a resumed run"
            + " keeps what it trained; expected epochs >= 3 ('fearec evaluate --checkpoint "
            + copy + "' scores the run as it is)");
    assertEquals(results, Files.readString(copy.resolve("results.json")), "nothing recorded");
    CliRun same = run("train", "--resume", copy.toString(), "--epochs", "3");
    assertEquals(0, same.code(), "ending a run at the epochs it finished stays possible");
    // as if epochs 2 and 3 had not improved on epoch 1 (checksums off, as an older checkpoint)
    Path state = copy.resolve("checkpoint").resolve("state.json");
    Files.delete(copy.resolve("checkpoint").resolve("checksums.sha256"));
    Files.writeString(state, Files.readString(state)
        .replaceFirst("\"bestEpoch\": \\d+", "\"bestEpoch\": 1")
        .replaceFirst("\"sinceBest\": \\d+", "\"sinceBest\": 2"));
    assertRefused(run("train", "--resume", copy.toString(), "--epochs", "5", "--patience", "1"),
        "patience = 1: the run in " + copy + " has already gone 2 epochs without improving on"
            + " epoch 1, and a resumed run keeps what it trained; expected patience >= 2"
            + " ('fearec evaluate --checkpoint " + copy + "' scores the run as it is)");
  }

  @Test
  @DisplayName("evaluate checks model.json against the run's config.properties")
  void evaluateChecksModelJsonAgainstTheRunSettings() throws IOException {
    Path copy = copyOfRun();
    Path json = copy.resolve("model.json");
    // a description that still fits the weights, as one from another run with the same sizes
    Files.writeString(json, Files.readString(json).replace("1.0E-12", "1.0E-5"));
    Files.delete(copy.resolve("model.sha256")); // as a run saved before checksums existed
    assertRefused(run("evaluate", "--checkpoint", copy.toString()),
        json + ": describes a sasrec model with layer_norm_eps = 1.0E-5 where "
            + copy.resolve("config.properties") + " has layer_norm_eps = 1.0E-12; expected the"
            + " model.json that 'fearec train' wrote with this run's settings (is it a copy from"
            + " another run?)");
    // a run from before a key existed has it in neither file: no disagreement
    Path older = dir.resolve("older");
    Files.move(copy, older);
    Path description = older.resolve("model.json");
    Files.writeString(description, Files.readString(description).replace("1.0E-5", "1.0E-12")
        .replaceFirst("\\s*\"hiddenDropout\": [0-9.]+,", ""));
    Path settings = older.resolve("config.properties");
    Files.writeString(settings, Files.readString(settings).replaceFirst("hidden_dropout = .*\\n", ""));
    CliRun evaluated = run("evaluate", "--checkpoint", older.toString());
    assertEquals(0, evaluated.code(), evaluated.err());
  }

  @Test
  @DisplayName("probes: a line end in a file name, evaluate of a file, one run given twice")
  void probesOfTheNote() throws IOException {
    Path data = Files.writeString(dir.resolve("two\nlines.txt"), "1 1 2 x\n");
    assertRefused(run("train", "--model", "sasrec", "--data", data.toString(), "--k-core", "0",
            "--output", dir.resolve("o").toString()),
        (data + ":1: item id 'x' (field 4) is not a number; expected a positive integer id")
            .replace("\n", "\\n"));
    Path file = Files.writeString(dir.resolve("notes.txt"), "not a run");
    CliRun r = run("evaluate", "--checkpoint", file.toString());
    assertRefused(r, file + ": not a directory; expected the output directory of a 'fearec"
        + " train' run (it holds model.json and model.params)");
    assertEquals("", r.out(), "refused before the data is read");
    assertRefused(run("plot", "--output", dir.resolve("c.png").toString(), run.toString(),
            run.toString()), run + " is given twice; expected each run once");
  }

  @Test
  @DisplayName("a binary file given as --config is called binary, not old Mac line ends")
  void binaryConfigFile() throws IOException {
    Path config = dir.resolve("model.params");
    Files.write(config, new byte[] {'P', 'K', 3, 4, '\r', 0, 0, (byte) 0x9c, '\n'});
    assertRefused(run(train("--config", config.toString())),
        config + ":1: the line holds the control character U+0003 (byte 3): the file looks"
            + " binary, not text; expected a UTF-8 text file");
  }

  // ---------------------------------------------------------------- helpers

  private static String[] train(String... more) {
    String[] all = Arrays.copyOf(new String[] {"train"}, 1 + TINY.length + more.length);
    System.arraycopy(TINY, 0, all, 1, TINY.length);
    System.arraycopy(more, 0, all, 1 + TINY.length, more.length);
    return all;
  }

  private static void assertRefused(CliRun r, String message) {
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertEquals("error: " + message + System.lineSeparator(), r.err(), "one message");
    assertNoStackTrace(r);
  }


  private Path copyOfRun() throws IOException {
    Path copy = dir.resolve("copy");
    try (Stream<Path> files = Files.walk(run)) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().equals(".lock")) {
          Files.copy(p, copy.resolve(run.relativize(p).toString()));
        }
      }
    }
    return copy;
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }

  /** The checkpoint's array format, read independently of the library. */
  private static float[][] readFloats(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      float[][] arrays = new float[in.readInt()][];
      for (int i = 0; i < arrays.length; i++) {
        arrays[i] = new float[in.readInt()];
        for (int j = 0; j < arrays[i].length; j++) {
          arrays[i][j] = in.readFloat();
        }
      }
      return arrays;
    }
  }

  private static void writeFloats(Path file, float[][] arrays) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(arrays.length);
      for (float[] a : arrays) {
        out.writeInt(a.length);
        for (float v : a) {
          out.writeFloat(v);
        }
      }
    }
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
