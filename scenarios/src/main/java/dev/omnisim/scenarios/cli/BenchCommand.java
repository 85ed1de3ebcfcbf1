package dev.omnisim.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omnisim bench TARGET}: the project's benchmarks, one subcommand per target. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs a benchmark and prints what it measured.",
    subcommands = {SimBenchCommand.class, CheckBenchCommand.class})
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code omnisim bench} alone measures nothing: bad input, naming the targets. */
  @Override
  public void run() {
    throw Cli.missingSubcommand(spec);
  }
}
