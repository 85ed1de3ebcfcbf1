package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnisim run NAME --seed N}: one scenario, one seed; a failure leaves its evidence in the out folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs one scenario with one seed and prints the lab's result line with seed, wall time and fingerprint.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The scenario (see 'omnisim list').")
  String name;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The run's seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "omnisim-out", paramLabel = "DIR",
      description = "Where a failing run writes its history, trace and report (default ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Scenario scenario = Cli.scenario(spec, new Catalog(), name);
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    ScenarioRunner runner = ScenarioRunner.reference();
    stdout.println("Test: " + scenario.title() + " ...");
    stdout.flush();
    Cli.Timed<ScenarioResult> timed = Cli.time(() -> runner.run(scenario, seed));
    ScenarioResult result = timed.result();
    stdout.println(Cli.resultLine(result, timed.wallMillis()));
    if (!result.passed()) {
      stdout.println("    " + result.failure().replace("\n", "\n    "));
      Path folder = artifacts.write(runner, result);
      stdout.println("    evidence: " + folder);
      stdout.println("    replay:   " + result.replayCommand());
      return 1;
    }
    return 0;
  }
}
