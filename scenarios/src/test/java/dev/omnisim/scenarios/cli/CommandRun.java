package dev.omnisim.scenarios.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * What one {@code omnisim} command printed and returned, run in-process as the launcher would run it.
 *
 * @param status the exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CommandRun(int status, String out, String err) {

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

  /** The lines printed on standard error. */
  List<String> errLines() {
    return err.lines().toList();
  }
}
