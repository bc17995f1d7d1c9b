package io.github.fearec.persist;

import io.github.fearec.FearecException;

/** A checkpoint is missing, damaged or does not fit the data it is used with. */
public final class CheckpointException extends FearecException {

  public CheckpointException(String message) {
    super(message);
  }
}
