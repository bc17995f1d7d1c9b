package io.github.fearec.data;

import io.github.fearec.Excerpt;
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
import java.util.concurrent.CancellationException;

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
 *
 * <p>What is not text is refused before anything else is said about it: a path that is not a
 * regular file (a named pipe or a device such as {@code /dev/zero} would block or never end), a
 * line holding a control character such as NUL (a binary file; it would otherwise be reported as
 * having old Mac line ends, or not at all) or bytes that are not UTF-8, and a line longer than
 * {@link #MAX_LINE_BYTES} (a file without line ends would otherwise be read into memory whole).
 * Reading stops with a {@link java.util.concurrent.CancellationException} when the thread is
 * interrupted.
 */
public final class TextLines implements AutoCloseable {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /**
   * The longest line read: 4 MiB, some 500,000 item ids, where the longest user of the usual
   * benchmark files (Amazon, MovieLens, Yelp) has a few thousand.
   */
  public static final int MAX_LINE_BYTES = 4 << 20;

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
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new DataFormatException(file, NOT_A_REGULAR_FILE, "a regular file");
    }
    try {
      return new TextLines(file, Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "no such file", "an existing data file", e);
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot be opened (" + OutputException.reason(e) + ")", "a readable file", e);
    }
  }

  /**
   * Why a path that exists is refused although it is no directory: a named pipe or a device
   * (reading blocks, or never ends) or a socket. Shared by every reader of the kit.
   */
  public static final String NOT_A_REGULAR_FILE =
      "is not a regular file but a named pipe, a device or a socket (reading it can block or never"
          + " end)";

  /** The next line without its line terminator, or {@code null} at the end of the file. */
  public String next() {
    if ((lineNumber & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
      throw new CancellationException(file + ": reading interrupted at line " + lineNumber);
    }
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
      if (length + count > MAX_LINE_BYTES) {
        lineNumber++;
        int kept = Math.min(count, line.length - length);
        System.arraycopy(buffer, bufferPos, line, length, kept);
        requireText(length + kept); // a binary file is called that, whatever its line lengths
        throw error(
            "the line is longer than " + (MAX_LINE_BYTES >> 20) + " MiB (it starts '"
                + Excerpt.of(lenient(Math.min(Excerpt.SHOWN, length + count))) + "...')",
            "lines of at most " + (MAX_LINE_BYTES >> 20) + " MiB (is it a binary file, or one"
                + " without line ends?)");
      }
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
    boolean carriageReturn = requireText(length);
    String text = ascii ? new String(line, 0, length, StandardCharsets.US_ASCII) : decode(length);
    if (carriageReturn) {
      throw error(
          "the line holds a carriage return (\\r) that does not end it: the file has old Mac"
              + " line ends (\\r alone) or mixes them",
          "lines ending in \\n or \\r\\n (convert with: tr '\\r' '\\n')");
    }
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

  /**
   * Refuses the first {@code length} bytes of the current line when they hold a control character
   * (a binary file, or UTF-16 text, whose every other byte is NUL); returns whether they hold a
   * carriage return.
   */
  private boolean requireText(int length) {
    if (lineNumber == 1 && length >= 2 && ((line[0] == (byte) 0xFF && line[1] == (byte) 0xFE)
        || (line[0] == (byte) 0xFE && line[1] == (byte) 0xFF))) {
      throw error("the file starts with a UTF-16 byte-order mark: it is UTF-16 text",
          "UTF-8 text (convert with: iconv -f UTF-16 -t UTF-8)");
    }
    boolean carriageReturn = false;
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b == '\r') {
        carriageReturn = true;
      } else if ((b >= 0 && b < 0x20 && b != '\t' && b != '\f' && b != 0x0B) || b == 0x7F) {
        throw error(
            String.format("the line holds the control character U+%04X (byte %d): the file looks"
                + " binary, not text", b, i + 1),
            "a UTF-8 text file");
      }
    }
    return carriageReturn;
  }

  /** The first {@code length} bytes of the line, invalid UTF-8 replaced: for messages only. */
  private String lenient(int length) {
    return new String(line, 0, length, StandardCharsets.UTF_8);
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
