package dev.omnisim.scenarios.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one {@code omnisim} command printed and returned, run in-process as the launcher would run it.
 *
 * @param status the exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CommandRun(int status, String out, String err) {

  /** Runs {@code omnisim args...} and captures both streams. */
  static CommandRun omnisim(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    var commandLine = OmnisimCommand.commandLine();
    commandLine.setOut(new PrintWriter(stdout, true));
    commandLine.setErr(new PrintWriter(stderr, true));
    int status = commandLine.execute(args);
    return new CommandRun(status, stdout.toString(), stderr.toString());
  }

  /**
   * Runs {@code omnisim args...} through its {@code main} entry point ({@code OmnisimCommand.execute}),
   * capturing the process's standard streams, as a shell would see them.
   */
  public static CommandRun viaSystemStreams(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = OmnisimCommand.execute(args);
      return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The lines printed on standard error. */
  List<String> errLines() {
    return err.lines().toList();
  }
}
