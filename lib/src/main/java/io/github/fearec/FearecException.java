package io.github.fearec;

/** Placeholder to compile. */
public class FearecException extends RuntimeException {
  public FearecException(String message) { super(message); }
}
