package io.github.fearec;

import java.util.regex.Pattern;

/**
 * The one number grammar of every text the kit reads (config files, {@code --set}, options,
 * timestamps of {@code .inter} files, {@code epochs.csv}): plain ASCII decimals such as {@code 42},
 * {@code -0.5}, {@code .25} or {@code 1.5e-3}. Java's own parsers accept more, and what they
 * accept beyond this is never meant: {@code 2020f} and {@code 1d} (type suffixes), {@code 0x1p3}
 * (hexadecimal floating point), digits of other scripts ({@code ٣} for 3), {@code Infinity} and
 * {@code NaN}. Each method throws {@link NumberFormatException} for anything else, so callers keep
 * their own messages.
 */
public final class Numbers {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private Numbers() {}

  /** An integer in the int range. */
  public static int parseInt(String text) {
    requireMatch(INTEGER, text);
    return Integer.parseInt(text);
  }

  /** An integer in the long range. */
  public static long parseLong(String text) {
    requireMatch(INTEGER, text);
    return Long.parseLong(text);
  }

  /** A decimal number; finite unless it overflows (1e999 is infinite). */
  public static double parseDouble(String text) {
    requireMatch(DECIMAL, text);
    return Double.parseDouble(text);
  }

  private static void requireMatch(Pattern grammar, String text) {
    // the length bound keeps the regular expression cheap on an enormous token
    if (text == null || text.length() > 400 || !grammar.matcher(text).matches()) {
      throw new NumberFormatException("not a plain decimal number");
    }
  }
}
