package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.function.Executable;

/** Writing small data files and checking the errors they provoke. */
public final class TestFiles {

  private TestFiles() {}

  /** Writes {@code content} as UTF-8 to {@code dir/name} (creating parent directories). */
  public static Path write(Path dir, String name, String content) {
    return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
  }

  public static Path writeBytes(Path dir, String name, byte[] content) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code action} throws a {@link DataFormatException} about {@code file} at {@code
   * line} (0 = no line) whose message has the {@code file:line: ...; expected ...} shape and
   * contains {@code problem} before and {@code expected} after "; expected ".
   */
  public static DataFormatException assertFormatError(
      Path file, int line, String problem, String expected, Executable action) {
    DataFormatException e = assertThrows(DataFormatException.class, action);
    String message = e.getMessage();
    String where = line > 0 ? file + ":" + line + ": " : file + ": ";
    assertTrue(message.startsWith(where), () -> "should start with '" + where + "': " + message);
    assertEquals(file, e.file());
    assertEquals(line > 0 ? OptionalInt.of(line) : OptionalInt.empty(), e.line());
    int split = message.indexOf("; expected ");
    assertTrue(split > 0, () -> "no '; expected ' in: " + message);
    assertTrue(
        message.substring(where.length(), split).contains(problem),
        () -> "problem part lacks '" + problem + "': " + message);
    assertTrue(
        message.substring(split).contains(expected),
        () -> "expected part lacks '" + expected + "': " + message);
    return e;
  }
}
