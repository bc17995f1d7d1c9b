package io.github.fearec;

/**
 * How a message quotes what a user gave: a value, a token, a line. Short printable text is quoted
 * as it is; longer text is cut to its first {@value #SHOWN} characters and says how long it was,
 * and control characters (a line end inside a value, a NUL byte) are written as escapes, so that
 * every message stays one short line whatever the input (an enormous token once produced a
 * message as large as the token).
 */
public final class Excerpt {

  /** Text up to this many characters is quoted whole. */
  public static final int WHOLE = 64;

  /** Of longer text, this many characters are shown. */
  public static final int SHOWN = 40;

  private Excerpt() {}

  /**
   * {@code value} as a message quotes it: unchanged when short and printable, else its first
   * {@value #SHOWN} characters, escaped, then "... (N characters)".
   */
  public static String of(Object value) {
    return of(value, WHOLE, SHOWN);
  }

  /**
   * A message composed elsewhere (a library's) made one line: control characters escaped, cut
   * after 300 characters.
   */
  public static String line(Object message) {
    return of(message, 300, 300);
  }

  /** {@code message} with its control characters escaped, so that it prints as one line. */
  public static String oneLine(String message) {
    return of(message, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  private static String of(Object value, int whole, int shown) {
    String text = String.valueOf(value);
    boolean plain = text.length() <= whole;
    for (int i = 0; plain && i < text.length(); i++) {
      plain = !Character.isISOControl(text.charAt(i)) && !isSeparator(text.charAt(i));
    }
    if (plain) {
      return text;
    }
    int end = text.length() <= whole ? text.length() : shown;
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    StringBuilder out = new StringBuilder(end + 24);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || isSeparator(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (end < text.length()) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  private static boolean isSeparator(char c) {
    return c == '\u2028' || c == '\u2029';
  }
}
