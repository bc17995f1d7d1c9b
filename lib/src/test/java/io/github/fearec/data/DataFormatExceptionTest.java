package io.github.fearec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fearec.FearecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {

  private final Path file = Path.of("data", "Beauty.txt");

  @Test
  void messageWithLine() {
    DataFormatException e = new DataFormatException(file, 17, "token 'x' is odd", "an id");
    assertEquals(file + ":17: token 'x' is odd; expected an id", e.getMessage());
    assertEquals(OptionalInt.of(17), e.line());
    assertEquals(file, e.file());
    assertInstanceOf(FearecException.class, e);
  }

  @Test
  void messageWithoutLineKeepsCause() {
    IOException cause = new IOException("disk");
    DataFormatException e =
        new DataFormatException(file, "cannot be read", "a readable file", cause);
    assertEquals(file + ": cannot be read; expected a readable file", e.getMessage());
    assertEquals(OptionalInt.empty(), e.line());
    assertSame(cause, e.getCause());
  }

  @Test
  void lineNumbersStartAtOne() {
    assertThrows(IllegalArgumentException.class, () -> new DataFormatException(file, 0, "x", "y"));
  }

  @Test
  void fearecExceptionCarriesMessageAndCause() {
    RuntimeException cause = new RuntimeException("inner");
    FearecException e = new FearecException("bad config", cause);
    assertEquals("bad config", e.getMessage());
    assertSame(cause, e.getCause());
  }
}
