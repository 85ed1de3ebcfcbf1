package dev.omnisim.scenarios.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The child JVM's main class: loads a submission, runs the given scenario:seed pairs one after the
 * other, each twice (to catch nondeterminism), and reports each on its own protocol line on stdout.
 * The submission's own printing goes to stderr. Arguments: the submission's classpath entry, then
 * {@code scenario:seed}...
 */
public final class GradeWorker {
  /** The child's exit status after the submission ran out of memory: the grader starts a fresh JVM. */
  static final int OUT_OF_MEMORY_STATUS = 97;
  /** The system property naming the protocol under a submission of the key-value layer ({@code GradeOptions}). */
  static final String PROTOCOL_PROPERTY = "omnisim.protocol";
  static final String NONDETERMINISTIC = "nondeterministic (uses threads, the wall clock or unseeded randomness?)";

  private GradeWorker() {}

  public static void main(String[] args) {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ObjectMapper json = new ObjectMapper();
    Catalog catalog = new Catalog();
    ScenarioRunner runner = null;
    String loadError = null;
    try {
      runner = SubmissionLoader.runner(SubmissionLoader.load(Path.of(args[0])), String.valueOf(Path.of(args[0]).getFileName()),
          System.getProperty(PROTOCOL_PROPERTY, Protocols.DEFAULT));
    } catch (Throwable e) { // a static initialiser or constructor of the submission may throw anything
      loadError = "cannot load the submission: " + describe(e);
    }
    // The wall-clock limit of the first run starts here, not at the JVM's start.
    protocol.println(RunOutcome.PREFIX + RunOutcome.READY);
    protocol.flush();
    for (int i = 1; i < args.length; i++) {
      String name = args[i].substring(0, args[i].lastIndexOf(':'));
      long seed = Long.parseLong(args[i].substring(args[i].lastIndexOf(':') + 1));
      RunOutcome outcome;
      if (loadError != null) {
        outcome = RunOutcome.failed(name, seed, loadError, 0);
      } else {
        try {
          outcome = runTwice(runner, catalog.require(name), seed);
        } catch (OutOfMemoryError e) {
          runner = null; // let the submission's objects go, so that the report can still be written
          protocol.println(RunOutcome.failed(name, seed, Grader.OUT_OF_MEMORY, 0).toLine(json));
          protocol.flush();
          Runtime.getRuntime().halt(OUT_OF_MEMORY_STATUS);
          return;
        } catch (Throwable e) { // StackOverflowError, AssertionError, LinkageError: the student's bug, reported
          outcome = RunOutcome.failed(name, seed, "exception: " + describe(e), 0);
        }
      }
      protocol.println(outcome.toLine(json));
      protocol.flush();
    }
    // halt, not exit: threads the submission left running must not keep the JVM alive, nor hooks run.
    Runtime.getRuntime().halt(0);
  }

  private static RunOutcome runTwice(ScenarioRunner runner, Scenario scenario, long seed) {
    ScenarioResult first = runner.run(scenario, seed);
    ScenarioResult second = runner.run(scenario, seed);
    if (!first.fingerprint().equals(second.fingerprint()) || !Objects.equals(first.failure(), second.failure())) {
      return new RunOutcome(scenario.name(), seed, NONDETERMINISTIC + ": two runs of seed " + seed
          + " gave fingerprints " + first.fingerprint() + " and " + second.fingerprint(), first.labLine(),
          first.fingerprint(), 0);
    }
    if (first.passed()) {
      return new RunOutcome(scenario.name(), seed, null, first.labLine(), first.fingerprint(), 0);
    }
    return new RunOutcome(scenario.name(), seed, first.failure().describe(), first.labLine(), first.fingerprint(), 0,
        first.failure().kind(), FailureHints.forResult(first));
  }

  private static String describe(Throwable e) {
    StackTraceElement[] stack = e.getStackTrace();
    String where = stack.length == 0 ? "" : " at " + stack[0];
    return e + where;
  }
}
