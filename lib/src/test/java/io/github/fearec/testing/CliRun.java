package io.github.fearec.testing;

import io.github.fearec.cli.FearecCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code fearec} command: its exit code and what it printed.
 *
 * @param code the exit code {@code main} would pass to {@code System.exit}
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code fearec args...}, capturing stdout and stderr (not thread-safe: swaps System.out). */
  public static CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = FearecCli.run(args);
      return new CliRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
