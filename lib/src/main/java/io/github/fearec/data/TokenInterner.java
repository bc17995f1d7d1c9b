package io.github.fearec.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers distinct tokens {@code 0, 1, 2, ...} in order of first appearance.
 *
 * <p>Readers use it to turn raw id tokens into provisional indices while they read, so that
 * filtering can work on ints; the final, dense item ids are assigned afterwards by {@link
 * IdMapper}, once it is known which tokens survive.
 */
final class TokenInterner {

  private final Map<String, Integer> indices = new HashMap<>();
  private final List<String> tokens = new ArrayList<>();

  /** The index of {@code token}, assigning the next free one if the token is new. */
  int intern(String token) {
    Integer index = indices.get(token);
    if (index == null) {
      index = tokens.size();
      indices.put(token, index);
      tokens.add(token);
    }
    return index;
  }

  /** All tokens seen so far, index {@code i} holding the token interned as {@code i}. */
  List<String> tokens() {
    return List.copyOf(tokens);
  }
}
