package io.github.fearec.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists every configuration key with its meaning and default. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "List every setting a config file or --set accepts, with its default.")
final class KeysCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "fearec",
      description = "show the defaults for this model (fearec, sasrec, sasrec-bce, duorec, pop); default ${DEFAULT-VALUE}")
  String model;

  @Override
  public void run() {
    Settings settings = new Settings(Settings.model(model));
    PrintWriter out = spec.commandLine().getOut();
    out.println("# key = default    meaning (config file: one 'key = value' per line, # comments)");
    for (Map.Entry<String, ConfigKeys.Key> e : ConfigKeys.all().entrySet()) {
      String left = e.getKey() + " = " + e.getValue().current().apply(settings);
      out.printf("%-32s # %s%n", left, e.getValue().description());
    }
    out.flush();
  }
}
