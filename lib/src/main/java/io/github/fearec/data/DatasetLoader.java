package io.github.fearec.data;

import io.github.fearec.Excerpt;
import io.github.fearec.FearecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a path named by the user into a {@link SequenceDataset} ready for leave-one-out evaluation:
 * picks the reader, applies k-core filtering, assigns dense item ids and checks that every user can
 * be split.
 *
 * <p>Accepted paths: a {@code .txt} file in the one-user-per-line format ({@link
 * SequenceFileReader}), a RecBole {@code .inter} file ({@link InterFileReader}), or a RecBole
 * dataset directory {@code X} holding {@code X/X.inter}. Item ids are assigned by {@link IdMapper};
 * user indices follow the order in which users first appear in the file.
 */
public final class DatasetLoader {

  /** The k of k-core filtering used by the FEARec paper and the benchmark files. */
  public static final int DEFAULT_K_CORE = 5;

  private static final String ACCEPTED =
      "a .txt file, a .inter file or a directory X containing X.inter";

  private DatasetLoader() {}

  /** Loads {@code path} with {@link #DEFAULT_K_CORE}-core filtering. */
  public static LoadedDataset load(Path path) {
    return load(path, DEFAULT_K_CORE);
  }

  /**
   * Loads {@code path}.
   *
   * @param kCore minimum number of interactions per user and per item, applied iteratively; 0 or 1
   *     disables filtering
   * @throws DataFormatException if the path cannot be read, is malformed, or leaves a user with
   *     fewer than {@link LeaveOneOutSplit#MIN_USER_LENGTH} items
   * @throws FearecException if {@code kCore} is negative
   */
  public static LoadedDataset load(Path path, int kCore) {
    if (kCore < 0) {
      throw new FearecException(
          "k-core threshold " + kCore + " is negative; expected 0 or 1 (no filtering) or k >= 2");
    }
    Path file = resolve(path);
    RawSequences raw = read(file);
    KCoreFilter.Result filtered = KCoreFilter.apply(raw, kCore);
    RawSequences kept = filtered.sequences();
    requireSplittable(kept, filtered.report());
    return assemble(nameOf(file), kept, filtered.report());
  }

  /**
   * The dataset's name, as {@link SequenceDataset#name()} will give it once loaded: the data file's
   * name without extension. Known before the data is read, so outputs named after it can be
   * checked first.
   */
  public static String nameOf(Path path) {
    String name = resolve(path).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The data file behind {@code path}: the path itself, or X/X.inter for a directory X; checked
   * to be a regular file with an extension a reader exists for, so that both {@link #nameOf} and
   * {@link #load} refuse anything else before reading.
   */
  private static Path resolve(Path path) {
    Path file = dataFile(path);
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file, TextLines.NOT_A_REGULAR_FILE, ACCEPTED);
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".txt") && !lower.endsWith(".inter")) {
      throw new DataFormatException(file, "has an unknown file extension", ACCEPTED);
    }
    return file;
  }

  private static Path dataFile(Path path) {
    if (Files.isDirectory(path)) {
      Path inter = path.resolve(path.toAbsolutePath().normalize().getFileName() + ".inter");
      if (!Files.exists(inter)) {
        throw new DataFormatException(
            path, "is a directory without " + inter.getFileName() + " inside", ACCEPTED);
      }
      return inter;
    }
    if (!Files.exists(path)) {
      throw new DataFormatException(path, "no such file or directory", ACCEPTED);
    }
    return path;
  }

  /** Reads {@code file} with the reader its extension names. */
  private static RawSequences read(Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".txt")) {
      return SequenceFileReader.read(file);
    }
    return InterFileReader.read(file); // resolve() admits .txt and .inter only
  }

  private static void requireSplittable(RawSequences kept, FilterReport report) {
    if (kept.numUsers() == 0) {
      throw new DataFormatException(
          kept.source(),
          report.summary() + ", leaving no data",
          "a dataset that keeps users at k = " + report.kCore() + " (try a smaller k)");
    }
    for (int u = 0; u < kept.numUsers(); u++) {
      if (kept.length(u) < LeaveOneOutSplit.MIN_USER_LENGTH) {
        String after =
            report.removedAnything() ? " after " + report.kCore() + "-core filtering" : "";
        throw new DataFormatException(
            kept.source(),
            kept.userLine(u),
            "user '" + Excerpt.of(kept.userToken(u)) + "' has only " + kept.length(u) + " item(s)" + after,
            "at least "
                + LeaveOneOutSplit.MIN_USER_LENGTH
                + " items per user (leave-one-out holds out the last"
                + " two and needs one as input; k-core filtering with k >= 3 ensures this)");
      }
    }
  }

  /** Assigns dense item ids and builds the dataset. */
  private static LoadedDataset assemble(String name, RawSequences kept, FilterReport report) {
    boolean[] occurs = new boolean[kept.numItemTokens()];
    for (int u = 0; u < kept.numUsers(); u++) {
      for (int pos = 0; pos < kept.length(u); pos++) {
        occurs[kept.itemIndex(u, pos)] = true;
      }
    }
    IdMapper ids = new IdMapper(kept.itemTokens(), occurs);
    int[][] sequences = new int[kept.numUsers()][];
    String[] userTokens = new String[kept.numUsers()];
    for (int u = 0; u < sequences.length; u++) {
      userTokens[u] = kept.userToken(u);
      sequences[u] = new int[kept.length(u)];
      for (int pos = 0; pos < sequences[u].length; pos++) {
        sequences[u][pos] = ids.denseId(kept.itemIndex(u, pos));
      }
    }
    SequenceDataset dataset = new SequenceDataset(name, ids.size(), sequences);
    return new LoadedDataset(kept.source(), dataset, userTokens, ids.tokensById(), report);
  }
}
