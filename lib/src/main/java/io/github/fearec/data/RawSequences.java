package io.github.fearec.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a reader found in a file, before filtering and before the final item ids are assigned: users
 * in file order with their raw id tokens and their items in chronological order.
 *
 * <p>Keeping the raw tokens and the line where each user first appears lets later steps report
 * problems in the user's own terms ({@code user 'A1B2' at line 17}) instead of internal indices.
 * Internally, items are held as provisional indices into a table of distinct item tokens, numbered
 * in order of first appearance. Instances are immutable.
 */
public final class RawSequences {

  private final Path source;
  private final String[] userTokens;
  private final int[] userLines;
  private final int[][] sequences;
  private final List<String> itemTokens;

  /**
   * Takes ownership of the arrays; readers and {@link KCoreFilter} build them fresh.
   *
   * @param userLines 1-based line of each user's first appearance
   * @param sequences per user, provisional item indices into {@code itemTokens}
   * @param itemTokens provisional index {@code i} holds token {@code i}
   */
  RawSequences(
      Path source,
      String[] userTokens,
      int[] userLines,
      int[][] sequences,
      List<String> itemTokens) {
    if (userTokens.length != userLines.length || userTokens.length != sequences.length) {
      throw new IllegalArgumentException("per-user arrays differ in length");
    }
    this.source = Objects.requireNonNull(source, "source");
    this.userTokens = userTokens;
    this.userLines = userLines;
    this.sequences = sequences;
    this.itemTokens = List.copyOf(itemTokens);
  }

  /** The file that was read. */
  public Path source() {
    return source;
  }

  public int numUsers() {
    return sequences.length;
  }

  /** The user's id as written in the file. */
  public String userToken(int user) {
    return userTokens[user];
  }

  /** The 1-based line where the user first appears in the file. */
  public int userLine(int user) {
    return userLines[user];
  }

  public int length(int user) {
    return sequences[user].length;
  }

  /** The raw token of the item at position {@code pos} (0 = oldest) of the user's sequence. */
  public String itemToken(int user, int pos) {
    return itemTokens.get(sequences[user][pos]);
  }

  public long numInteractions() {
    long total = 0;
    for (int[] sequence : sequences) {
      total += sequence.length;
    }
    return total;
  }

  /** Number of distinct item tokens in the file as read. */
  public int numItemTokens() {
    return itemTokens.size();
  }

  /** Provisional item index at position {@code pos} of the user's sequence. */
  int itemIndex(int user, int pos) {
    return sequences[user][pos];
  }

  List<String> itemTokens() {
    return itemTokens;
  }

  /**
   * The data restricted to the kept users and, within their sequences, to the kept items; item
   * indices and tokens are unchanged.
   */
  RawSequences restrictTo(boolean[] keepUser, boolean[] keepItem) {
    int kept = 0;
    for (boolean keep : keepUser) {
      kept += keep ? 1 : 0;
    }
    String[] tokens = new String[kept];
    int[] lines = new int[kept];
    int[][] keptSequences = new int[kept][];
    int next = 0;
    for (int u = 0; u < numUsers(); u++) {
      if (keepUser[u]) {
        tokens[next] = userTokens[u];
        lines[next] = userLines[u];
        keptSequences[next] = keptItems(sequences[u], keepItem);
        next++;
      }
    }
    return new RawSequences(source, tokens, lines, keptSequences, itemTokens);
  }

  private static int[] keptItems(int[] sequence, boolean[] keepItem) {
    int[] kept = new int[sequence.length];
    int length = 0;
    for (int item : sequence) {
      if (keepItem[item]) {
        kept[length++] = item;
      }
    }
    return Arrays.copyOf(kept, length);
  }
}
