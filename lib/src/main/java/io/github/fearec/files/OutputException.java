package io.github.fearec.files;

import io.github.fearec.FearecException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An output cannot be written: the place is a file, lies under a file, is read-only, or the disk
 * is full. The message names the path and what was expected, without the Java exception's name.
 */
public final class OutputException extends FearecException {

  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }

  private OutputException(String message, IOException cause) {
    super(message, cause);
  }

  /** "PATH: cannot write it (reason); expected ..." from the I/O failure behind it. */
  public static OutputException of(Path path, IOException e, String expected) {
    return new OutputException(path + ": cannot write it (" + reason(e) + "); expected " + expected, e);
  }

  /** A Java class name ending in Exception or Error, qualified or not, with a following colon. */
  private static final Pattern JAVA_NAME =
      Pattern.compile("(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  /**
   * The operating system's words for a failure, without Java's class names; never "null" (some
   * exceptions carry no message, and libraries put the class name of a cause into theirs: Gson's
   * "com.google.gson.stream.MalformedJsonException: Unterminated object ..."), on one line.
   */
  public static String reason(Exception e) {
    if (e instanceof EOFException) {
      return "the file ends early";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof NotDirectoryException n) {
      return n.getFile() + " is not a directory";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory, or one that cannot be created there";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    // the first line only: Gson appends a line with a link to its troubleshooting guide
    String text = e.getMessage() == null ? "" : withoutJavaNames(e.getMessage().lines()
        .findFirst().orElse(""));
    if (!text.isEmpty()) {
      return text;
    }
    return e instanceof IOException ? "an input/output error" : "its content is not as expected";
  }

  /** {@code text} without Java class names such as {@code java.io.EOFException: }. */
  public static String withoutJavaNames(String text) {
    return JAVA_NAME.matcher(text).replaceAll("").strip();
  }
}
