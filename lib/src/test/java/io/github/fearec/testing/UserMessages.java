package io.github.fearec.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

/**
 * The suite's rule for what a user reads when the kit refuses something: no stack trace, no Java
 * class name ({@code EOFException}, {@code java.lang.IllegalStateException}) and no message longer
 * than a few lines (a message that quotes a whole input is as unreadable as a stack trace).
 */
public final class UserMessages {

  /** A Java class name ending in Exception or Error, qualified or not. */
  private static final Pattern JAVA_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(Exception|Error)\\b");

  /** The longest refusal message the kit prints. */
  public static final int MAX_LENGTH = 1200;

  private UserMessages() {}

  /** {@code message} is one a user can read: see the class comment. */
  public static void assertReadable(String message) {
    assertFalse(message.contains("\tat "), () -> "a stack trace: " + message);
    assertFalse(JAVA_NAME.matcher(message).find(), () -> "a Java class name: " + message);
    assertFalse(message.contains("java."), () -> "a Java package: " + message);
    assertTrue(message.length() <= MAX_LENGTH,
        () -> message.length() + " characters: " + message.substring(0, 300) + "...");
  }

  /** What a refused command printed on stderr holds no stack trace and no Java class name. */
  public static void assertNoStackTrace(CliRun r) {
    assertReadable(r.err());
  }
}
