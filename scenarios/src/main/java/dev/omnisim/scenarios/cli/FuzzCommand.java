package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.campaign.BuildInfo;
import dev.omnisim.scenarios.campaign.ShardSpec;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.fuzz.Nemesis;
import dev.omnisim.scenarios.fuzz.SnapshotCatchUps;
import dev.omnisim.scenarios.grading.SubmissionLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim fuzz}: many seeds of a fuzz scenario, one simulation per thread; by default the swarm,
 * where each seed draws its own configuration. Results are kept as they come: every seed appends a record
 * to {@code OUT/seeds.jsonl}, and a failing seed writes its schedule and small evidence into its folder
 * before its record, so an interrupted or killed run loses nothing it finished. A shard ({@code --shard})
 * runs a deterministic slice of the seeds and resumes from its records; {@code omnisim campaign merge}
 * combines shard folders. The summary (printed at the end, or on Ctrl-C) says in how many runs a server
 * caught up by a snapshot and what crashes did, so a campaign shows what it exercised.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = {"Runs a fuzz scenario over many seeds in parallel; exit 1 if any seed failed.",
        "Each seed appends one JSON line to OUT/seeds.jsonl; a failing seed writes OUT/SCENARIO-seedN/ (schedule.json,"
            + " failure.txt, history.jsonl) as it is found. Ctrl-C prints the summary of what was found."})
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

  @Option(names = "--time-limit", paramLabel = "S",
      description = "Start no new seed after S wall seconds from the start of the command (writing included).")
  Double timeLimitSeconds;

  @Option(names = "--max-failures", paramLabel = "N", description = "Start no new seed once N seeds have failed.")
  Integer maxFailures;

  @Option(names = "--check-determinism", description = "Run each seed twice and compare fingerprints.")
  boolean checkDeterminism;

  @Option(names = "--out", defaultValue = "omnisim-out", paramLabel = "DIR",
      description = "Where the seed records (seeds.jsonl, shard.json) and each failing seed's schedule and evidence go"
          + " (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--evidence", defaultValue = "small", paramLabel = "small|full",
      description = "small (default): schedule, failure and history, under 100 KB per failure; full: also the trace,"
          + " run.html and report.html, made by replaying the seed (about 3 MB each, and slower).")
  String evidence;

  @Option(names = "--shard", paramLabel = "K/N|auto",
      description = "Run shard K of N (K from 0): the seeds whose position in the range is K modulo N, so N shards"
          + " together run exactly the seeds of the unsharded run. 'auto' reads Kubernetes (JOB_COMPLETION_INDEX"
          + " and OMNISIM_SHARD_COUNT), Slurm (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT)"
          + " or AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX and OMNISIM_SHARD_COUNT). A shard resumes: seeds already"
          + " recorded in OUT/seeds.jsonl are skipped.")
  String shard;

  @Option(names = "--resume", description = "Skip the seeds already recorded in OUT/seeds.jsonl (a shard always does).")
  boolean resume;

  @Option(names = "--allow-mixed-versions",
      description = "Resume records that another omnisim version or commit wrote (their fingerprints may differ).")
  boolean allowMixedVersions;

  @Option(names = "--submission", paramLabel = "PATH",
      description = "Fuzz a submission (a jar, or a project folder, compiled first; see 'omnisim new-submission')"
          + " instead of the reference.")
  Path submission;

  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    long startNanos = System.nanoTime();
    if (!FuzzScenarios.isFuzzScenario(scenarioName)) {
      throw bad("unknown fuzz scenario '" + scenarioName + "' (--scenario); known: " + FuzzScenarios.names());
    }
    long[] range = seedRange();
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (threadCount < 1 || threadCount > GradeCommand.MAX_JOBS) {
      throw bad("--threads must be 1.." + GradeCommand.MAX_JOBS + ", was " + threadCount);
    }
    if (timeLimitSeconds != null && !(timeLimitSeconds > 0 && timeLimitSeconds <= 1e9)) {
      throw bad("--time-limit must be a number of seconds above 0, was " + timeLimitSeconds);
    }
    if (maxFailures != null && maxFailures < 1) {
      throw bad("--max-failures must be at least 1, was " + maxFailures);
    }
    if (!evidence.equals("small") && !evidence.equals("full")) {
      throw bad("--evidence takes small or full, was '" + evidence + "'");
    }
    ShardSpec shardSpec = shardSpec();
    ScenarioRunner runner = runner();
    Cli.requireWritableFolder(spec, out, "--out");
    FailureArtifacts artifacts = FailureArtifacts.prepare(spec, out);
    BuildInfo build = BuildInfo.current(System.getenv());
    boolean keep = resume || shardSpec != null;
    ShardSpec slice = shardSpec == null ? ShardSpec.WHOLE : shardSpec;
    FuzzSession session = new FuzzSession(new FuzzSession.Settings(scenarioName, range[0], range[1], slice, build,
        submission == null ? null : String.valueOf(submission.getFileName()), protocol.name,
        (submission == null ? "" : " --submission " + submission) + protocol.replaySuffix(), threadCount, maxFailures, checkDeterminism,
        evidence.equals("full")), runner, artifacts, out, spec.commandLine().getOut(), spec.commandLine().getErr());
    try {
      session.open(keep, allowMixedVersions);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    } catch (IOException e) {
      throw bad("cannot use the out folder '" + out + "' (--out): " + e.getMessage());
    }
    long deadline = timeLimitSeconds == null ? Long.MAX_VALUE : startNanos + (long) (timeLimitSeconds * 1e9);
    return session.run(startNanos, deadline);
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

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private ShardSpec shardSpec() {
    if (shard == null) {
      return null;
    }
    try {
      return ShardSpec.parse(shard, System.getenv());
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  /** The reference, or the submission given (bad input, exit 2, when it cannot be loaded). */
  private ScenarioRunner runner() {
    if (submission == null) {
      return ScenarioRunner.reference().withImplementation(protocol.implementation(spec));
    }
    protocol.implementation(spec); // an unknown name: exit 2 with the known ones
    try {
      return SubmissionLoader.runner(SubmissionLoader.loadFrom(submission), String.valueOf(submission.getFileName()),
          protocol.name);
    } catch (SubmissionLoader.SubmissionException e) {
      throw bad("--submission: " + e.getMessage());
    }
  }

  /** The first and last seed of the campaign. */
  private long[] seedRange() {
    if (seedRange != null && count != null) {
      throw bad("give --seeds or --count, not both");
    }
    if (seedRange != null) {
      String[] parts = seedRange.split("\\.\\.", -1);
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        long a = Long.parseLong(parts[0].trim());
        long b = Long.parseLong(parts[1].trim());
        if (b < a || b - a >= 1_000_000_000_000L) {
          throw new NumberFormatException();
        }
        return new long[] {a, b};
      } catch (NumberFormatException e) {
        throw bad("--seeds takes A..B with whole numbers A <= B (at most 10^12 seeds), was '" + seedRange + "'");
      }
    }
    long n = count == null ? 100 : count;
    if (n < 1 || n > 1_000_000_000_000L) {
      throw bad("--count must be within [1, 10^12], was " + n);
    }
    return new long[] {1, n};
  }
}
