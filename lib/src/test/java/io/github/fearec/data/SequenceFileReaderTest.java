package io.github.fearec.data;

import static io.github.fearec.data.TestFiles.assertFormatError;
import static io.github.fearec.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFileReaderTest {

  @TempDir Path dir;

  /** The user tokens and item tokens of {@code raw}, one "user: items" string per user. */
  static String describe(RawSequences raw) {
    StringBuilder text = new StringBuilder();
    for (int u = 0; u < raw.numUsers(); u++) {
      text.append(raw.userToken(u)).append(':');
      for (int pos = 0; pos < raw.length(u); pos++) {
        text.append(' ').append(raw.itemToken(u, pos));
      }
      text.append('\n');
    }
    return text.toString();
  }

  @Test
  void readsUsersInLineOrderWithItemsInFileOrder() {
    Path file = write(dir, "s.txt", "3 10 20 30\n1 20 40\n2 50 10 10\n");
    RawSequences raw = SequenceFileReader.read(file);
    assertEquals("3: 10 20 30\n1: 20 40\n2: 50 10 10\n", describe(raw));
    assertEquals(file, raw.source());
    assertEquals(5, raw.numItemTokens());
    assertEquals(8, raw.numInteractions());
    assertEquals(2, raw.userLine(1));
  }

  @Test
  void acceptsTabsRepeatedSpacesLeadingZerosAndBlankLines() {
    Path file = write(dir, "s.txt", "\n  1\t5  007 \n\n   \n2 7\n");
    RawSequences raw = SequenceFileReader.read(file);
    assertEquals("1: 5 7\n2: 7\n", describe(raw));
    assertEquals(2, raw.numItemTokens());
    assertEquals(5, raw.userLine(1));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("absent.txt");
    assertFormatError(
        file, 0, "no such file", "an existing data file", () -> SequenceFileReader.read(file));
  }

  @Test
  void directoryInsteadOfFile() {
    assertFormatError(dir, 0, "is a directory", "a data file", () -> SequenceFileReader.read(dir));
  }

  @Test
  void nonNumericUser() {
    Path file = write(dir, "s.txt", "u1 1 2\n");
    assertFormatError(
        file,
        1,
        "user id 'u1' (field 1) is not a number",
        "a positive integer id",
        () -> SequenceFileReader.read(file));
  }

  @Test
  void decimalNumberIsNotAnId() {
    Path file = write(dir, "s.txt", "1 1 2.5\n");
    assertFormatError(
        file,
        1,
        "item id '2.5' (field 3) is not a number",
        "a positive integer id",
        () -> SequenceFileReader.read(file));
  }

  @Test
  void idBeyondLongRange() {
    Path file = write(dir, "s.txt", "1 99999999999999999999999\n");
    assertFormatError(
        file,
        1,
        "is beyond the int range",
        "ids <= 2147483647",
        () -> SequenceFileReader.read(file));
  }

  @Test
  void userWithoutItems() {
    Path file = write(dir, "s.txt", "1 1 2\n7   \n");
    assertFormatError(
        file,
        2,
        "user 7 has no items",
        "'user_id item_1 item_2 ...' with at least one item",
        () -> SequenceFileReader.read(file));
  }

  @Test
  void invalidUtf8() {
    byte[] bytes = "1 1 2\n2 3 4\n".getBytes(StandardCharsets.US_ASCII);
    bytes[8] = (byte) 0xFF;
    Path file = TestFiles.writeBytes(dir, "s.txt", bytes);
    assertFormatError(file, 2, "not valid UTF-8", "UTF-8", () -> SequenceFileReader.read(file));
  }
}
