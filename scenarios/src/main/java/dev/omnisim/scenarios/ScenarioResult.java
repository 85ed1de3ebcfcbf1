package dev.omnisim.scenarios;

import dev.omnisim.scenarios.check.Failure;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.sim.TraceEvent;
import java.util.List;
import java.util.Locale;

/**
 * What one run of a scenario showed.
 *
 * @param scenario the scenario
 * @param seed the run's seed
 * @param failure why it failed, typed, or null when it passed
 * @param virtualMicros virtual time the run took
 * @param rpcs the lab's "rpcs": RPC calls plus one-way messages sent
 * @param ops client operations completed
 * @param fingerprint the run's trace fingerprint, 16 hex digits
 * @param history every client operation, for the checker and the failure report
 * @param check the linearizability checker's result
 * @param trace the recorded trace events (empty unless recording was on)
 * @param crashes what the run's crashes did to the servers' disks
 * @param replayArguments what the replay command adds after the seed to run the same code again, e.g.
 *     {@code --submission PATH} when a submission ran ("" for the reference)
 */
public record ScenarioResult(
    Scenario scenario,
    long seed,
    Failure failure,
    long virtualMicros,
    long rpcs,
    long ops,
    String fingerprint,
    History<KvOp, String> history,
    CheckResult<KvOp, String> check,
    List<TraceEvent> trace,
    CrashStats crashes,
    String replayArguments) {

  public ScenarioResult {
    replayArguments = replayArguments == null ? "" : replayArguments.strip();
  }

  /** A result of the reference (its replay command needs no more arguments). */
  public ScenarioResult(Scenario scenario, long seed, Failure failure, long virtualMicros, long rpcs, long ops,
      String fingerprint, History<KvOp, String> history, CheckResult<KvOp, String> check, List<TraceEvent> trace,
      CrashStats crashes) {
    this(scenario, seed, failure, virtualMicros, rpcs, ops, fingerprint, history, check, trace, crashes, "");
  }

  /** The same result, replayed with {@code arguments} after the seed (a submission's {@code --submission PATH}). */
  public ScenarioResult withReplayArguments(String arguments) {
    return new ScenarioResult(scenario, seed, failure, virtualMicros, rpcs, ops, fingerprint, history, check, trace,
        crashes, arguments);
  }

  /** True when every check passed. */
  public boolean passed() {
    return failure == null;
  }

  /** The lab's result line: {@code  ... Passed --  35.3  5 27362  918}. */
  public String labLine() {
    return String.format(Locale.ROOT, "  ... %s --  %4.1f  %d %5d %4d", passed() ? "Passed" : "FAILED",
        virtualMicros / 1e6, scenario.servers(), rpcs, ops);
  }

  /** The command that reproduces this run, against the same code (a submission's included). */
  public String replayCommand() {
    return "./omnisim run " + scenario.name() + " --seed " + seed + (replayArguments.isEmpty() ? "" : " " + replayArguments);
  }

  /**
   * What a run's crashes did, from the simulator's counters: a campaign sums them to show that its
   * lossy crashes really lost something.
   *
   * @param crashes crashes of any node
   * @param insideSteps crashes at a crash point inside a step
   * @param withUnsyncedWrites crashes that found writes not yet synced
   * @param lostWrites crashes that lost at least one unsynced write
   * @param toreWrites crashes that tore a write
   */
  public record CrashStats(long crashes, long insideSteps, long withUnsyncedWrites, long lostWrites, long toreWrites) {
    /** A run without crashes (or one made by hand). */
    public static final CrashStats NONE = new CrashStats(0, 0, 0, 0, 0);
  }
}
