package io.github.fearec.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-256 checksums of the files in a directory, kept in a list in the format of {@code sha256sum}
 * ({@code <hex>  <name>} per line), so {@code sha256sum -c} checks it too. Weights are bare floats:
 * a flipped bit loads without complaint and trains on or scores silently wrong; the list catches it.
 */
public final class Checksums {

  private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (\\S+)");

  private Checksums() {}

  /**
   * What checking a directory against its list found.
   *
   * @param listed whether the list exists (directories written before checksums have none)
   * @param problems one sentence per file that is missing or differs, with the list's name; empty
   *     when every listed file matches
   */
  public record Verification(boolean listed, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Writes the list {@code listName} in {@code directory} for {@code files} (names in it). */
  public static void write(Path directory, String listName, List<String> files) throws IOException {
    StringBuilder list = new StringBuilder();
    for (String name : files) {
      list.append(sha256(directory.resolve(name))).append("  ").append(name).append('\n');
    }
    DurableFiles.replace(directory.resolve(listName), list.toString());
  }

  /** Checks every file the list names; a missing list is reported as not {@code listed}. */
  public static Verification verify(Path directory, String listName) throws IOException {
    Path listFile = directory.resolve(listName);
    if (!Files.isRegularFile(listFile)) {
      return new Verification(false, List.of());
    }
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINE.matcher(lines.get(i));
      if (!m.matches()) {
        problems.add(listFile + ":" + (i + 1) + ": expected '<64 hex digits>  <file name>'");
        continue;
      }
      Path file = directory.resolve(m.group(2));
      if (!Files.isRegularFile(file)) {
        problems.add(file + ": missing, although " + listName + " lists it");
      } else if (!sha256(file).equals(m.group(1))) {
        problems.add(file + ": its SHA-256 differs from the one in " + listName
            + " (the file was changed or damaged after it was written)");
      }
    }
    if (lines.isEmpty()) {
      problems.add(listFile + ": empty; expected one line per checked file");
    }
    return new Verification(true, problems);
  }

  /** The lower-case hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
