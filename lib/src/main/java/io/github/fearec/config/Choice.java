package io.github.fearec.config;

import java.util.Arrays;
import java.util.List;

/**
 * An enum a setting can take: {@link #id()} is how users spell the constant in config files and
 * how results files record it; {@link #parse} reads it back, ignoring case.
 */
public interface Choice {

  /** The constant as users spell it. */
  String id();

  /** The ids of every constant of {@code type}, in declaration order. */
  static List<String> ids(Class<? extends Choice> type) {
    return Arrays.stream(constants(type)).map(Choice::id).toList();
  }

  /**
   * The constant of {@code type} whose id is {@code text}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the ids expected
   */
  static <E extends Choice> E parse(Class<E> type, String text) {
    for (E c : constants(type)) {
      if (c.id().equalsIgnoreCase(text.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException(ConfigSchema.alternatives(ids(type)));
  }

  private static <E extends Choice> E[] constants(Class<E> type) {
    E[] constants = type.getEnumConstants();
    if (constants == null) {
      throw new IllegalStateException(type.getName() + " is a Choice but not an enum");
    }
    return constants;
  }
}
