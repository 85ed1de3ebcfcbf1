package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.compare.CompareOptions;
import dev.omnisim.scenarios.compare.CompareReport;
import dev.omnisim.scenarios.compare.CompareResults;
import dev.omnisim.scenarios.compare.CompareRun;
import dev.omnisim.scenarios.compare.PartialConnectivityExperiment;
import dev.omnisim.scenarios.compare.PartitionScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim compare}: the Omni-Paxos paper's partial-connectivity experiment on every registered
 * protocol. Each run is deterministic; runs go to a thread pool and come back in matrix order, so the
 * table and the JSON do not depend on which thread finished first.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Runs the Omni-Paxos paper's partial-connectivity experiment (section 7.2, Figure 7, Table 1): "
        + "closed-loop clients, a warm-up, the cut into quorum loss or constrained election (5 servers) or "
        + "chained (3 servers), then a fixed window, per protocol x scenario x election timeout x seed; the "
        + "invariants are checked after every step.",
        "Reports per cell, as median [range] over seeds: recovered, down-time (the longest period with no newly "
            + "decided entry), decided entries in the window and leader changes; then Table 1: recovers, deadlock "
            + "or livelock (no progress, told apart by leader changes).",
        "Exit status: 0 done, 1 the harness stopped a run (an invariant broke: a bug, not a result), 2 bad input."})
final class CompareCommand implements Callable<Integer> {
  @Option(names = "--protocols", split = ",", paramLabel = "NAME[,NAME...]",
      description = "Protocols to compare (default: every registered one, ${COMPLETION-CANDIDATES}).",
      completionCandidates = ProtocolOption.Names.class)
  List<String> protocols;

  @Option(names = "--scenarios", split = ",", paramLabel = "NAME[,NAME...]",
      description = "Scenarios (default: all: quorum-loss, constrained-election, chained).")
  List<String> scenarios;

  @Option(names = "--timeouts", split = ",", paramLabel = "MS[,MS...]",
      description = "Election timeouts in milliseconds (default: 50,500,5000, the artifact's).")
  List<String> timeouts;

  @Option(names = "--seeds", paramLabel = "A..B|N", defaultValue = "1..3",
      description = "Seeds: A..B, or one seed N (default ${DEFAULT-VALUE}).")
  String seedRange;

  @Option(names = "--window-ms", paramLabel = "MS", defaultValue = "60000",
      description = "The window after the cut, in virtual milliseconds (default ${DEFAULT-VALUE}, the artifact's "
          + "shortest partition).")
  long windowMs;

  @Option(names = "--threads", paramLabel = "T", description = "Runs at once (default: the number of cores).")
  Integer threads;

  @Option(names = "--json", paramLabel = "FILE", description = "Write one JSON object per run to FILE.")
  Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained page (Table 1, bar charts) to FILE.")
  Path html;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    List<String> protocolNames = protocols == null ? Protocols.names() : protocols;
    List<Implementation> implementations = protocolNames.stream().map(this::protocol).toList();
    List<PartitionScenario> scenarioList = scenarios == null ? List.of(PartitionScenario.values())
        : scenarios.stream().map(this::scenario).toList();
    List<Long> timeoutList = (timeouts == null ? List.of("50", "500", "5000") : timeouts).stream().map(this::timeout).toList();
    long[] seeds = seeds();
    if (windowMs < 1) {
      throw bad("--window-ms must be at least 1, was " + windowMs);
    }
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (threadCount < 1) {
      throw bad("--threads must be at least 1, was " + threadCount);
    }
    checkWritable(json, "--json");
    checkWritable(html, "--html");

