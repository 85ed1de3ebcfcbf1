package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omnisim suite}: the lab's 11 scenarios, printed like the lab's {@code go test} output. */
@Command(name = "suite", mixinStandardHelpOptions = true,
    description = "Runs the lab's 11 graded scenarios and prints them like 'go test'; exit 0 only when all pass.")
final class SuiteCommand implements Callable<Integer> {
  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The seed of every scenario (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "omnisim-out", paramLabel = "DIR",
      description = "Where failing runs write their evidence (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--submission", paramLabel = "PATH",
      description = "Run a submission (a jar, or a project folder, compiled first) instead of the reference, in this "
          + "JVM; failures print replay commands that name it.")
  Path submission;

  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ScenarioRunner runner = Cli.runner(spec, submission, protocol);
    Cli.requireWritableFolder(spec, out, "--out");
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    int failed = 0;
    long ops = 0;
    long wallAll = 0;
    List<Scenario> suite = new Catalog().labSuite();
    for (Scenario scenario : suite) {
      stdout.println("Test: " + scenario.title() + " ...");
      stdout.flush();
      Cli.Timed<ScenarioResult> timed = Cli.time(() -> runner.run(scenario, seed));
      ScenarioResult result = timed.result();
      wallAll += timed.wallMillis();
      ops += result.ops();
      stdout.println(Cli.resultLine(result, timed.wallMillis()));
      if (!result.passed()) {
        failed++;
        String replay = result.replayCommand();
        Cli.printFailure(stdout, result, artifacts.write(runner, result, replay), replay);
        stdout.println("    leaders:  " + StallReport.describe(runner, result));
      }
    }
    int count = suite.size();
    stdout.println(failed == 0 ? "PASS" : "FAIL");
    stdout.printf(Locale.ROOT, "%s: %d of %d scenarios passed, %d ops, seed %d, %d ms wall%n",
        failed == 0 ? "ok" : "FAIL", count - failed, count, ops, seed, wallAll);
    return failed == 0 ? 0 : 1;
  }
}
