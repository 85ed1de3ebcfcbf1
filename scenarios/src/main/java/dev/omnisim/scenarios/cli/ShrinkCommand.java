package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.Shrinker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.omnisim.scenarios.grading.CommandPaths;
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

  @Option(names = "--submission", paramLabel = "PATH",
      description = "Shrink against a submission (a jar, or a project folder, compiled first) instead of the reference: "
          + "its schedule fails that code, and the replay command names it.")
  Path submission;

  /** The protocol the failure was found on ({@code fuzz --protocol}); replay commands carry it. */
  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (maxRuns < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-runs must be at least 1, was " + maxRuns);
    }
    if (!(timeLimitSeconds > 0) || Double.isInfinite(timeLimitSeconds)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--time-limit must be a positive number of seconds, was "
          + timeLimitSeconds);
    }
    FaultSchedule schedule;
    try {
      schedule = FaultSchedule.load(file);
    } catch (IOException | IllegalArgumentException e) {
      throw Cli.scheduleError(spec, file, "FILE", e);
    }
    Long runSeed = seed != null ? seed : schedule.seed();
    if (runSeed == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), file + " saves no seed: give --seed N");
    }
    Path target = output != null ? output : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "")
        + ".shrunk.json");
    Cli.requireWritableFile(spec, target, output != null ? "--output" : "the default output next to FILE; give --output");
    ScenarioRunner runner = Cli.runner(spec, submission, protocol);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "shrinking %s (%d actions) with seed %d ...%n", file, schedule.size(), runSeed);
    out.flush();
    long deadline = System.nanoTime() + (long) (timeLimitSeconds * 1e9);
    Shrinker.Outcome outcome;
    try {
      outcome = new Shrinker(runSeed, runner, maxRuns, () -> System.nanoTime() < deadline)
          .shrink(schedule);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("omnisim: " + file + ": " + Cli.oneLine(e.getMessage()));
      return 2;
    }
    FaultSchedule shrunk = outcome.schedule().withSeed(runSeed); // its configuration too: the shrunk file replays alone
    out.printf(Locale.ROOT, "%d actions -> %d in %d runs; still fails: %s%n", schedule.size(), shrunk.size(),
        outcome.runs(), outcome.failure().describe().lines().findFirst().orElse(""));
    shrunk.actions().forEach(a -> out.println("  " + a));
    String replayTail = " --seed " + runSeed + (submission == null ? "" : " --submission " + CommandPaths.forCommand(submission))
        + protocol.replaySuffix();
    try {
      shrunk.save(target);
    } catch (IOException | RuntimeException e) {
      // The shrinking took minutes: never lose it. The schedule goes to stdout, to be saved by hand.
      out.println("the shrunk schedule follows; save it as a .json file and replay it with "
          + "./omnisim run --schedule FILE" + replayTail);
      out.println(shrunk.toJson());
      out.flush();
      spec.commandLine().getErr().println("omnisim: cannot write '" + target + "': " + Cli.describe(
          e instanceof java.io.UncheckedIOException u ? u.getCause() : e) + "; the shrunk schedule is printed above");
      return 2;
    }
    out.println("saved:  " + target);
    out.println("replay: ./omnisim run --schedule " + CommandPaths.forCommand(target) + replayTail);
    return 0;
  }
}
