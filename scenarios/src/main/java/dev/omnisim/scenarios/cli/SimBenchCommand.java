package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.bench.SimBenchmark;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code omnisim bench sim}: the kernel's deliveries per wall second, measured by JMH on one thread. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Simulated message deliveries per wall second: ping-pong among 5 nodes with random latency (JMH, one thread).")
final class SimBenchCommand implements Callable<Integer> {

  @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations of 1 s (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--forks", defaultValue = "1", description = "Fresh JVMs to measure in (default ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--verbose", description = "Show JMH's own output.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws RunnerException {
    if (iterations < 1 || forks < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--iterations and --forks must be at least 1, were " + iterations + " and " + forks);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("bench sim: 5-node ping-pong, 5 messages in flight, uniform 0.1-10 ms latency; "
        + forks + " fork(s) x " + iterations + " x 1 s after 3 x 1 s warm-up, one thread ...");
    out.flush();
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(SimBenchmark.class.getName() + ".deliveries")
        .forks(forks)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .threads(1)
        .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT)
        .build()).run();
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      out.printf(Locale.ROOT, "deliveries per second: %,.0f (99.9%% CI ± %,.0f; min %,.0f, max %,.0f; %d samples)%n",
          stats.getMean(), stats.getMeanErrorAt(0.999), stats.getMin(), stats.getMax(), stats.getN());
      out.printf(Locale.ROOT, "target: 2,000,000 per second on one core: %s%n",
          stats.getMean() >= 2_000_000 ? "met" : "NOT met");
    }
    return 0;
  }
}
