package io.github.fearec.course;

/**
 * Thrown by the stub of an exercise the student has not done yet ({@code throw new
 * NotAttempted();}). Unchecked, so that one stub line compiles in a method of any return type; a
 * check that meets it reports the exercise as "not attempted" instead of as wrong.
 */
public final class NotAttempted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotAttempted() {
    super("not attempted yet: replace the line 'throw new NotAttempted();' with your solution");
  }
}