    PartialConnectivityExperiment experiment =
        new PartialConnectivityExperiment(CompareOptions.DEFAULTS.withWindowMicros(windowMs * 1_000));
    List<Callable<CompareRun>> jobs = new ArrayList<>();
    for (int p = 0; p < protocolNames.size(); p++) {
      String name = protocolNames.get(p);
      Implementation implementation = implementations.get(p);
      for (PartitionScenario scenario : scenarioList) {
        for (long timeout : timeoutList) {
          for (long seed : seeds) {
            jobs.add(() -> experiment.run(name, implementation, scenario, timeout, seed));
          }
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    String conditions = String.format(Locale.ROOT, "%d protocol(s) x %d scenario(s) x election timeouts %s ms x seeds "
        + "%s = %d runs; window %d ms after the cut; %d closed-loop client(s), %d ms think time; lab's reliable network (0.1-1 ms)",
        protocolNames.size(), scenarioList.size(), timeoutList, seedRange, jobs.size(), windowMs,
        CompareOptions.DEFAULTS.clients(), CompareOptions.DEFAULTS.thinkMicros() / 1_000);
    out.println("compare: " + conditions + ", " + threadCount + " thread(s)");
    out.flush();
    long start = System.nanoTime();
    CompareResults results = new CompareResults(runAll(jobs, threadCount));
    double seconds = (System.nanoTime() - start) / 1e9;
    CompareReport.console(results, out);
    out.printf(Locale.ROOT, "%d runs in %.1f s wall on %d thread(s) (%.0f ms per run per thread)%n", jobs.size(), seconds,
        threadCount, 1000 * seconds * threadCount / jobs.size());
    write(json, CompareReport.json(results));
    write(html, CompareReport.html(results, conditions));
    if (!results.failures().isEmpty()) {
      out.println();
      out.println("STOPPED BY THE HARNESS (bugs, not results):");
      for (CompareRun r : results.failures()) {
        out.println("  " + r.protocol() + " " + r.scenario() + " " + r.electionTimeoutMs() + " ms seed " + r.seed() + ": "
            + r.failure().replace("\n", "\n    "));
        out.println("    replay: " + r.replayCommand());
      }
      return 1;
    }
    return 0;
  }

  private List<CompareRun> runAll(List<Callable<CompareRun>> jobs, int threadCount) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    AtomicInteger done = new AtomicInteger();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<Future<CompareRun>> futures = new ArrayList<>();
      for (Callable<CompareRun> job : jobs) {
        futures.add(pool.submit(() -> {
          CompareRun r = job.call();
          int n = done.incrementAndGet();
          synchronized (err) {
            err.printf(Locale.ROOT, "\r  %d/%d runs", n, jobs.size());
            err.flush();
          }
          return r;
        }));
      }
      List<CompareRun> runs = new ArrayList<>();
      for (Future<CompareRun> f : futures) {
        runs.add(f.get());
      }
      err.println();
      return runs;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a comparison run crashed the runner itself: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Implementation protocol(String name) {
    return Protocols.byName(name).orElseThrow(() -> bad("unknown protocol '" + name + "' (--protocols); known: "
        + String.join(", ", Protocols.names())));
  }

  private PartitionScenario scenario(String name) {
    return PartitionScenario.byLabel(name).orElseThrow(() -> bad("unknown scenario '" + name + "' (--scenarios); known: "
        + String.join(", ", PartitionScenario.labels())));
  }

  private long timeout(String text) {
    long ms;
    try {
      ms = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw bad("election timeout '" + text + "' (--timeouts) is not a whole number of milliseconds");
    }
    String problem = PartialConnectivityExperiment.checkTimeout(ms);
    if (problem != null) {
      throw bad(problem + " (--timeouts)");
    }
    return ms;
  }

  private long[] seeds() {
    try {
      String[] parts = seedRange.split("\\.\\.", -1);
      long a = Long.parseLong(parts[0].trim());
      long b = parts.length == 2 ? Long.parseLong(parts[1].trim()) : a;
      if (parts.length > 2 || b < a || b - a >= 10_000) {
        throw new NumberFormatException();
      }
      return java.util.stream.LongStream.rangeClosed(a, b).toArray();
    } catch (NumberFormatException e) {
      throw bad("--seeds takes A..B with whole numbers A <= B (at most 10000 seeds) or one seed, was '" + seedRange + "'");
    }
  }

  private void checkWritable(Path file, String option) {
    if (file == null) {
      return;
    }
    try {
      Path folder = file.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Files.delete(Files.createTempFile(folder, ".omnisim-write-check", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw bad("cannot write '" + file + "' (" + option + "): " + e.getMessage());
    }
  }

  private void write(Path file, String text) {
    if (file == null) {
      return;
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing " + file, e);
    }
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
