package io.github.fearec.data;

import io.github.fearec.FearecException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A dataset file that cannot be used: missing, unreadable or malformed.
 *
 * <p>The message always has the shape {@code <file>:<line>: <what is wrong>; expected <what was
 * expected>}, the convention of compilers and linters, so editors can jump to the spot and the user
 * learns both the problem and the fix. The line part is left out when the problem concerns the file
 * as a whole (missing file, empty file).
 */
public class DataFormatException extends FearecException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * A problem at one line of a file.
   *
   * @param file the file as the user named it
   * @param line 1-based line number
   * @param problem what is wrong, e.g. {@code "token 'x7' is not a number"}
   * @param expected what would have been right, e.g. {@code "a positive integer id"}
   */
  public DataFormatException(Path file, int line, String problem, String expected) {
    super(format(file, line, problem, expected));
    if (line < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + line);
    }
    this.file = file;
    this.line = line;
  }

  /**
   * A problem with the file as a whole, which no single line can be blamed for.
   *
   * @param file the file (or directory) as the user named it
   * @param problem what is wrong
   * @param expected what would have been right
   */
  public DataFormatException(Path file, String problem, String expected) {
    this(file, problem, expected, null);
  }

  /**
   * A problem with the file as a whole caused by a lower-level failure, typically an I/O error.
   *
   * @param file the file (or directory) as the user named it
   * @param problem what is wrong
   * @param expected what would have been right
   * @param cause the underlying failure, kept for debugging
   */
  public DataFormatException(Path file, String problem, String expected, Throwable cause) {
    super(format(file, 0, problem, expected), cause);
    this.file = file;
    this.line = 0;
  }

  /** The offending file or directory. */
  public Path file() {
    return file;
  }

  /** The 1-based offending line, or empty when the problem concerns the whole file. */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  private static String format(Path file, int line, String problem, String expected) {
    Objects.requireNonNull(file, "file");
    String where = line > 0 ? file + ":" + line : file.toString();
    return where + ": " + problem + "; expected " + expected;
  }
}
