package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.campaign.BuildInfo;
import dev.omnisim.scenarios.campaign.SeedLog;
import dev.omnisim.scenarios.campaign.SeedRecord;
import dev.omnisim.scenarios.campaign.ShardManifest;
import dev.omnisim.scenarios.campaign.ShardSpec;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One start of a fuzz run or shard: opens its folder (resuming its records when asked), runs the seeds that
 * are not recorded yet on a pool of threads, records each as it ends, and prints the summary once, at the end
 * or from the shutdown hook when the process is interrupted (Ctrl-C, SIGTERM). The hook closes the seed log
 * first, which waits for a record being written, so every failure listed has its evidence complete.
 */
final class FuzzSession {
  /** How many failures the summary lists one by one. */
  private static final int FAILURES_LISTED_MAX = 50;

  /**
   * What the command asked for.
   *
   * @param scenario the fuzz scenario
   * @param firstSeed the campaign's first seed
   * @param lastSeed the campaign's last seed
   * @param shard the slice of the range this process runs
   * @param build the omnisim running
   * @param submissionName the submission's file name, or null for the reference
   * @param protocol the protocol fuzzed ({@code --protocol}), recorded in the shard's manifest
   * @param replaySuffix what replay commands need after the seed ({@code --submission PATH}), or ""
   * @param threads simulations at once
   * @param maxFailures stop starting seeds after this many failures, or null
   * @param checkDeterminism run each seed twice
   * @param fullEvidence also write the trace and the HTML reports of each failure
   */
  record Settings(String scenario, long firstSeed, long lastSeed, ShardSpec shard, BuildInfo build,
      String submissionName, String protocol, String replaySuffix, int threads, Integer maxFailures, boolean checkDeterminism,
      boolean fullEvidence) {}

