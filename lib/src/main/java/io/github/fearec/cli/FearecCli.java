package io.github.fearec.cli;

import io.github.fearec.FearecException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new FearecCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof FearecException) {
            PrintWriter err = commandLine.getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return USER_ERROR;
          }
          throw e;
        });
    return cli.execute(args);
  }

  /** {@code fearec} without a command: the usage on stderr and a user error, not success. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: expected a command (train, evaluate, keys, plot)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return USER_ERROR;
  }
}
