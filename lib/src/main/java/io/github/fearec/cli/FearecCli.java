package io.github.fearec.cli;

import io.github.fearec.Excerpt;
import io.github.fearec.FearecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code fearec} command. User errors (bad files, bad settings, damaged checkpoints) end with
 * one message on stderr and exit code 2, without a stack trace; bugs keep their stack trace.
 */
@Command(
    name = "fearec",
    mixinStandardHelpOptions = true,
    version = "fearec kit 0.1.0 (FEARec, Du et al., SIGIR 2023)",
    description = {
      "Train and evaluate FEARec, SASRec and a popularity baseline for next-item recommendation.",
      "Data: 'synthetic' (embedded, offline) or a one-user-per-line .txt / RecBole .inter file."
    },
    subcommands = {TrainCommand.class, EvaluateCommand.class, KeysCommand.class, PlotCommand.class},
    footer = {"", "Example:  fearec train --model sasrec --epochs 20", "Run 'fearec keys' for every setting."})
public final class FearecCli implements Callable<Integer> {

  /** Exit code of user errors. */
  public static final int USER_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code (for tests). Every command is held to the same
   * rules: a path option must not be empty (what an unset shell variable gives), numbers reach
   * their keys as text and are read in the kit's one grammar ({@link io.github.fearec.Numbers}),
   * a wrong option is one line naming it (not the usage text), a user error one line, and a
   * command whose standard output could not be written (a full disk, a closed pipe) fails instead
   * of reporting success.
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new FearecCli());
    cli.registerConverter(Path.class, FearecCli::path);
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          CommandLine command = e.getCommandLine();
          PrintWriter err = command.getErr();
          err.println("error: " + Excerpt.line(e.getMessage()) + " (see 'fearec "
              + command.getCommandName().replace("fearec", "").strip() + " --help')");
          err.flush();
          return USER_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof FearecException) {
            PrintWriter err = commandLine.getErr();
            // one line, whatever a path or value in it holds (a file name with a line end, say)
            err.println("error: " + Excerpt.oneLine(e.getMessage()));
            err.flush();
            return USER_ERROR;
          }
          throw e;
        });
    int code = cli.execute(args);
    if (code == 0 && (cli.getOut().checkError() | System.out.checkError())
        && !standardOutputIsAPipe()) {
      PrintWriter err = cli.getErr();
      err.println("error: standard output: cannot write it (a full disk, or a device that takes"
          + " nothing); expected a writable standard output");
      err.flush();
      return USER_ERROR;
    }
    return code;
  }

  /**
   * Whether standard output is a pipe: one closed early (`fearec keys | head -3`) is the reader's
   * choice, not a failure, and is let pass as other Unix tools do; a file or device that cannot
   * be written (a full disk) is a failure. Linux tells through /proc; elsewhere it is taken to be
   * a failure.
   */
  private static boolean standardOutputIsAPipe() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** A path option: never empty (what an unset shell variable gives). */
  private static Path path(String value) {
    if (value.isBlank()) {
      throw new CommandLine.TypeConversionException(
          "an empty path (an unset shell variable?); expected a file or directory name");
    }
    return Path.of(value);
  }


  /** {@code fearec} without a command: the usage on stderr and a user error, not success. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: expected a command (train, evaluate, keys, plot)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return USER_ERROR;
  }
}
