package io.github.fearec;

import static io.github.fearec.data.TestFiles.assertFormatError;
import static io.github.fearec.data.TestFiles.write;
import static io.github.fearec.testing.CliRun.run;
import static io.github.fearec.testing.UserMessages.assertNoStackTrace;
import static io.github.fearec.testing.UserMessages.assertReadable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fearec.cli.FearecCli;
import io.github.fearec.data.DataFormatException;
import io.github.fearec.data.DatasetLoader;
import io.github.fearec.data.LoadedDataset;
import io.github.fearec.data.SyntheticConfig;
import io.github.fearec.data.TestFiles;
import io.github.fearec.data.SyntheticDataset;
import io.github.fearec.eval.EvalConfig;
import io.github.fearec.nn.MachineMemory;
import io.github.fearec.nn.ModelConfig;
import io.github.fearec.nn.ModelType;
import io.github.fearec.nn.NextItemModel;
import io.github.fearec.testing.TinyModels;
import io.github.fearec.testing.CliRun;
import io.github.fearec.persist.CheckpointException;
import io.github.fearec.persist.ModelCheckpoint;
import io.github.fearec.train.NextItemLoss;
import io.github.fearec.train.TrainConfig;
import io.github.fearec.persist.TrainingCheckpoint;
import io.github.fearec.train.EpochRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of issue #7: every kind of bad data file, configuration value and
 * checkpoint the kit must refuse, one test each, plus the two harmless file variants it must
 * accept (Windows line ends, a UTF-8 byte-order mark). Each refusal is checked for the documented
 * exception type ({@link FearecException} and its subclasses) and its whole message, which names
 * the problem and what is expected (and file:line for data files); a representative subset also
 * goes through the command line, which must exit with {@link FearecCli#USER_ERROR} and print
 * exactly that message, without a stack trace.
 */
class BadInputCorpusTest {

  private static final String ACCEPTED_PATHS =
      "a .txt file, a .inter file or a directory X containing X.inter";
  private static final String INTER_TYPES = "one of token, token_seq, float, float_seq";

  /** A finished one-epoch SASRec run: model checkpoint, training checkpoint, config. */
  @TempDir static Path run;

  @TempDir Path dir;

  @BeforeAll
  static void trainTinyRun() {
    CliRun r =
        run(
            "train", "--model", "sasrec", "--epochs", "1", "--output", run.toString(),
            "--set", "synthetic_users=150", "--set", "synthetic_items=40", "--max-length", "12",
            "--set", "hidden_size=16", "--set", "inner_size=32", "--batch-size", "64");
    assertEquals(0, r.code(), r.err());
  }

  // ---------------------------------------------------------------- data files

  /**
   * A bad data file.
   *
   * @param make creates the path in a fresh directory
   * @param line the line the error names, 0 for the file as a whole
   * @param cli whether to check the command line too
   */
  record DataCase(Function<Path, Path> make, int line, String problem, String expected,
      boolean cli) {}

  static Stream<Arguments> badDataFiles() {
    String perLine = "one line 'user_id item_1 item_2 ...' per user";
    String positive = "ids >= 1 (0 is reserved for padding)";
    return Stream.of(
        data("missing file", d -> d.resolve("Beauty.txt"), 0,
            "no such file or directory", ACCEPTED_PATHS, true),
        data("a directory instead of a file", BadInputCorpusTest::directory, 0,
            "is a directory without Yelp.inter inside", ACCEPTED_PATHS, false),
        data("old Mac line ends (\\r alone)", txt("1 1 2 3\r2 3 4 5\r3 4 5 6\r"), 1,
            "the line holds a carriage return (\\r) that does not end it",
            "lines ending in \\n or \\r\\n", true),
        data("mixed line ends", txt("1 1 2 3\n2 3 4 5\r3 4 5 6\n"), 2,
            "the line holds a carriage return (\\r) that does not end it",
            "lines ending in \\n or \\r\\n", false),
        data("Unicode line separator", txt("1 1 2 3\u20282 3 4 5\n"), 1,
            "the Unicode line separator U+2028 (character 8)", "lines separated by \\n only",
            false),
        data("empty file", txt(""), 0,
            "the file is empty or holds only blank lines", perLine, false),
        data("only blank lines", txt("\n  \t\r\n\n"), 0,
            "the file is empty or holds only blank lines", perLine, true),
        data("non-numeric token", txt("1 1 2 3\n\n2 3 x4 5\n"), 3,
            "item id 'x4' (field 3) is not a number", "a positive integer id", true),
        data("negative id", txt("1 1 2 3\n-4 1 2 3\n"), 2,
            "user id '-4' (field 1) is not positive", positive, false),
        data("zero id", txt("1 1 2 3\n2 0 3 4\n"), 2,
            "item id '0' (field 2) is not positive", positive, false),
        data("id beyond int range", txt("1 2147483647 1 2\n2 2147483648 1 2\n"), 2,
            "item id '2147483648' (field 2) is beyond the int range", "ids <= 2147483647", false),
        data("duplicate user line", txt("1 1 2 3\n2 3 4 5\n\n01 5 6 7\n"), 4,
            "user 1 appears again (first at line 1)", "each user on exactly one line", true),
        data("user with fewer than 3 items", txt("1 1 2 3\n\n22 2 3\n"), 3,
            "user '22' has only 2 item(s)",
            "at least 3 items per user (leave-one-out holds out the last two and needs one as"
                + " input; k-core filtering with k >= 3 ensures this)",
            true),
        data(".inter row with missing columns",
            inter("user_id:token\titem_id:token\ttimestamp:float\n1\t2\t3\n1 3 4\n"), 3,
            "the row has 1 tab-separated fields", "3 fields, one per header column", true),
        data(".inter header without an item_id column",
            inter("user_id:token\trating:float\n1\t2\n"), 1,
            "the header has no item_id column",
            "a header with user_id:token and item_id:token columns (tab-separated)", false),
        data(".inter header with an unknown type",
            inter("user_id:token\titem_id:token\trating:double\n1\t2\t3\n"), 1,
            "header field 'rating:double' (column 3) has unknown type 'double'",
            "a type, " + INTER_TYPES, false),
        data(".inter file without a header", inter("1\t1\n1\t2\n"), 1,
            "header field '1' (column 1) is not of the form name:type",
            "a first line of tab-separated name:type fields such as"
                + " 'user_id:token<TAB>item_id:token', with type " + INTER_TYPES,
            true),
        data("empty .inter file", inter("\n\n"), 0,
            "the file is empty or holds only blank lines",
            "a header line such as 'user_id:token<TAB>item_id:token'", false),
        // issue #28: inputs without bounds
        data("a named pipe (reading it would block)", BadInputCorpusTest::fifo, 0,
            "is not a regular file but a named pipe, a device or a socket", ACCEPTED_PATHS, true),
        data("a character device (/dev/zero never ends)", d -> Path.of("/dev/zero"), 0,
            "is not a regular file but a named pipe, a device or a socket", ACCEPTED_PATHS, true),
        data("a line longer than 4 MiB (a file without line ends)",
            d -> write(d, "data.txt", "1 2 3 ".repeat(900_000)), 1,
            "the line is longer than 4 MiB (it starts '" + "1 2 3 ".repeat(6) + "1 2 ...')",
            "lines of at most 4 MiB (is it a binary file, or one without line ends?)", true),
        data("an enormous numeric token", txt("1 1 2 3\n2 " + "9".repeat(1_000_000) + " 4\n"), 2,
            "item id '" + "9".repeat(40) + "... (1000000 characters)' (field 2) is beyond the int"
                + " range",
            "ids <= 2147483647", true),
        data(".inter id token longer than 1024 characters",
            inter("user_id:token\titem_id:token\nu1\t" + "x".repeat(5000) + "\n"), 2,
            "the item_id field (column 2) is 5000 characters long ('" + "x".repeat(40) + "...')",
            "an id token of at most 1024 characters", true),
        data("a data path without an extension", d -> write(d, "data", "1 1 2 3\n"), 0,
            "has an unknown file extension", ACCEPTED_PATHS, true),
        // issue #28: silent acceptance
        data(".inter timestamp with a type suffix (Java reads 2020f as 2020.0)",
            inter("user_id:token\titem_id:token\ttimestamp:float\n1\t2\t2020f\n"), 2,
            "timestamp '2020f' is not a finite decimal number",
            "a number such as 1388534400 or 1388534400.5", true),
        data(".inter timestamp in hexadecimal floating point",
            inter("user_id:token\titem_id:token\ttimestamp:float\n1\t2\t0x1p3\n"), 2,
            "timestamp '0x1p3' is not a finite decimal number",
            "a number such as 1388534400 or 1388534400.5", false),
        data(".inter row repeated exactly (one interaction recorded twice)",
            inter("user_id:token\titem_id:token\ttimestamp:float\nu\ta\t1388534400\n"
                + "u\tb\t1388534401\nu\tc\t1388534402\nu\ta\t1388534400\n"), 5,
            "user 'u' has item 'a' at timestamp 1388534400 again (first at line 2): one"
                + " interaction recorded twice",
            "each interaction once", true),
        // found by the probes of issue #28's note
        data("a UTF-16 file (every other byte NUL)",
            d -> TestFiles.writeBytes(d, "data.txt",
                "\uFEFF1 1 2 3\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), 1,
            "the file starts with a UTF-16 byte-order mark: it is UTF-16 text",
            "UTF-8 text (convert with: iconv -f UTF-16 -t UTF-8)", true),
        data("5 MB of zero bytes (a sparse file) is binary, not a long line",
            d -> TestFiles.writeBytes(d, "data.txt", new byte[5 << 20]), 1,
            "the line holds the control character U+0000 (byte 1): the file looks binary",
            "a UTF-8 text file", false),
        data("a binary file (NUL bytes)", txt("1 1 2\u0000\u0007\r3\n"), 1,
            "the line holds the control character U+0000 (byte 6): the file looks binary, not"
                + " text",
            "a UTF-8 text file", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDataFiles")
  void badDataFile(String name, DataCase c) {
    Path path = c.make().apply(dir);
    DataFormatException e =
        assertFormatError(
            path, c.line(), c.problem(), c.expected(), () -> DatasetLoader.load(path, 0));
    assertReadable(e.getMessage());
    if (c.cli()) {
      assertCliRefuses(e.getMessage(), "train", "--data", path.toString(), "--k-core", "0");
    }
  }

  /** A folder X is read as X/X.inter, which is refused when it is a pipe (not called missing). */
  @Test
  @DisplayName("a folder X whose X.inter is a named pipe")
  void folderWhoseInterFileIsAPipe() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("Yelp"));
    Path pipe = fifo(folder, "Yelp.inter");
    assertFormatError(pipe, 0, "is not a regular file but a named pipe, a device or a socket",
        ACCEPTED_PATHS, () -> DatasetLoader.load(folder, 0));
  }

  static Stream<Arguments> harmlessFileVariants() {
    return Stream.of(
        Arguments.of("CRLF line ends", "s.txt", "1 1 2 3\r\n2 3 4 5\r\n"),
        Arguments.of("UTF-8 byte-order mark", "s.txt", "\uFEFF1 1 2 3\n2 3 4 5\n"),
        Arguments.of(
            ".inter with a byte-order mark and CRLF line ends",
            "s.inter",
            "\uFEFFuser_id:token\titem_id:token\r\n1\t1\r\n1\t2\r\n1\t3\r\n2\t3\r\n2\t4\r\n2\t5\r\n"));
  }

  /** Both files hold users 1 (items 1 2 3) and 2 (items 3 4 5); ids follow first appearance. */
  @ParameterizedTest(name = "accepted: {0}")
  @MethodSource("harmlessFileVariants")
  void harmlessFileVariantIsReadAsThePlainFile(String name, String file, String content) {
    LoadedDataset loaded = DatasetLoader.load(write(dir, file, content), 0);
    assertEquals(2, loaded.dataset().numUsers());
    assertEquals("1", loaded.userToken(0), "no byte-order mark left on the first token");
    assertEquals("2", loaded.userToken(1));
    assertArrayEquals(new int[] {1, 2, 3}, loaded.dataset().sequence(0));
    assertArrayEquals(new int[] {3, 4, 5}, loaded.dataset().sequence(1));
    assertEquals("5", loaded.itemToken(5), "no carriage return left on the last token");
  }

  /** A stated decision (issue #28): without timestamps the file order is the chronology. */
  @Test
  @DisplayName("accepted: .inter rows repeated without a timestamp are repeated interactions")
  void repeatedRowsWithoutTimestampAreKept() {
    LoadedDataset loaded = DatasetLoader.load(
        write(dir, "s.inter", "user_id:token\titem_id:token\nu\ta\nu\tb\nu\ta\nu\ta\n"), 0);
    assertArrayEquals(new int[] {1, 2, 1, 1}, loaded.dataset().sequence(0));
  }

  // ---------------------------------------------------------------- configuration

  /**
   * @param build builds the invalid configuration through the library
   * @param message the complete expected message
   * @param cli the same setting as command-line arguments of 'train'; empty: library only
   */
  record ConfigCase(Executable build, String message, String... cli) {}

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        config("N < 2", Map.of("max_length", 1), "max_length = 1: expected an integer >= 2",
            "--max-length", "1"),
        config("heads not dividing d", Map.of("num_heads", 3),
            "num_heads = 3: expected a divisor of hidden_size = 64", "--set", "num_heads=3"),
        config("γ = 0", Map.of(
                "global_ratio", 0), "global_ratio = 0.0: expected a number in (0, 1]"),
        config("γ > 1", Map.of("global_ratio", 1.5),
            "global_ratio = 1.5: expected a number in (0, 1]", "--set", "global_ratio=1.5"),
        config("α < 0", Map.of("time_weight", -0.1),
            "time_weight = -0.1: expected a number in [0, 1]"),
        config("α > 1", Map.of("time_weight", 1.1),
            "time_weight = 1.1: expected a number in [0, 1]", "--set", "spatial_ratio=1.1"),
        // k = floor(4 · ln 5) = floor(6.44) = 6 lags, but a sequence of 5 has only 5
        training("k > N",
            () -> ModelConfig.defaults().with(Map.of(
                    "max_length", 5,
                    "topk_factor", 4)).requireFrequencyLayers(),
            "topk_factor = 4.0: expected a value giving 1 <= k = floor(c·ln N) <= N for FEARec"
                + " (here k = 6 for N = 5; raise max_length or topk_factor)",
            "--max-length", "5", "--set", "topk_factor=4"),
        config("hidden dropout = 1", Map.of("hidden_dropout", 1),
            "hidden_dropout = 1.0: expected a number in [0, 1)", "--set", "hidden_dropout=1"),
        config("attention dropout > 1", Map.of("attention_dropout", 1.5),
            "attention_dropout = 1.5: expected a number in [0, 1)"),
        training("batch size 0", () -> trainConfig().with("batch_size", 0),
            "batch_size = 0: expected an integer >= 1", "--batch-size", "0"),
        training("learning rate 0", () -> trainConfig().with("learning_rate", 0),
            "learning_rate = 0.0: expected a number > 0"),
        training("negative learning rate", () -> trainConfig().with("learning_rate", -0.001),
            "learning_rate = -0.001: expected a number > 0", "--lr=-0.001"),
        training("BCE with a contrastive term",
            () -> trainConfig().with("loss", NextItemLoss.BCE),
            "contrastive = us_x: expected none with loss = bce (contrastive terms need loss = ce)",
            "--model", "duorec", "--set", "loss=bce"),
        training("BCE on FEARec", () -> NextItemLoss.BCE.requireSupports(ModelType.FEAREC),
            "loss = bce: expected a causal encoder (sasrec, duorec); FEARec's frequency branch"
                + " reads later positions, so a loss on every position would see its own targets",
            "--set", "loss=bce", "--set", "contrastive=none"),
        training("unknown loss", () -> trainConfig().with("loss", "hinge"),
            "loss = hinge: expected ce or bce"),
        training("evaluation batch of 0 users",
            () -> EvalConfig.DEFAULTS.with("eval_batch_size", 0),
            "eval_batch_size = 0: expected an integer >= 1", "--set", "eval_batch_size=0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void badConfiguration(String name, ConfigCase c) {
    ConfigException e = assertThrows(ConfigException.class, c.build());
    assertEquals(c.message(), e.getMessage());
    assertReadable(e.getMessage());
    if (c.cli().length > 0) {
      assertCliRefuses(c.message(), concat(new String[] {"train"}, c.cli()));
    }
  }

  /** The synthetic generator's settings are checked when the data is generated. */
  @Test
  @DisplayName("synthetic length range out of order or too short")
  void syntheticLengthRange() {
    assertCliRefuses(
        "synthetic_max_length = 50: expected at least synthetic_min_length = 60",
        "train", "--set", "synthetic_min_length=60");
    assertCliRefuses(
        "synthetic_min_length = 8: expected at least the longest period + 3 = 10 (the held-out"
            + " items and one training target must follow a full cycle)",
        "train", "--set", "synthetic_min_length=8");
    assertCliRefuses(
        "--set: synthetic_max_length = long: expected an integer >= 1",
        "train", "--set", "synthetic_max_length=long");
  }

  /** A model is a Recommender; its names are those the command line and config files take. */
  @Test
  @DisplayName("unknown model name")
  void unknownModelName() {
    assertCliRefuses(
        "--model: model = bert4rec: expected one of fearec, sasrec, sasrec-bce, duorec, pop",
        "train", "--model", "bert4rec");
  }

  // ---------------------------------------------------------------- sizes (issue #28)

  /**
   * A size far too big for the machine is refused before anything is allocated, with what fits
   * (the machine is taken to have 8 GB available, so the message is the same everywhere): it
   * used to hang in the band filters' set-up (max_length) or in the frequency ramp (num_layers),
   * or crash inside libtorch.
   */
  @Test
  @DisplayName("sizes too big for the machine's memory")
  void sizesTooBigForTheMachine() {
    String common = "batch_size = 256, eval_batch_size = 256: needs about ";
    final String more = " this machine has available; expected settings that fit, e.g. ";
    final String hint = " (the estimate errs on the large side; FEAREC_JAVA_OPTS=-Dfearec.memory.check=off"
        + " skips the check)";
    withAvailableMemory(8_000_000_000L, () -> {
      assertCliRefuses(
          "training fearec with max_length = 100000, hidden_size = 64, inner_size = 256,"
              + " num_layers = 2, 500 items, " + common + "206 TB of memory (attention arrays"
              + " (B, h, N, N) 205 TB, hidden arrays (B, N, d) 410 GB), more than the 8.0 GB"
              + more + "max_length <= 451" + hint,
          "train", "--max-length", "100000");
      assertCliRefuses(
          "training fearec with max_length = 50, hidden_size = 64, inner_size = 256,"
              + " num_layers = 2000000000, 500 items, " + common + "668 PB of memory (hidden"
              + " arrays (B, N, d) 328 PB, feed-forward arrays (B, N, inner_size) 210 PB), more"
              + " than the 8.0 GB" + more + "num_layers <= 22" + hint,
          "train", "--set", "num_layers=2000000000");
      assertCliRefuses(
          "max_length = 50, hidden_size = 2000000000, inner_size = 256, num_layers = 2, 500"
              + " items: the item table holds 1002000000000 values ((items + 1) × hidden_size),"
              + " more than the 2147483639 a Java array holds (checkpoints copy it into one);"
              + " expected hidden_size <= 4286394",
          "train", "--model", "sasrec", "--set", "hidden_size=2000000000");
      // a data file's item count is not known before it is read: the sizes alone are checked
      assertCliRefuses(
          "training sasrec with max_length = 50, hidden_size = 64, inner_size = 256,"
              + " num_layers = 2, batch_size = 100000000, eval_batch_size = 256: needs about"
              + " 95 TB of memory (feed-forward arrays (B, N, inner_size) 41 TB, hidden arrays"
              + " (B, N, d) 38 TB), more than the 8.0 GB" + more + "batch_size <= 8018" + hint,
          "train", "--model", "sasrec", "--data", write(dir, "d.txt", "1 1 2 3\n").toString(),
          "--batch-size", "100000000");
    });
    withAvailableMemory(1_000_000_000L, () -> assertCliRefuses(
        "evaluating sasrec with max_length = 12, hidden_size = 16, inner_size = 32, num_layers"
            + " = 2, " + trainedItems() + " items, eval_batch_size = 100000000: needs about"
            + " 4.5 TB of memory (hidden arrays (B, N, d) 2.3 TB, feed-forward arrays (B, N,"
            + " inner_size) 1.2 TB), more than the 1.0 GB" + more + "eval_batch_size <= 14432"
            + hint,
        "evaluate", "--checkpoint", run.toString(), "--set", "eval_batch_size=100000000"));
  }

  private static void withAvailableMemory(long bytes, Runnable action) {
    System.setProperty(MachineMemory.AVAILABLE_PROPERTY, Long.toString(bytes));
    try {
      action.run();
    } finally {
      System.clearProperty(MachineMemory.AVAILABLE_PROPERTY);
    }
  }

  // ---------------------------------------------------------------- checkpoints

  @Test
  @DisplayName("model checkpoint missing")
  void modelCheckpointMissing() {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(dir, 40, null));
    assertEquals(
        dir.resolve("model.json")
            + ": missing; expected a checkpoint directory written by 'fearec train'",
        e.getMessage());
    assertCliRefuses(e.getMessage(), "evaluate", "--checkpoint", dir.toString());
  }

  @Test
  @DisplayName("model weights truncated")
  void modelWeightsTruncated() throws IOException {
    Path copy = copyOfRun();
    Path weights = copy.resolve("model.params");
    truncate(weights, Files.size(weights) / 2);
    CheckpointException e = refusedModelCheckpoint(copy);
    String message =
        weights + ": cannot be read (the file ends early), it is truncated, damaged or belongs to"
            + " another configuration; expected the model.params saved together with model.json";
    assertEquals(message, e.getMessage());
    assertCliRefuses(message, "evaluate", "--checkpoint", copy.toString());
  }

  @Test
  @DisplayName("model description truncated (Gson's message names its exception class)")
  void modelDescriptionTruncated() throws IOException {
    Path copy = copyOfRun();
    Path description = copy.resolve("model.json");
    truncate(description, Files.size(description) / 2);
    CheckpointException e = refusedModelCheckpoint(copy);
    assertTrue(e.getMessage().startsWith(description + ": cannot be read ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("); expected the JSON description 'fearec train' writes"),
        e.getMessage());
    assertCliRefuses(e.getMessage(), "evaluate", "--checkpoint", copy.toString());
  }

  @Test
  @DisplayName("model checkpoint from another item count")
  void modelCheckpointFromAnotherItemCount() {
    int other = SyntheticDataset.generate(synthetic(150, 30)).dataset().numItems();
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> ModelCheckpoint.load(run, other, null));
    assertEquals(
        run + ": the checkpoint was trained on " + trainedItems() + " items but the data has "
            + other + "; expected the dataset it was trained on, with the same k-core filtering",
        e.getMessage());
    // the command line knows the run's data and refuses other data before the item count differs
    CliRun r =
        run("evaluate", "--checkpoint", run.toString(), "--set", "synthetic_items=30");
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(
        r.err().contains(run.resolve("data.sha256") + ": the run was trained on other data"),
        r.err());
    assertNoStackTrace(r);
  }

  @Test
  @DisplayName("model weights from another configuration")
  void modelWeightsFromAnotherConfiguration() throws IOException {
    Path copy = copyOfRun();
    replaceIn(copy.resolve("model.json"), "\"hiddenSize\": 16", "\"hiddenSize\": 32");
    CheckpointException e = refusedModelCheckpoint(copy);
    // the first parameter is the item embedding: |I| + 1 rows (padding) of d values
    int rows = trainedItems() + 1;
    assertEquals(
        copy.resolve("model.params") + ": the weights belong to another configuration (parameter"
            + " 0 has shape (" + rows + ", 16) where model.json implies (" + rows + ", 32));"
            + " expected the weights of the architecture in model.json",
        e.getMessage());
  }

  @Test
  @DisplayName("model description with an invalid configuration")
  void modelDescriptionWithAnInvalidConfiguration() throws IOException {
    Path copy = copyOfRun();
    replaceIn(copy.resolve("model.json"), "\"maxLength\": 12", "\"maxLength\": 1");
    CheckpointException e = refusedModelCheckpoint(copy);
    assertEquals(
        copy.resolve("model.json")
            + ": invalid configuration: max_length = 1: expected an integer >= 2",
        e.getMessage());
  }

  @Test
  @DisplayName("training checkpoint missing")
  void trainingCheckpointMissing() {
    try (NextItemModel model = tinyModel(TinyModels.SMALL)) {
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () -> TrainingCheckpoint.load(dir, model, EpochRecord.class));
      assertEquals(
          dir.resolve("checkpoint").resolve("state.json")
              + ": missing; expected the output directory of an interrupted 'fearec train'",
          e.getMessage());
    }
    // the command line needs the run's settings before it can build the model to resume
    assertCliRefuses(
        dir.resolve("config.properties")
            + ": missing; expected --resume to name the output directory of an interrupted"
            + " 'fearec train' run",
        "train", "--resume", dir.toString());
  }

  @Test
  @DisplayName("training checkpoint truncated")
  void trainingCheckpointTruncated() throws IOException {
    Path copy = copyOfRun();
    Path weights = copy.resolve("checkpoint").resolve("weights.bin");
    truncate(weights, Files.size(weights) - 7);
    try (NextItemModel model = tinyModel(TinyModels.SMALL)) {
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () -> TrainingCheckpoint.load(copy, model, EpochRecord.class));
      assertReadable(e.getMessage());
      assertEquals(
          copy.resolve("checkpoint") + ": cannot be read (" + weights + " ends early), the"
              + " checkpoint is truncated or damaged; expected the files 'fearec train' writes"
              + " after every epoch",
          e.getMessage());
    }
  }

  @Test
  @DisplayName("training checkpoint from another configuration")
  void trainingCheckpointFromAnotherConfiguration() throws IOException {
    Path copy = copyOfRun();
    String expected =
        "; expected the architecture settings and the dataset of the interrupted run";
    try (NextItemModel wider =
        tinyModel(TinyModels.SMALL.with(Map.of("hidden_size", 32, "inner_size", 64)))) {
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () -> TrainingCheckpoint.load(copy, wider, EpochRecord.class));
      int rows = trainedItems() + 1; // the item embedding comes first
      assertEquals(
          copy.resolve("checkpoint") + ": the saved weights do not fit the model to resume"
              + " (parameter 0 has " + rows * 16 + " values, the model's has shape (" + rows
              + ", 32))" + expected,
          e.getMessage());
    }
    // a settings file edited by hand reaches the check of the saved arrays
    Path config = copy.resolve("config.properties");
    replaceIn(config, "hidden_size = 16", "hidden_size = 32");
    replaceIn(config, "inner_size = 32", "inner_size = 64");
    String settings = Files.readString(config);
    CliRun r = run("train", "--resume", copy.toString());
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().strip().endsWith(expected), r.err());
    assertNoStackTrace(r);
    assertEquals(settings, Files.readString(config), "a refused resume keeps the run's settings");
  }

  // ---------------------------------------------------------------- helpers

  private static Arguments data(String name, Function<Path, Path> make, int line, String problem,
      String expected, boolean cli) {
    return Arguments.of(name, new DataCase(make, line, problem, expected, cli));
  }

  private static Function<Path, Path> txt(String content) {
    return d -> write(d, "data.txt", content);
  }

  private static Function<Path, Path> inter(String content) {
    return d -> write(d, "data.inter", content);
  }

  /** A named pipe that no process writes to: opening it for reading would block for ever. */
  private static Path fifo(Path d) {
    return fifo(d, "data.txt");
  }

  private static Path fifo(Path d, String name) {
    Path pipe = d.resolve(name);
    try {
      assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return pipe;
  }

  /** A RecBole-style folder "Yelp" that lacks Yelp.inter. */
  private static Path directory(Path d) {
    write(d, "Yelp/Yelp.txt", "1 1 2 3\n");
    return d.resolve("Yelp");
  }

  private static Arguments config(String name, Map<String, ?> change, String message,
      String... cli) {
    return Arguments.of(
        name, new ConfigCase(() -> ModelConfig.defaults().with(change), message, cli));
  }

  private static Arguments training(String name, Executable build, String message,
      String... cli) {
    return Arguments.of(name, new ConfigCase(build, message, cli));
  }

  private static TrainConfig trainConfig() {
    return TrainConfig.defaults(ModelType.FEAREC);
  }

  private static SyntheticConfig synthetic(int users, int items) {
    return SyntheticConfig.DEFAULTS.with(Map.of(
            "synthetic_users", users,
            "synthetic_items", items));
  }

  /** The item count of the shared run's data. */
  private static int trainedItems() {
    return SyntheticDataset.generate(synthetic(150, 40)).dataset().numItems();
  }

  /** Loading the model checkpoint in {@code directory} for the shared run's data fails. */
  private static CheckpointException refusedModelCheckpoint(Path directory) {
    CheckpointException e =
        assertThrows(
            CheckpointException.class, () -> ModelCheckpoint.load(directory, trainedItems(), null));
    assertReadable(e.getMessage());
    return e;
  }

  private static NextItemModel tinyModel(ModelConfig config) {
    return NextItemModel.create(ModelType.SASREC, config, trainedItems(), null);
  }

  /**
   * The command line exits with the user-error code and prints {@code error: message} as its
   * last line, the message prefixed by the option that gave the value where there is one
   * ({@code error: --max-length: max_length = 1: ...}), with no stack trace.
   */
  private static void assertCliRefuses(String message, String... args) {
    CliRun r = run(args);
    assertEquals(FearecCli.USER_ERROR, r.code(), r.err());
    String[] lines = r.err().split(System.lineSeparator());
    assertEquals(1, lines.length, "one message: " + r.err());
    assertTrue(
        lines[lines.length - 1].matches("error: (--[a-z-]+: )?" + Pattern.quote(message)), r.err());
    assertNoStackTrace(r);
  }


  private static String[] concat(String[] first, String... rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  /** A private copy of the shared run, so a test can damage it. */
  private Path copyOfRun() throws IOException {
    Path copy = dir.resolve("run");
    try (Stream<Path> files = Files.walk(run)) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(run.relativize(p).toString()));
      }
    }
    return copy;
  }

  private static void truncate(Path file, long keep) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) keep));
  }

  private static void replaceIn(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), () -> file + " lacks " + from + ":\n" + text);
    Files.writeString(file, text.replace(from, to));
  }
}
