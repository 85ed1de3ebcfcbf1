package dev.omnisim.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code omnisim} command: one subcommand per job. Exit status 2 means bad input. */
@Command(
    name = "omnisim",
    mixinStandardHelpOptions = true,
    versionProvider = OmnisimCommand.Version.class,
    description = "Deterministic simulation testbed for a key-value store replicated with OmniPaxos.",
    subcommands = {CommandLine.HelpCommand.class, ListCommand.class, RunCommand.class, SuiteCommand.class,
      FuzzCommand.class, ShrinkCommand.class, CheckCommand.class, GradeCommand.class, NewSubmissionCommand.class,
      BenchCommand.class, CompareCommand.class})
public final class OmnisimCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns its exit status (0 ok, 1 a check failed, 2 bad input). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line as {@link #execute} runs it, for callers that give it their own streams
   * ({@code setOut}, {@code setErr}) before executing, as the tests and an embedding program do.
   */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new OmnisimCommand());
    commandLine.setParameterExceptionHandler(
        (ex, ignoredArgs) -> {
          ex.getCommandLine().getErr().println("omnisim: " + ex.getMessage());
          return 2;
        });
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Reads the version that the build writes into the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OmnisimCommand.class.getPackage().getImplementationVersion();
      return new String[] {"omnisim " + (version == null ? "(development build)" : version)};
    }
  }
}
