package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.fuzz.Nemesis;
import dev.omnisim.scenarios.fuzz.SnapshotCatchUps;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim fuzz}: many seeds of a fuzz scenario, one simulation per thread; by default the swarm,
 * where each seed draws its own configuration. Each seed's fault schedule comes from the nemesis; a
 * failing seed leaves its schedule (JSON, with its configuration) and evidence in the out folder and
 * is listed at the end with the command that replays it. The summary says in how many runs a server
 * caught up by a snapshot, so a campaign shows whether it exercised snapshot code.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Runs a fuzz scenario over many seeds in parallel; exit 1 if any seed failed.")
final class FuzzCommand implements Callable<Integer> {
  @Option(names = "--scenario", defaultValue = FuzzScenarios.SWARM, paramLabel = "NAME",
      description = "The fuzz scenario: swarm (each seed draws its cluster size, timings, snapshot threshold, "
          + "clients, network and fault mix), fuzz, fuzz-3, fuzz-7, fuzz-partial; default ${DEFAULT-VALUE}.")
  String scenarioName;

  @Option(names = "--seeds", paramLabel = "A..B", description = "The seeds A to B, both included.")
  String seedRange;

  @Option(names = "--count", paramLabel = "N", description = "Run N seeds from 1 (default 100 when --seeds is not given).")
  Long count;

  @Option(names = "--threads", paramLabel = "T", description = "Simulations at once (default: the number of cores).")
  Integer threads;

  @Option(names = "--time-limit", paramLabel = "S", description = "Start no new seed after S wall seconds.")
  Double timeLimitSeconds;

  @Option(names = "--check-determinism", description = "Run each seed twice and compare fingerprints.")
  boolean checkDeterminism;

