package io.github.fearec.files;

import io.github.fearec.FearecException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

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

  /**
   * The operating system's words for a failure, without Java's class names; never "null" (some
   * exceptions carry no message).
   */
  public static String reason(Exception e) {
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
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