  private final Settings settings;
  private final ScenarioRunner runner;
  private final FailureArtifacts artifacts;
  private final Path out;
  private final PrintWriter stdout;
  private final PrintWriter stderr;
  private final Set<Long> recorded = new HashSet<>();
  private final List<SeedRecord> failures = new ArrayList<>();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failedNow = new AtomicInteger();
  private final AtomicLong withCatchUp = new AtomicLong();
  private final AtomicLong withRestartFromSnapshot = new AtomicLong();
  private final AtomicLong[] crashes = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
      new AtomicLong()};
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final AtomicBoolean summaryPrinted = new AtomicBoolean();
  private SeedLog log;
  private ShardManifest manifest;
  private long toRun;
  private long nextSeed;
  private long startNanos;

  FuzzSession(Settings settings, ScenarioRunner runner, FailureArtifacts artifacts, Path out, PrintWriter stdout,
      PrintWriter stderr) {
    this.settings = settings;
    this.runner = runner;
    this.artifacts = artifacts;
    this.out = out;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Opens the out folder: with {@code keep}, reads the records there and skips their seeds (refusing a folder
   * of another campaign or shard, and records of another build unless {@code allowMixedVersions}); without,
   * starts the records afresh. Bad input throws an {@link IllegalArgumentException} with one line.
   */
  void open(boolean keep, boolean allowMixedVersions) throws IOException {
    Files.createDirectories(out);
    ShardSpec shard = settings.shard();
    ShardManifest fresh = new ShardManifest(settings.scenario(), settings.firstSeed(), settings.lastSeed(), shard,
        shard.seedCount(settings.firstSeed(), settings.lastSeed()), settings.build(), settings.submissionName(),
        settings.protocol(), ShardManifest.RUNNING, 0, 1);
    ShardManifest previous = keep ? ShardManifest.read(out) : null;
    if (previous != null && (!previous.sameCampaign(fresh) || previous.shard().index() != shard.index())) {
      throw new IllegalArgumentException("out folder '" + out + "' holds shard " + previous.shard().label() + " of "
          + previous.campaign() + ", not shard " + shard.label() + " of " + fresh.campaign()
          + "; give another --out (or leave out --shard and --resume to start over)");
    }
    Path records = out.resolve(SeedLog.FILE);
    if (keep && Files.exists(records)) {
      SeedLog.Contents contents = SeedLog.read(records);
      for (SeedRecord r : contents.records()) {
        if (!allowMixedVersions && (!r.version().equals(settings.build().version())
            || !r.commit().equals(settings.build().commit()))) {
          throw new IllegalArgumentException(records + " was written by omnisim " + new BuildInfo(r.version(),
              r.commit()).describe() + ", this is " + settings.build().describe()
              + "; fingerprints may differ (--allow-mixed-versions to resume anyway, or another --out)");
        }
        if (r.scenario().equals(settings.scenario()) && inPlan(r.seed()) && recorded.add(r.seed()) && !r.passed()) {
          failures.add(r);
        }
      }
      if (contents.tornLastLine()) {
        stderr.println("omnisim: " + records + " ended in a torn line (the process was killed while writing);"
            + " its seed runs again");
      }
    }
    manifest = previous == null ? fresh : previous.restarted(shard, settings.build());
    log = SeedLog.open(out, keep);
    manifest.write(out);
    toRun = manifest.plannedSeeds() - recorded.size();
    nextSeed = settings.firstSeed() + shard.index();
  }

  /** Runs the seeds not recorded yet; returns the exit status (1 when any seed of the folder failed). */
  int run(long commandStartNanos, long deadlineNanos) throws InterruptedException {
    startNanos = commandStartNanos;
    printHeader();
    Thread hook = new Thread(this::interrupted, "omnisim-fuzz-summary");
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress = new Progress(stderr, (int) Math.min(Integer.MAX_VALUE, toRun), startNanos);
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < settings.threads(); t++) {
        workers.add(pool.submit(() -> work(deadlineNanos, progress)));
      }
      for (Future<?> f : workers) {
        f.get();
      }
      progress.finish(done.get(), failedNow.get());
    } catch (ExecutionException e) {
      throw new IllegalStateException("a fuzz run crashed the runner itself: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return 130; // the hook prints the summary
    }
    log.close();
    String state = stopReason.get() != null ? stopReason.get()
        : recorded.size() + done.get() >= manifest.plannedSeeds() ? ShardManifest.COMPLETE : ShardManifest.RUNNING;
    finish(state);
    return totalFailures() > 0 ? 1 : 0;
  }

  private void printHeader() {
    ShardSpec shard = settings.shard();
    stdout.printf(Locale.ROOT, "fuzz %s: seeds %d..%d%s: %d seed(s)%s, %d thread(s)%s%s%s%n", settings.scenario(),
        settings.firstSeed(), settings.lastSeed(), shard.whole() ? "" : ", shard " + shard.label() + " from "
            + shard.source(), manifest.plannedSeeds(), recorded.isEmpty() ? "" : ", " + recorded.size()
            + " already recorded in " + out.resolve(SeedLog.FILE) + ", " + toRun + " to run", settings.threads(),
        settings.checkDeterminism() ? ", each run twice" : "",
        settings.submissionName() == null ? "" : ", submission " + settings.submissionName(),
        Protocols.DEFAULT.equals(settings.protocol()) ? "" : ", over " + settings.protocol());
    stdout.flush();
  }

  /** One worker: takes seeds until none is left or a limit is reached. */
  private void work(long deadlineNanos, Progress progress) {
    while (stopReason.get() == null) {
      if (System.nanoTime() > deadlineNanos) {
        stopReason.compareAndSet(null, "time limit");
        return;
      }
      if (settings.maxFailures() != null && totalFailures() >= settings.maxFailures()) {
        stopReason.compareAndSet(null, "max failures");
        return;
      }
      long seed = takeSeed();
      if (seed == Long.MIN_VALUE) {
        return;
      }
      runAndRecord(seed);
      progress.update(done.get(), failedNow.get());
    }
  }

  /** The next seed of this shard that is not recorded, or {@code Long.MIN_VALUE} when none is left. */
  private synchronized long takeSeed() {
    while (nextSeed <= settings.lastSeed() && nextSeed >= settings.firstSeed()) {
      long seed = nextSeed;
      nextSeed += settings.shard().count();
      if (!recorded.contains(seed)) {
        return seed;
      }
    }
    return Long.MIN_VALUE;
  }

  private boolean inPlan(long seed) {
    return seed >= settings.firstSeed() && seed <= settings.lastSeed()
        && settings.shard().owns(settings.firstSeed(), seed);
  }

  private void runAndRecord(long seed) {
    long t0 = System.nanoTime();
    FuzzCommand.Outcome o = runChecked(seed);
    ScenarioResult r = o.result();
    String digest = SeedRecord.digest(o.schedule().config());
    String kind = o.passed() ? null : r.passed() ? "nondeterministic" : r.failure().kind();
    Path folder = artifacts.folderFor(r);
    long wallMillis = (System.nanoTime() - t0) / 1_000_000;
    SeedRecord record = new SeedRecord(settings.scenario(), seed, digest,
        o.passed() ? SeedRecord.PASSED : SeedRecord.FAILED, kind, r.fingerprint(), r.virtualMicros(), wallMillis,
        settings.build().version(), settings.build().commit(), settings.shard().label(),
        o.passed() ? null : String.valueOf(folder.getFileName()));
    boolean written = log.append(record, () -> {
      if (!o.passed()) {
        writeEvidence(o, kind, digest, folder);
      }
    });
    if (!written) {
      return; // interrupted: the summary is being printed, and this seed is not in it
    }
    count(o);
    if (!o.passed()) {
      synchronized (failures) {
        failures.add(record);
      }
      failedNow.incrementAndGet();
      stdout.printf(Locale.ROOT, "  found: seed %d, %s: %s%n", seed, kind, folder);
      stdout.flush();
    }
  }

  private FuzzCommand.Outcome runChecked(long seed) {
    FuzzCommand.Outcome first = FuzzCommand.runSeed(runner, settings.scenario(), seed);
    if (!settings.checkDeterminism() || !first.passed()) {
      return first;
    }
    FuzzCommand.Outcome second = FuzzCommand.runSeed(runner, settings.scenario(), seed);
    if (second.result().fingerprint().equals(first.result().fingerprint())) {
      return first;
    }
    return new FuzzCommand.Outcome(first.schedule(), first.result(), Determinism.describe(runner,
        FuzzScenarios.withSchedule(first.schedule()), seed), first.snapshots());
  }

  private void writeEvidence(FuzzCommand.Outcome o, String kind, String digest, Path folder) {
    Path schedule = folder.resolve("schedule.json");
    String replay = replayCommand(schedule, o.result().seed());
    try {
      Files.createDirectories(folder);
      o.schedule().save(schedule);
      artifacts.writeSmall(o.result(), kind, o.problem(), replay, digest, Files.size(schedule));
      if (settings.fullEvidence()) {
        artifacts.write(runner, o.result(), replay);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("saving the schedule of seed " + o.result().seed() + " in " + folder, e);
    }
  }

  private String replayCommand(Path schedule, long seed) {
    return "./omnisim run --schedule " + schedule + " --seed " + seed + settings.replaySuffix();
  }

  private void count(FuzzCommand.Outcome o) {
    done.incrementAndGet();
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
  }

  private int totalFailures() {
    synchronized (failures) {
      return failures.size();
    }
  }

  /** The shutdown hook: the process is being stopped; keep what was found and say so. */
  private void interrupted() {
    stopReason.compareAndSet(null, "interrupted");
    log.close();
    stdout.println();
    stdout.println("interrupted: every seed recorded so far is in " + out.resolve(SeedLog.FILE)
        + "; run the same command with --resume (a shard resumes by itself) to go on");
    finish("interrupted");
  }

  /** Writes the manifest's state and prints the summary, once. */
  private void finish(String state) {
    if (!summaryPrinted.compareAndSet(false, true)) {
      return;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    try {
      manifest.ended(state, seconds).write(out);
    } catch (IOException e) {
      stderr.println("omnisim: could not update " + out.resolve(ShardManifest.FILE) + ": " + e.getMessage());
    }
    printSummary(seconds, state);
  }

  private void printSummary(double seconds, String state) {
    int ran = done.get();
    long notRun = toRun - ran;
    stdout.printf(Locale.ROOT, "%d seeds in %.1f s: %.1f seeds/s on %d thread(s), %d failed%s%n", ran, seconds,
        ran / seconds, settings.threads(), failedNow.get(),
        notRun > 0 ? ", " + notRun + " not run (" + state + ")" : "");
    stdout.printf(Locale.ROOT, "records: %s (%d of this shard's %d seeds; state %s)%n", out.resolve(SeedLog.FILE),
        recorded.size() + ran, manifest.plannedSeeds(), state);
    stdout.printf(Locale.ROOT, "snapshots: a server caught up by another's snapshot in %d runs (%.0f %%), restarted"
        + " from its own in %d (%.0f %%)%n", withCatchUp.get(), 100.0 * withCatchUp.get() / Math.max(1, ran),
        withRestartFromSnapshot.get(), 100.0 * withRestartFromSnapshot.get() / Math.max(1, ran));
    stdout.printf(Locale.ROOT, "crashes: %d (%d inside a step); %d found unsynced writes, %d lost some (%.1f %% of"
        + " crashes), %d tore one%n", crashes[0].get(), crashes[1].get(), crashes[2].get(), crashes[3].get(),
        100.0 * crashes[3].get() / Math.max(1, crashes[0].get()), crashes[4].get());
    List<SeedRecord> found;
    synchronized (failures) {
      found = new ArrayList<>(failures);
    }
    if (!found.isEmpty()) {
      found.sort(java.util.Comparator.comparingLong(SeedRecord::seed));
      stdout.println();
      stdout.println("FAILURES (" + found.size() + ")");
      for (SeedRecord f : found.subList(0, Math.min(found.size(), FAILURES_LISTED_MAX))) {
        Path folder = out.resolve(f.evidence());
        stdout.printf(Locale.ROOT, "  seed %-8d %s%n", f.seed(), f.failureKind());
        stdout.printf(Locale.ROOT, "    evidence: %s%n", folder);
        stdout.printf(Locale.ROOT, "    replay: %s%n", replayCommand(folder.resolve("schedule.json"), f.seed()));
      }
      if (found.size() > FAILURES_LISTED_MAX) {
        stdout.printf(Locale.ROOT, "  … and %d more: see %s%n", found.size() - FAILURES_LISTED_MAX,
            out.resolve(SeedLog.FILE));
      }
    }
    stdout.flush();
  }
}