  @Option(names = "--out", defaultValue = "omnisim-out", paramLabel = "DIR",
      description = "Where failing seeds write their schedule and evidence (default ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ScenarioRunner runner = ScenarioRunner.reference().withImplementation(protocol.implementation(spec));
    if (!FuzzScenarios.isFuzzScenario(scenarioName)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown fuzz scenario '" + scenarioName
          + "' (--scenario); known: " + FuzzScenarios.names());
    }
    long[] seeds = seeds();
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (threadCount < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threadCount);
    }
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "fuzz %s: seeds %d..%d (%d), %d thread(s)%s%n", scenarioName, seeds[0],
        seeds[seeds.length - 1], seeds.length, threadCount, checkDeterminism ? ", each run twice" : "");
    stdout.flush();

    long start = System.nanoTime();
    long deadline = timeLimitSeconds == null ? Long.MAX_VALUE : start + (long) (timeLimitSeconds * 1e9);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failedCount = new AtomicInteger();
    AtomicLong skipped = new AtomicLong();
    AtomicLong withCatchUp = new AtomicLong();
    AtomicLong withRestartFromSnapshot = new AtomicLong();
    AtomicLong[] crashes = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
    Progress progress = new Progress(spec.commandLine().getErr(), seeds.length, start);
    List<Future<Outcome>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    try {
      for (long seed : seeds) {
        futures.add(pool.submit(() -> {
          if (System.nanoTime() > deadline) {
            skipped.incrementAndGet();
            return null;
          }
          Outcome o = runChecked(runner, scenarioName, seed);
          if (o.snapshots().installs() > 0) {
            withCatchUp.incrementAndGet();
          }
          if (o.snapshots().restartsFromSnapshot() > 0) {
            withRestartFromSnapshot.incrementAndGet();
          }
          ScenarioResult.CrashStats c = o.result().crashes();
          long[] counted = {c.crashes(), c.insideSteps(), c.withUnsyncedWrites(), c.lostWrites(), c.toreWrites()};
          for (int i = 0; i < counted.length; i++) {
            crashes[i].addAndGet(counted[i]);
          }
          if (!o.passed()) {
            failedCount.incrementAndGet();
          }
          progress.update(done.incrementAndGet(), failedCount.get());
          return o.passed() ? null : o; // a passing seed keeps nothing: 100 000 histories would fill the heap
        }));
      }
      List<Outcome> failures = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        Outcome o = f.get();
        if (o != null) {
          failures.add(o);
        }
      }
      progress.finish(done.get(), failedCount.get());
      double seconds = (System.nanoTime() - start) / 1e9;
      stdout.printf(Locale.ROOT, "%d seeds in %.1f s: %.1f seeds/s on %d thread(s), %d failed%s%n", done.get(), seconds,
          done.get() / seconds, threadCount, failures.size(),
          skipped.get() > 0 ? ", " + skipped.get() + " not run (time limit)" : "");
      stdout.printf(Locale.ROOT, "snapshots: a server caught up by another's snapshot in %d runs (%.0f %%), restarted"
          + " from its own in %d (%.0f %%)%n", withCatchUp.get(), 100.0 * withCatchUp.get() / Math.max(1, done.get()),
          withRestartFromSnapshot.get(), 100.0 * withRestartFromSnapshot.get() / Math.max(1, done.get()));
      stdout.printf(Locale.ROOT, "crashes: %d (%d inside a step); %d found unsynced writes, %d lost some (%.1f %% of"
          + " crashes), %d tore one%n", crashes[0].get(), crashes[1].get(), crashes[2].get(), crashes[3].get(),
          100.0 * crashes[3].get() / Math.max(1, crashes[0].get()), crashes[4].get());
      if (!failures.isEmpty()) {
        stdout.println();
        stdout.println("FAILURES");
        for (Outcome o : failures) {
          Path folder = save(artifacts, runner, o);
          stdout.printf(Locale.ROOT, "  seed %-8d %s%n", o.result().seed(), firstLine(o.problem()));
          stdout.printf(Locale.ROOT, "    replay: ./omnisim run --schedule %s --seed %d%s%n",
              folder.resolve("schedule.json"), o.result().seed(), protocol.replaySuffix());
        }
      }
      return failures.isEmpty() ? 0 : 1;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a fuzz run crashed the runner itself: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One seed's run, the schedule it played, and how its servers used snapshots. */
  record Outcome(FaultSchedule schedule, ScenarioResult result, String problem, SnapshotCatchUps snapshots) {
    boolean passed() {
      return problem == null;
    }
  }

  static Outcome runSeed(ScenarioRunner runner, String scenarioName, long seed) {
    FuzzConfig config = FuzzScenarios.configFor(scenarioName, seed).orElseThrow();
    FaultSchedule schedule = Nemesis.generate(config, seed);
    Scenario scenario = FuzzScenarios.withSchedule(schedule);
    SnapshotCatchUps snapshots = new SnapshotCatchUps();
    ScenarioResult result = runner.withImplementation(snapshots.around(runner.implementation())).run(scenario, seed);
    return new Outcome(schedule, result, result.passed() ? null : result.failure().describe(), snapshots);
  }

  private Outcome runChecked(ScenarioRunner runner, String scenarioName, long seed) {
    Outcome first = runSeed(runner, scenarioName, seed);
    if (!checkDeterminism || !first.passed()) {
      return first;
    }
    Outcome second = runSeed(runner, scenarioName, seed);
    if (second.result().fingerprint().equals(first.result().fingerprint())) {
      return first;
    }
    return new Outcome(first.schedule(), first.result(), Determinism.describe(runner,
        FuzzScenarios.withSchedule(first.schedule()), seed), first.snapshots());
  }

  private Path save(FailureArtifacts artifacts, ScenarioRunner runner, Outcome o) {
    Path schedule = artifacts.folderFor(o.result()).resolve("schedule.json");
    Path folder = artifacts.write(runner, o.result(),
        "./omnisim run --schedule " + schedule + " --seed " + o.result().seed() + protocol.replaySuffix());
    try {
      o.schedule().save(schedule);
    } catch (IOException e) {
      throw new UncheckedIOException("saving the schedule of seed " + o.result().seed() + " in " + folder, e);
    }
    return folder;
  }

  private long[] seeds() {
    if (seedRange != null && count != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --seeds or --count, not both");
    }
    if (seedRange != null) {
      String[] parts = seedRange.split("\\.\\.", -1);
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        long a = Long.parseLong(parts[0].trim());
        long b = Long.parseLong(parts[1].trim());
        if (b < a || b - a >= 100_000_000L) {
          throw new NumberFormatException();
        }
        return java.util.stream.LongStream.rangeClosed(a, b).toArray();
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--seeds takes A..B with whole numbers A <= B (at most 100 million seeds), was '" + seedRange + "'");
      }
    }
    long n = count == null ? 100 : count;
    if (n < 1 || n > 100_000_000L) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count must be within [1, 100000000], was " + n);
    }
    return java.util.stream.LongStream.rangeClosed(1, n).toArray();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " …";
  }
}
