package io.github.fearec;

/**
 * A configuration value is out of range or inconsistent with another one. The message names the
 * key, the value given and what is allowed.
 */
public class ConfigException extends FearecException {

  public ConfigException(String message) {
    super(message);
  }

  /** Throws unless {@code condition} holds, with a message "key = value: expected ...". */
  public static void require(boolean condition, String key, Object value, String expected) {
    if (!condition) {
      throw new ConfigException(key + " = " + Excerpt.of(value) + ": expected " + expected);
    }
  }
}
