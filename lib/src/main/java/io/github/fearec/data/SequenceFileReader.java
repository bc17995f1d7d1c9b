package io.github.fearec.data;

import io.github.fearec.Excerpt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the one-user-per-line format of the published benchmark files (Beauty.txt and friends):
 * {@code user_id item_1 item_2 ... item_n}, separated by spaces or tabs, items oldest first.
 *
 * <p>Ids in this format are numbers, so every id must be a positive {@code int}; numbers are
 * compared by value ({@code 007} and {@code 7} are the same item). Each user may have only one
 * line, because two lines for one user would leave their relative order, and hence the chronology,
 * undefined. Blank lines are skipped.
 */
public final class SequenceFileReader {

  private static final String LINE_FORMAT = "'user_id item_1 item_2 ...'";

  private SequenceFileReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws DataFormatException naming the file and line of the first problem found
   */
  public static RawSequences read(Path file) {
    try (TextLines lines = TextLines.open(file)) {
      TokenInterner items = new TokenInterner();
      Map<Integer, Integer> lineOfUser = new HashMap<>();
      List<String> users = new ArrayList<>();
      List<Integer> userLines = new ArrayList<>();
      List<int[]> sequences = new ArrayList<>();
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = fields(line);
        int user = parseId(fields, 0, lines);
        Integer firstLine = lineOfUser.putIfAbsent(user, lines.lineNumber());
        if (firstLine != null) {
          throw lines.error(
              "user " + user + " appears again (first at line " + firstLine + ")",
              "each user on exactly one line");
        }
        if (fields.length == 1) {
          throw lines.error(
              "user " + user + " has no items", LINE_FORMAT + " with at least one item");
        }
        int[] sequence = new int[fields.length - 1];
        for (int f = 1; f < fields.length; f++) {
          sequence[f - 1] = items.intern(Integer.toString(parseId(fields, f, lines)));
        }
        users.add(Integer.toString(user));
        userLines.add(lines.lineNumber());
        sequences.add(sequence);
      }
      if (users.isEmpty()) {
        throw new DataFormatException(
            file,
            "the file is empty or holds only blank lines",
            "one line " + LINE_FORMAT + " per user");
      }
      return new RawSequences(
          file,
          users.toArray(String[]::new),
          userLines.stream().mapToInt(Integer::intValue).toArray(),
          sequences.toArray(int[][]::new),
          items.tokens());
    }
  }

  /** The whitespace-separated fields of a non-blank line. */
  private static String[] fields(String line) {
    List<String> fields = new ArrayList<>();
    int pos = 0;
    while (pos < line.length()) {
      while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
        pos++;
      }
      int start = pos;
      while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
        pos++;
      }
      if (pos > start) {
        fields.add(line.substring(start, pos));
      }
    }
    return fields.toArray(String[]::new);
  }

  /** Parses field {@code f} of the current line as a positive int id. */
  private static int parseId(String[] fields, int f, TextLines at) {
    String token = fields[f];
    boolean negative = token.charAt(0) == '-';
    int start = negative || token.charAt(0) == '+' ? 1 : 0;
    if (!isDigits(token, start)) {
      throw at.error(describe(fields, f) + " is not a number", "a positive integer id");
    }
    long value = 0;
    for (int i = start; i < token.length(); i++) {
      // Saturates just above the int range, so arbitrarily long numbers cannot overflow.
      value = Math.min(10 * value + (token.charAt(i) - '0'), Integer.MAX_VALUE + 1L);
    }
    if (negative || value == 0) {
      throw at.error(
          describe(fields, f) + " is not positive", "ids >= 1 (0 is reserved for padding)");
    }
    if (value > Integer.MAX_VALUE) {
      throw at.error(
          describe(fields, f) + " is beyond the int range", "ids <= " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** Whether {@code token} has at least one character from {@code start} on, all ASCII digits. */
  private static boolean isDigits(String token, int start) {
    for (int i = start; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return false;
      }
    }
    return start < token.length();
  }

  /** E.g. {@code item id '12x' (field 3)}: built only for error messages. */
  private static String describe(String[] fields, int f) {
    return (f == 0 ? "user id '" : "item id '") + Excerpt.of(fields[f]) + "' (field " + (f + 1) + ")";
  }
}
