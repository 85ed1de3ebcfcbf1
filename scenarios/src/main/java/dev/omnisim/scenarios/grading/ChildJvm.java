package dev.omnisim.scenarios.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a list of scenario × seed runs of one submission in child JVMs, one after the other, with a
 * heap limit and a wall-clock limit per run. When a child dies or overruns, the run it was on fails
 * with the reason and a fresh child takes the runs that are left.
 */
final class ChildJvm {
  /** One scenario × seed to run. */
  record Run(String scenario, long seed) {
    String arg() {
      return scenario + ":" + seed;
    }
  }

  private static final String EOF = "\u0000eof";
  /** How long a child may take to start and load the submission. */
  private static final int STARTUP_SECONDS = 30;
  private final Path entry;
  private final GradeOptions options;
  private final ObjectMapper json = new ObjectMapper();

  private final Consumer<RunOutcome> listener;

  /** Children for the submission on {@code entry}; {@code listener} hears of every run as it ends (from this thread). */
  ChildJvm(Path entry, GradeOptions options, Consumer<RunOutcome> listener) {
    this.entry = entry;
    this.options = options;
    this.listener = listener;
  }

  private void record(Map<Run, RunOutcome> outcomes, Run run, RunOutcome outcome) {
    outcomes.put(run, outcome);
    listener.accept(outcome);
  }

  /** Runs every one of {@code runs}; the result has one outcome per run, keyed by run. */
  Map<Run, RunOutcome> runAll(List<Run> runs) {
    Map<Run, RunOutcome> outcomes = new LinkedHashMap<>();
    List<Run> left = new ArrayList<>(runs);
    while (!left.isEmpty()) {
      runSome(left, outcomes);
      left.removeIf(outcomes::containsKey);
    }
    return outcomes;
  }

  /** Starts one child on {@code left}; records what it reports and, if it dies early, the run it was on. */
  private void runSome(List<Run> left, Map<Run, RunOutcome> outcomes) {
    Path stderr = null;
    Process process = null;
    try {
      stderr = Files.createTempFile("omnisim-grade", ".stderr");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + options.heapMegabytes() + "m", "-Xss8m", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
      command.addAll(startupCacheFlags());
      command.add("-D" + GradeWorker.PROTOCOL_PROPERTY + "=" + options.protocol());
      command.addAll(List.of("-cp", options.workerClasspath(), GradeWorker.class.getName(),
          entry.toAbsolutePath().toString()));
      left.forEach(r -> command.add(r.arg()));
      long start = System.nanoTime();
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      process.getOutputStream().close();
      LinkedBlockingQueue<String> lines = readLines(process);
      // Starting a JVM on a busy machine is slow, and must not eat the first run's limit.
      long startupDeadline = start + TimeUnit.SECONDS.toNanos(Math.max(STARTUP_SECONDS, options.timeLimitSeconds()));
      String ready = lines.poll(Math.max(0, startupDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (ready == null || !ready.equals(RunOutcome.PREFIX + RunOutcome.READY)) {
        Run run = left.get(0);
        String reason = ready == null ? "timeout: the child JVM did not start and load the submission within "
            + Math.max(STARTUP_SECONDS, options.timeLimitSeconds()) + " s" : exitReason(process, stderr);
        record(outcomes, run, RunOutcome.failed(run.scenario(), run.seed(), reason, (System.nanoTime() - start) / 1_000_000));
        return;
      }
      long runStart = System.nanoTime();
      for (Run run : left) {
        long deadline = runStart + TimeUnit.SECONDS.toNanos(options.timeLimitSeconds());
        RunOutcome outcome = next(lines, deadline);
        long now = System.nanoTime();
        long wall = (now - runStart) / 1_000_000;
        if (outcome == null) {
          boolean timedOut = System.nanoTime() >= deadline;
          String reason = timedOut
              ? "timeout: no result within " + options.timeLimitSeconds() + " s of wall time (an infinite loop or a deadlock?)"
              : exitReason(process, stderr);
          record(outcomes, run, RunOutcome.failed(run.scenario(), run.seed(), reason, wall));
          return;
        }
        if (!outcome.scenario().equals(run.scenario()) || outcome.seed() != run.seed()) {
          record(outcomes, run, RunOutcome.failed(run.scenario(), run.seed(),
              "the child reported " + outcome.scenario() + ":" + outcome.seed() + " out of turn", wall));
          return;
        }
        if (outcome.failure() != null && outcome.failure().equals(Grader.OUT_OF_MEMORY)) {
          // The child halts after running out of memory; a fresh one takes the rest.
          record(outcomes, run, RunOutcome.failed(run.scenario(), run.seed(),
              Grader.OUT_OF_MEMORY + " (heap limit " + options.heapMegabytes() + " MB)", wall));
          return;
        }
        record(outcomes, run, outcome.withWallMillis(wall));
        runStart = now;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("starting a grading JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while grading", e);
    } finally {
      if (process != null) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      if (stderr != null) {
        try {
          Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  /**
   * The launcher's start-up cache (JDK ahead-of-time cache or class-data sharing archive), which it
   * names in the system property {@code omnisim.startupCache} as the one JVM flag that uses it, when
   * the file is there: every child starts faster, and a child never writes the cache itself.
   */
  static List<String> startupCacheFlags() {
    String flag = System.getProperty("omnisim.startupCache", "");
    int equals = flag.indexOf('=');
    boolean known = flag.startsWith("-XX:AOTCache=") || flag.startsWith("-XX:SharedArchiveFile=");
    if (!known || !Files.isRegularFile(Path.of(flag.substring(equals + 1)))) {
      return List.of();
    }
    // Quiet: a cache the child cannot use (another heap size or collector) only means a slower start.
    // The children run on this JVM's java; its log tag for the cache is "aot" from JDK 25 on.
    return flag.startsWith("-XX:AOTCache=") && Runtime.version().feature() >= 25
        ? List.of(flag, "-Xlog:aot=off", "-Xlog:cds=off") : List.of(flag, "-Xlog:cds=off");
  }

  /** The next result line, or null when the child ended (EOF) or the deadline passed. */
  private RunOutcome next(LinkedBlockingQueue<String> lines, long deadline) throws InterruptedException {
    while (true) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        return null;
      }
      String line = lines.poll(wait, TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        return null;
      }
      RunOutcome outcome = RunOutcome.fromLine(line, json);
      if (outcome != null) {
        return outcome;
      }
    }
  }

  /** Why the child ended before reporting: out of memory, or its exit status. */
  private String exitReason(Process process, Path stderr) throws InterruptedException {
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      return "the child JVM closed its output and stopped answering";
    }
    int status = process.exitValue();
    String errors = tail(stderr);
    if (status == GradeWorker.OUT_OF_MEMORY_STATUS || errors.contains("java.lang.OutOfMemoryError")) {
      return Grader.OUT_OF_MEMORY + " (heap limit " + options.heapMegabytes() + " MB)";
    }
    return "exited with status " + status + " (System.exit or a JVM crash in the submission?)";
  }

  private static String tail(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int from = Math.max(0, bytes.length - 16_384);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** A daemon thread copies the child's stdout lines into a queue, so that the grader can wait with a deadline. */
  private static LinkedBlockingQueue<String> readLines(Process process) {
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>(100_000);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(RunOutcome.PREFIX)) {
            lines.offer(line);
          }
        }
      } catch (IOException ignored) {
        // the child was killed: EOF below says so
      }
      lines.offer(EOF);
    }, "omnisim-grade-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
