package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.io.IOException;
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
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs one scenario with one seed and prints the lab's result line with seed, wall time and fingerprint.")
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
      description = "Where a failing run writes its history, trace and report (default ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    seed = seedOption != null ? seedOption : 1;
    Scenario scenario = schedule != null ? fromSchedule() : Cli.scenario(spec, new Catalog(), requireName());
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    ScenarioRunner runner = ScenarioRunner.reference();
    stdout.println("Test: " + scenario.title() + " ...");
    stdout.flush();
    Cli.Timed<ScenarioResult> timed = Cli.time(() -> runner.run(scenario, seed));
    ScenarioResult result = timed.result();
    stdout.println(Cli.resultLine(result, timed.wallMillis()));
    String replay = schedule != null ? "./omnisim run --schedule " + schedule + " --seed " + seed : result.replayCommand();
    if (checkDeterminism) {
      ScenarioResult again = runner.run(scenario, seed);
      if (!again.fingerprint().equals(result.fingerprint())) {
        stdout.println("    " + Determinism.describe(runner, scenario, seed).replace("\n", "\n    "));
        return 1;
      }
      stdout.println("    deterministic: a second run gave the same fingerprint " + again.fingerprint());
    }
    if (!result.passed()) {
      stdout.println("    " + result.failure().replace("\n", "\n    "));
      Path folder = artifacts.write(runner, result);
      stdout.println("    evidence: " + folder);
      stdout.println("    replay:   " + replay);
      return 1;
    }
    return 0;
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
      FuzzConfig config = FuzzScenarios.config(loaded.scenario()).orElseThrow(() -> new IllegalArgumentException(
          schedule + ": names scenario '" + loaded.scenario() + "', which is not a fuzz scenario"));
      if (name != null && !name.equals(config.name())) {
        throw new IllegalArgumentException(schedule + " belongs to scenario '" + config.name() + "', not '" + name + "'");
      }
      loaded.validate(config.servers(), config.faultWindowMicros(), schedule.toString());
      return FuzzScenarios.withSchedule(config, loaded);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read schedule " + schedule + " (--schedule): " + e);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
