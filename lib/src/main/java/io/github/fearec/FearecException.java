package io.github.fearec;

/**
 * The library's exception for errors the user can fix: an unreadable or malformed data file, an
 * invalid configuration value, a dataset too small for the evaluation protocol.
 *
 * <p>Its message is written for the person running the kit, not for a developer: it says what is
 * wrong and what was expected, so the command-line tool prints only the message, without a stack
 * trace. Programming errors inside the library (broken invariants, wrong argument types passed by
 * other library code) stay ordinary {@link IllegalArgumentException}s or {@link
 * IllegalStateException}s, so that they are not mistaken for bad input.
 *
 * <p>Subclasses say what kind of input was wrong: {@link io.github.fearec.data.DataFormatException}
 * (a data file, with file and line), {@link ConfigException} (a setting), {@link
 * io.github.fearec.persist.CheckpointException} (a checkpoint) and {@link
 * io.github.fearec.train.TrainingDivergedException} (a loss that became NaN).
 */
public class FearecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message a complete, user-facing description of the problem
   */
  public FearecException(String message) {
    super(message);
  }

  /**
   * @param message a complete, user-facing description of the problem
   * @param cause the lower-level failure (for example an {@link java.io.IOException}), kept for
   *     debugging; the message must make sense without it
   */
  public FearecException(String message, Throwable cause) {
    super(message, cause);
  }
}
