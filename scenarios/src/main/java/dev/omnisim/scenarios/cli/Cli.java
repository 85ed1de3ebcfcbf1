package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import java.util.function.Supplier;
import picocli.CommandLine;

/** What the subcommands share: looking up scenarios, timing runs on the wall clock, the result line. */
final class Cli {
  private Cli() {}

  /** A result and how long it took on the wall clock. */
  record Timed<T>(T result, long wallMillis) {}

  static <T> Timed<T> time(Supplier<T> work) {
    long start = System.nanoTime();
    T result = work.get();
    return new Timed<>(result, (System.nanoTime() - start) / 1_000_000);
  }

  /** The scenario called {@code name}, or a parameter error (exit 2) listing the known names. */
  static Scenario scenario(CommandLine.Model.CommandSpec spec, Catalog catalog, String name) {
    try {
      return catalog.require(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** A failed run's message, where its evidence went and the command that replays it. */
  static void printFailure(java.io.PrintWriter out, ScenarioResult r, java.nio.file.Path evidence, String replay) {
    out.println("    " + r.failure().describe().replace("\n", "\n    "));
    out.println("    evidence: " + evidence);
    out.println("    replay:   " + replay);
  }

  /** The lab's line plus what makes the run reproducible and comparable. */
  static String resultLine(ScenarioResult r, long wallMillis) {
    return r.labLine() + "   seed " + r.seed() + "  wall " + wallMillis + " ms  fingerprint " + r.fingerprint();
  }
}
