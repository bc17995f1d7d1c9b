package io.github.fearec.data;

import io.github.fearec.Excerpt;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The header line of a RecBole atomic {@code .inter} file: tab-separated {@code name:type} fields,
 * e.g. {@code user_id:token item_id:token rating:float timestamp:float}, in any order.
 *
 * <p>Only three columns matter to sequential recommendation: {@code user_id} and {@code item_id}
 * (required) and {@code timestamp} (optional, orders each user's rows). Other columns are accepted
 * and ignored, but their types are still checked, because an unknown type usually means the file is
 * not an atomic file at all (or the header is missing) and reading on would produce nonsense.
 *
 * @param width number of columns
 * @param userColumn 0-based index of {@code user_id}
 * @param itemColumn 0-based index of {@code item_id}
 * @param timestampColumn 0-based index of {@code timestamp}, or -1 if there is none
 */
record InterHeader(int width, int userColumn, int itemColumn, int timestampColumn) {

  static final String USER = "user_id";
  static final String ITEM = "item_id";
  static final String TIMESTAMP = "timestamp";
  private static final Set<String> TYPES = Set.of("token", "token_seq", "float", "float_seq");
  private static final String TYPE_LIST = "one of token, token_seq, float, float_seq";

  boolean hasTimestamp() {
    return timestampColumn >= 0;
  }

  /** Parses the header, the current line of {@code at}. */
  static InterHeader parse(String line, TextLines at) {
    String[] fields = line.split("\t", -1);
    Map<String, Integer> columns = new HashMap<>();
    for (int c = 0; c < fields.length; c++) {
      String field = fields[c].strip();
      String where = "header field '" + Excerpt.of(field) + "' (column " + (c + 1) + ")";
      int colon = field.lastIndexOf(':');
      if (colon <= 0) {
        // The usual cause is a file without a header, whose first row is taken for one.
        throw at.error(
            where + " is not of the form name:type",
            "a first line of tab-separated name:type fields such as"
                + " 'user_id:token<TAB>item_id:token', with type " + TYPE_LIST);
      }
      String type = field.substring(colon + 1);
      if (!TYPES.contains(type)) {
        throw at.error(where + " has unknown type '" + Excerpt.of(type) + "'", "a type, " + TYPE_LIST);
      }
      Integer previous = columns.putIfAbsent(field.substring(0, colon), c);
      if (previous != null) {
        throw at.error(where + " repeats column " + (previous + 1), "distinct column names");
      }
    }
    for (String required : new String[] {USER, ITEM}) {
      if (!columns.containsKey(required)) {
        throw at.error(
            "the header has no " + required + " column",
            "a header with " + USER + ":token and " + ITEM + ":token columns (tab-separated)");
      }
    }
    return new InterHeader(
        fields.length, columns.get(USER), columns.get(ITEM), columns.getOrDefault(TIMESTAMP, -1));
  }
}
