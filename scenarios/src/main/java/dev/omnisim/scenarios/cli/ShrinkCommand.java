package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.Shrinker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnisim shrink FILE.json}: delta-debugs a failing schedule down to a few actions and saves it. */
@Command(name = "shrink", mixinStandardHelpOptions = true,
    description = "Removes and simplifies actions of a failing fault schedule while it keeps failing the same way.")
final class ShrinkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "A failing schedule, as 'fuzz' saves it.")
  Path file;

  @Option(names = "--seed", paramLabel = "N", description = "The seed to run it with (default: the one saved in the file).")
  Long seed;

  @Option(names = "--max-runs", defaultValue = "400", paramLabel = "N", description = "Most simulations to run (default ${DEFAULT-VALUE}).")
  int maxRuns;

  @Option(names = "--time-limit", defaultValue = "120", paramLabel = "S", description = "Stop after S wall seconds (default ${DEFAULT-VALUE}).")
  double timeLimitSeconds;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write the shrunk schedule (default: FILE with .shrunk.json).")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FaultSchedule schedule;
    try {
      schedule = FaultSchedule.load(file);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read schedule " + file + ": " + e);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Long runSeed = seed != null ? seed : schedule.seed();
    if (runSeed == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), file + " saves no seed: give --seed N");
    }
    Path target = output != null ? output : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "")
        + ".shrunk.json");
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "shrinking %s (%d actions) with seed %d ...%n", file, schedule.size(), runSeed);
    out.flush();
    long deadline = System.nanoTime() + (long) (timeLimitSeconds * 1e9);
    Shrinker.Outcome outcome;
    try {
      outcome = new Shrinker(runSeed, ScenarioRunner.reference(), maxRuns, () -> System.nanoTime() < deadline)
          .shrink(schedule);
    } catch (IllegalArgumentException e) {
      out.println("omnisim: " + file + ": " + e.getMessage());
      return 2;
    }
    FaultSchedule shrunk = outcome.schedule().withSeed(runSeed); // its configuration too: the shrunk file replays alone
    shrunk.save(target);
    out.printf(Locale.ROOT, "%d actions -> %d in %d runs; still fails: %s%n", schedule.size(), shrunk.size(),
        outcome.runs(), outcome.failure().describe().lines().findFirst().orElse(""));
    shrunk.actions().forEach(a -> out.println("  " + a));
    out.println("saved:  " + target);
    out.println("replay: ./omnisim run --schedule " + target + " --seed " + runSeed);
    return 0;
  }
}
