package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.grading.CommandPaths;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnisim run NAME --seed N}, or {@code omnisim run --schedule FILE --seed N}: one scenario,
 * one seed; a failure leaves its evidence in the out folder and prints the command that replays it.
 * With {@code --report FILE.html} any run, passing or failing, also gets its run report.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs one scenario with one seed and prints the lab's result line with seed, wall time and fingerprint.",
        "A failing run writes its evidence into --out: failure.txt, history.jsonl, trace.txt, the checker's report.html "
            + "and run.html, the run report (a space-time diagram of servers and clients with messages, drops, "
            + "crashes, cut links and the leader, and the client operations with the checker's verdict; open it in a "
            + "browser). --report FILE.html writes the run report for any run, passing or failing."})
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
      description = "The scenario (see 'omnisim list'); not needed with --schedule.")
  String name;

  @Option(names = "--seed", paramLabel = "N",
      description = "The run's seed (default: the seed saved in --schedule, else 1).")
  Long seedOption;

  private long seed;

  @Option(names = "--schedule", paramLabel = "FILE",
      description = "Play this saved fault schedule (JSON, as 'fuzz' and 'shrink' write) instead of generating one.")
  Path schedule;

  @Option(names = "--check-determinism", description = "Run twice; if the fingerprints differ, name the first divergent event.")
  boolean checkDeterminism;

  @Option(names = "--out", defaultValue = "omnisim-out", paramLabel = "DIR",
      description = "Where a failing run writes its history, trace, report.html and run.html (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Also write the run report (self-contained HTML: space-time diagram, faults, leader, client "
          + "operations and the checker's verdict) to this file, for a passing or a failing run; the run then "
          + "records its trace.")
  Path report;

  @Option(names = "--submission", paramLabel = "PATH",
      description = "Run a submission (a jar, or a project folder, compiled first; see 'omnisim new-submission') "
          + "instead of the reference, in this JVM: how a student replays a seed that 'grade' failed.")
  Path submission;

  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    seed = seedOption != null ? seedOption : 1;
    Scenario scenario = schedule != null ? fromSchedule() : Cli.scenario(spec, new Catalog(), requireName());
    if (report != null) {
      Cli.requireWritableFile(spec, report, "--report");
    }
    ScenarioRunner runner = Cli.runner(spec, submission, protocol);
    Cli.requireWritableFolder(spec, out, "--out");
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("Test: " + scenario.title() + " ...");
    stdout.flush();
    // The report needs every event; recording them changes nothing in the run (same fingerprint).
    ScenarioRunner recording = runner.withRecordTrace(report != null);
    Cli.Timed<ScenarioResult> timed = Cli.time(() -> recording.run(scenario, seed));
    ScenarioResult result = timed.result();
    stdout.println(Cli.resultLine(result, timed.wallMillis()));
    String replay = schedule != null
        ? "./omnisim run --schedule " + CommandPaths.forCommand(schedule) + " --seed " + seed
            + (result.replayArguments().isEmpty() ? "" : " " + result.replayArguments())
        : result.replayCommand();
    if (report != null) {
      writeReport(result, replay);
      stdout.println("    report:   " + report);
    }
    if (checkDeterminism) {
      ScenarioResult again = runner.run(scenario, seed);
      if (!again.fingerprint().equals(result.fingerprint())) {
        stdout.println("    " + Determinism.describe(runner, scenario, seed).replace("\n", "\n    "));
        return 1;
      }
      stdout.println("    deterministic: a second run gave the same fingerprint " + again.fingerprint());
    }
    if (!result.passed()) {
      Cli.printFailure(stdout, result, artifacts.write(runner, result, replay), replay);
      stdout.println("    leaders:  " + StallReport.describe(runner, result));
      return 1;
    }
    return 0;
  }

  private void writeReport(ScenarioResult result, String replay) {
    try {
      java.nio.file.Files.createDirectories(report.toAbsolutePath().getParent());
      RunReport.write(report, result, replay);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the run report " + report, e);
    }
  }

  private String requireName() {
    if (name == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "name a scenario (see 'omnisim list') or give --schedule FILE");
    }
    return name;
  }

  private Scenario fromSchedule() {
    try {
      FaultSchedule loaded = FaultSchedule.load(schedule);
      if (seedOption == null && loaded.seed() != null) {
        seed = loaded.seed();
      }
      if (name != null && !name.equals(loaded.scenario())) {
        throw new IllegalArgumentException(schedule + " belongs to scenario '" + loaded.scenario() + "', not '" + name + "'");
      }
      return FuzzScenarios.withSchedule(loaded);
    } catch (IOException | IllegalArgumentException e) {
      throw Cli.scheduleError(spec, schedule, "--schedule", e);
    }
  }
}
