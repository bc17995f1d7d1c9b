package io.github.fearec.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Assigns the final dense item ids {@code 1..I} to the raw item tokens that survived reading and
 * filtering.
 *
 * <p>The rule, identical for every file format:
 *
 * <ul>
 *   <li>If every surviving token is a plain positive decimal integer ({@code "17"}, not {@code
 *       "017"} or {@code "+17"}), ids follow ascending numeric order. When the tokens are already
 *       exactly {@code 1..I}, as in the published benchmark files, every id therefore stays what it
 *       was in the file, so results and item numbers can be compared with other implementations;
 *       and after k-core filtering the relative order of the old ids is kept.
 *   <li>Otherwise (arbitrary string tokens such as Amazon ASINs) ids follow the order of first
 *       appearance in the file, which is deterministic and needs no notion of token order.
 * </ul>
 *
 * Because the rule depends only on the tokens, the same interactions give the same ids whether they
 * come from a {@code .txt} or a {@code .inter} file.
 */
final class IdMapper {

  /** {@code denseIds[provisional]}: final id of each provisional index, 0 if it did not survive. */
  private final int[] denseIds;

  /** {@code tokens[id]}: raw token of each final id; entry 0 (padding) is null. */
  private final String[] tokens;

  /**
   * @param tokensInFirstAppearanceOrder provisional index {@code i} holds token {@code i}
   * @param survives which provisional indices occur in the final data
   */
  IdMapper(List<String> tokensInFirstAppearanceOrder, boolean[] survives) {
    Integer[] order =
        IntStream.range(0, survives.length)
            .filter(i -> survives[i])
            .boxed()
            .toArray(Integer[]::new);
    boolean numeric =
        Arrays.stream(order).allMatch(i -> isPlainPositiveInt(tokensInFirstAppearanceOrder.get(i)));
    if (numeric) {
      Arrays.sort(
          order,
          Comparator.comparingInt(i -> Integer.parseInt(tokensInFirstAppearanceOrder.get(i))));
    }
    this.denseIds = new int[survives.length];
    this.tokens = new String[order.length + 1];
    for (int rank = 0; rank < order.length; rank++) {
      denseIds[order[rank]] = rank + 1;
      tokens[rank + 1] = tokensInFirstAppearanceOrder.get(order[rank]);
    }
  }

  /** Number of final ids I. */
  int size() {
    return tokens.length - 1;
  }

  /** Final id (1..I) of a surviving provisional index. */
  int denseId(int provisional) {
    int id = denseIds[provisional];
    if (id == 0) {
      throw new IllegalArgumentException("provisional index " + provisional + " did not survive");
    }
    return id;
  }

  /** Raw tokens by final id, entry 0 being null; a fresh array. */
  String[] tokensById() {
    return tokens.clone();
  }

  private static boolean isPlainPositiveInt(String token) {
    int n = token.length();
    if (n == 0 || n > 10 || token.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Long.parseLong(token) <= Integer.MAX_VALUE;
  }
}
