package io.github.fearec.data;

import io.github.fearec.files.OutputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a UTF-8 text file line by line while counting lines, so that readers can report every
 * problem as {@code file:line}.
 *
 * <p>Lines are split on {@code '\n'} bytes and each line is decoded on its own with a strict
 * decoder. A {@link java.io.BufferedReader} would decode whole blocks ahead of the current line and
 * so could not tell on which line invalid bytes sit.
 *
 * <p>It also absorbs the two harmless differences between files written on different systems:
 * Windows line ends ({@code \r\n}, whose {@code \r} is dropped) and a UTF-8 byte-order mark at the
 * start of the file (dropped). Neither is an error, because neither changes the data.
 *
 * <p>Other line ends are refused, with the line they occur in: a carriage return that does not end
 * a line (old Mac files end lines with {@code \r} alone, so the whole file would otherwise read as
 * one line: one user with every item) and the Unicode separators NEL, LS and PS, which some tools
 * treat as line ends and others do not. Either reading could be meant, so neither is guessed.
 */
public final class TextLines implements AutoCloseable {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
  private final byte[] buffer = new byte[1 << 16];
  private int bufferPos;
  private int bufferEnd;
  private byte[] line = new byte[256];
  private int lineNumber;

  private TextLines(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  /**
   * Opens {@code file} for reading.
   *
   * @throws DataFormatException if the file does not exist, is a directory or cannot be opened
   */
  public static TextLines open(Path file) {
    if (Files.isDirectory(file)) {
      throw new DataFormatException(file, "is a directory", "a data file");
    }
    try {
      return new TextLines(file, Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "no such file", "an existing data file", e);
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot be opened (" + OutputException.reason(e) + ")", "a readable file", e);
    }
  }

  /** The next line without its line terminator, or {@code null} at the end of the file. */
  public String next() {
    int length = 0;
    boolean sawByte = false;
    boolean ascii = true;
    while (bufferPos < bufferEnd || fill()) {
      sawByte = true;
      int end = bufferPos;
      while (end < bufferEnd && buffer[end] != '\n') {
        ascii &= buffer[end] >= 0;
        end++;
      }
      int count = end - bufferPos;
      if (length + count > line.length) {
        line = Arrays.copyOf(line, Math.max(2 * line.length, length + count));
      }
      System.arraycopy(buffer, bufferPos, line, length, count);
      length += count;
      bufferPos = end;
      if (end < bufferEnd) {
        bufferPos++; // consume the '\n'
        break;
      }
    }
    if (!sawByte) {
      return null;
    }
    lineNumber++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    for (int i = 0; i < length; i++) {
      if (line[i] == '\r') {
        throw error(
            "the line holds a carriage return (\\r) that does not end it: the file has old Mac"
                + " line ends (\\r alone) or mixes them",
            "lines ending in \\n or \\r\\n (convert with: tr '\\r' '\\n')");
      }
    }
    String text = ascii ? new String(line, 0, length, StandardCharsets.US_ASCII) : decode(length);
    if (!ascii) {
      requireNoUnicodeSeparator(text);
    }
    if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      return text.substring(1);
    }
    return text;
  }

  private void requireNoUnicodeSeparator(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        throw error(
            String.format("the line holds the Unicode line separator U+%04X (character %d)", (int) c,
                i + 1),
            "lines separated by \\n only");
      }
    }
  }

  /** Strict UTF-8 decoding of the current line (pure ASCII lines take a faster path). */
  private String decode(int length) {
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw error("the line holds bytes that are not valid UTF-8", "UTF-8 encoded text");
    }
  }

  /** The 1-based number of the line last returned by {@link #next()}. */
  public int lineNumber() {
    return lineNumber;
  }

  /** An error located at the line last returned by {@link #next()}. */
  public DataFormatException error(String problem, String expected) {
    return new DataFormatException(file, lineNumber, problem, expected);
  }

  /** Closes the file; nothing useful can fail here, everything needed was already read. */
  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing useful can be done: everything needed was already read.
    }
  }

  /** Refills the buffer; false at the end of the file. */
  private boolean fill() {
    try {
      int read = in.read(buffer);
      bufferPos = 0;
      bufferEnd = Math.max(read, 0);
      return read > 0;
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot be read (" + OutputException.reason(e) + ")", "a readable file", e);
    }
  }
}
