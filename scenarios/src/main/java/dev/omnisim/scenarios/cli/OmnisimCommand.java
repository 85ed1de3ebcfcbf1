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
      AutograderBundleCommand.class, BenchCommand.class,
      CampaignCommand.class, CompareCommand.class})
public final class OmnisimCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code omnisim} alone did nothing a script could rely on: it is bad input, naming what to type. */
  @Override
  public void run() {
    throw Cli.missingSubcommand(spec);
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
          ex.getCommandLine().getErr().println("omnisim: " + Cli.oneLine(ex.getMessage()).replaceFirst("^Error: ", "") + suggestion(ex));
          ex.getCommandLine().getErr().flush();
          return 2;
        });
    // An output that became unwritable after the checks (a full disk, a folder removed meanwhile) is
    // one line too, not a stack trace; any other exception is a bug in omnisim and keeps its trace.
    commandLine.setExecutionExceptionHandler(
        (ex, cmd, ignoredResult) -> {
          if (ex instanceof java.io.UncheckedIOException io) {
            cmd.getErr().println("omnisim: " + Cli.oneLine(io.getMessage() + ": " + Cli.describe(io.getCause())));
            cmd.getErr().flush();
            return 2;
          }
          throw ex;
        });
    return commandLine;
  }

  /** "did you mean 'run'?" after a mistyped subcommand or option, as git does. */
  private static String suggestion(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      return "; did you mean " + String.join(" or ", unmatched.getSuggestions().stream()
          .limit(3).map(s -> "'" + s + "'").toList()) + "?";
    }
    return "";
  }

  public static void main(String[] args) {
    // `check` is often started once per history from scripts: build only its own command, not the
    // whole tree, whose reflection costs more than checking a small history (CheckCommand.alone).
    boolean check = args.length > 0 && args[0].equals("check");
    System.exit(check ? CheckCommand.alone().execute(java.util.Arrays.copyOfRange(args, 1, args.length))
        : execute(args));
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
