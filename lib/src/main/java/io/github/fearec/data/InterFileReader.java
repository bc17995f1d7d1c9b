package io.github.fearec.data;

import io.github.fearec.Excerpt;
import io.github.fearec.Numbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a RecBole atomic interaction file ({@code .inter}): a tab-separated table whose first
 * non-blank line is a typed header (see {@link InterHeader}) and whose rows are single
 * interactions.
 *
 * <p>Ids are arbitrary string tokens (surrounding spaces are trimmed). Users are numbered in order
 * of first appearance. Each user's items are ordered by the {@code timestamp} column when there is
 * one, with a stable sort so that equal timestamps keep file order; without that column the file
 * order is taken to be chronological, as in the benchmark conversions of the {@code .txt} files.
 * Every row must have exactly as many fields as the header, because a short row usually means a
 * space was typed instead of a tab and the columns are shifted.
 *
 * <p>With a {@code timestamp} column, two rows of one user with the same item and the same
 * timestamp are refused: one interaction recorded twice (an export concatenated twice, say) would
 * otherwise count as two and inflate the item's popularity and the user's history. Without a
 * timestamp the file order is the chronology, and a repeated row is a repeated interaction (a song
 * played twice), kept.
 */
public final class InterFileReader {

  private InterFileReader() {}

  private record Row(int item, double timestamp, int line) {}

  /**
   * Reads {@code file}.
   *
   * @throws DataFormatException naming the file and line of the first problem found
   */
  public static RawSequences read(Path file) {
    try (TextLines lines = TextLines.open(file)) {
      InterHeader header = null;
      TokenInterner users = new TokenInterner();
      TokenInterner items = new TokenInterner();
      List<List<Row>> rowsByUser = new ArrayList<>();
      List<Integer> userLines = new ArrayList<>();
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        if (header == null) {
          header = InterHeader.parse(line, lines);
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields.length != header.width()) {
          throw lines.error(
              "the row has " + fields.length + " tab-separated fields",
              header.width() + " fields, one per header column");
        }
        int user = users.intern(token(fields, header.userColumn(), InterHeader.USER, lines));
        if (user == rowsByUser.size()) {
          rowsByUser.add(new ArrayList<>());
          userLines.add(lines.lineNumber());
        }
        int item = items.intern(token(fields, header.itemColumn(), InterHeader.ITEM, lines));
        double time =
            header.hasTimestamp() ? timestamp(fields[header.timestampColumn()], lines) : 0;
        rowsByUser.get(user).add(new Row(item, time, lines.lineNumber()));
      }
      if (header == null) {
        throw new DataFormatException(
            file,
            "the file is empty or holds only blank lines",
            "a header line such as 'user_id:token<TAB>item_id:token'");
      }
      if (rowsByUser.isEmpty()) {
        throw new DataFormatException(
            file, "the file has a header but no rows", "at least one interaction row");
      }
      int[][] sequences = new int[rowsByUser.size()][];
      List<String> userTokens = users.tokens();
      List<String> itemTokens = items.tokens();
      for (int u = 0; u < sequences.length; u++) {
        List<Row> rows = rowsByUser.get(u);
        if (header.hasTimestamp()) {
          rows.sort(Comparator.comparingDouble(Row::timestamp)); // List.sort is stable
          requireNoDuplicate(file, rows, userTokens.get(u), itemTokens);
        }
        sequences[u] = new int[rows.size()];
        for (int pos = 0; pos < rows.size(); pos++) {
          sequences[u][pos] = rows.get(pos).item();
        }
      }
      return new RawSequences(
          file,
          userTokens.toArray(String[]::new),
          userLines.stream().mapToInt(Integer::intValue).toArray(),
          sequences,
          itemTokens);
    }
  }

  /** Refuses a user's second row with the same item and timestamp (rows sorted by timestamp). */
  private static void requireNoDuplicate(
      Path file, List<Row> rows, String user, List<String> itemTokens) {
    Map<Integer, Row> atThisTime = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (i > 0 && rows.get(i - 1).timestamp() != row.timestamp()) {
        atThisTime.clear();
      }
      Row first = atThisTime.putIfAbsent(row.item(), row);
      if (first != null) {
        Row earlier = first.line() < row.line() ? first : row;
        Row later = first.line() < row.line() ? row : first;
        throw new DataFormatException(
            file,
            later.line(),
            "user '" + Excerpt.of(user) + "' has item '" + Excerpt.of(itemTokens.get(row.item()))
                + "' at timestamp " + time(row.timestamp()) + " again (first at line "
                + earlier.line() + "): one interaction recorded twice",
            "each interaction once (drop repeated rows, e.g. with awk '!seen[$0]++')");
      }
    }
  }

  /** 1388534400 rather than 1.3885344E9. */
  private static String time(double t) {
    return t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t);
  }

  /**
   * The longest id token: ids are kept in memory once per user and item, and no dataset the kit
   * knows of has ids longer than a URL.
   */
  public static final int MAX_TOKEN_CHARS = 1024;

  private static String token(String[] fields, int column, String name, TextLines at) {
    String token = fields[column].strip();
    if (token.isEmpty()) {
      throw at.error(
          "the " + name + " field (column " + (column + 1) + ") is empty", "an id token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw at.error(
          "the " + name + " field (column " + (column + 1) + ") is " + token.length()
              + " characters long ('" + Excerpt.of(token.substring(0, Excerpt.SHOWN)) + "...')",
          "an id token of at most " + MAX_TOKEN_CHARS + " characters");
    }
    return token;
  }

  /** A timestamp in the kit's number grammar ({@link Numbers}): no 2020f, no hex, no Infinity. */
  private static double timestamp(String field, TextLines at) {
    try {
      double time = Numbers.parseDouble(field.strip());
      if (Double.isFinite(time)) {
        return time;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw at.error(
        "timestamp '" + Excerpt.of(field) + "' is not a finite decimal number",
        "a number such as 1388534400 or 1388534400.5");
  }
}
