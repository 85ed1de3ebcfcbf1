package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.bench.SimBenchmark;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim bench sim}: the kernel's deliveries per wall second, measured by JMH on one thread; with
 * {@code --fuzz}, a fuzz scenario's seeds per wall second with the invariants checked after every step
 * and without them (the only place they are switched off), to measure what they cost.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {"Simulated message deliveries per wall second: ping-pong among 5 nodes with random latency (JMH, one thread).",
        "With --fuzz: a fuzz scenario's seeds per second with the invariant checks on and off."})
final class SimBenchCommand implements Callable<Integer> {

  @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations of 1 s (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--forks", defaultValue = "1", description = "Fresh JVMs to measure in (default ${DEFAULT-VALUE}).")
  int forks;

  @Option(names = "--verbose", description = "Show JMH's own output.")
  boolean verbose;

  @Option(names = "--fuzz", paramLabel = "SCENARIO",
      description = "Measure this fuzz scenario's seeds per second with the invariant checks on and off instead.")
  String fuzzScenario;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1000",
      description = "With --fuzz: seeds 1..N per measured pass (default ${DEFAULT-VALUE}).")
  int fuzzSeeds;

  @Option(names = "--warmup-seeds", paramLabel = "N", defaultValue = "300",
      description = "With --fuzz: seeds run first, checks on, not measured (default ${DEFAULT-VALUE}).")
  int warmupSeeds;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
      description = "With --fuzz: simulations at once (default ${DEFAULT-VALUE}).")
  int threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws RunnerException {
    if (iterations < 1 || forks < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--iterations and --forks must be at least 1, were " + iterations + " and " + forks);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (fuzzScenario != null) {
      return fuzzThroughput(out);
    }
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

  /**
   * Seeds per second of {@link #fuzzScenario} with checks on and off, in the order on, off, on, off
   * over the same seeds, after a warm-up with checks on: a change of machine load shows as a spread
   * between the two passes of one setting.
   */
  private int fuzzThroughput(PrintWriter out) {
    if (!FuzzScenarios.isFuzzScenario(fuzzScenario)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fuzz takes a fuzz scenario (swarm, fuzz,"
          + " fuzz-3, fuzz-7, fuzz-partial), was '" + fuzzScenario + "'");
    }
    if (fuzzSeeds < 1 || warmupSeeds < 0 || threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--seeds and --threads must be at least 1 and"
          + " --warmup-seeds at least 0, were " + fuzzSeeds + ", " + threads + " and " + warmupSeeds);
    }
    Scenario scenario = new Catalog().require(fuzzScenario);
    out.printf(Locale.ROOT, "bench sim --fuzz %s: %d warm-up seeds (checks on, not measured), then seeds 1..%d with"
        + " the invariant checks on, off, on, off; %d thread(s), JVM start not included%n", fuzzScenario, warmupSeeds,
        fuzzSeeds, threads);
    out.flush();
    ScenarioRunner runner = ScenarioRunner.reference();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      pass(pool, runner, scenario, 1_000_001, warmupSeeds);
      double[] rate = new double[4];
      for (int k = 0; k < 4; k++) {
        boolean on = k % 2 == 0;
        rate[k] = pass(pool, runner.withInvariants(on), scenario, 1, fuzzSeeds);
        out.printf(Locale.ROOT, "  checks %-3s %8.1f seeds/s%n", on ? "on" : "off", rate[k]);
        out.flush();
      }
      double on = (rate[0] + rate[2]) / 2;
      double off = (rate[1] + rate[3]) / 2;
      out.printf(Locale.ROOT, "checks on: %.1f seeds/s, off: %.1f seeds/s; the checks cost %.0f %% of the"
          + " unchecked run time%n", on, off, 100 * (off / on - 1));
      out.printf(Locale.ROOT, "target: at least 50 seeds/s with the checks on: %s%n", on >= 50 ? "met" : "NOT met");
    } finally {
      pool.shutdownNow();
    }
    return 0;
  }

  /** Runs seeds {@code first} .. {@code first + count - 1} and returns seeds per wall second. */
  private double pass(ExecutorService pool, ScenarioRunner runner, Scenario scenario, long first, int count) {
    if (count == 0) {
      return 0;
    }
    AtomicLong next = new AtomicLong(first);
    long end = first + count;
    long start = System.nanoTime();
    java.util.List<Future<?>> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (long seed = next.getAndIncrement(); seed < end; seed = next.getAndIncrement()) {
          runner.run(scenario, seed);
        }
      }));
    }
    for (Future<?> w : workers) {
      try {
        w.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while measuring", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a seed threw while measuring: " + e.getCause(), e.getCause());
      }
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
