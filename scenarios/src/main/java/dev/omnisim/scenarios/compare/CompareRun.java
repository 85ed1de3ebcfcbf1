package dev.omnisim.scenarios.compare;

/**
 * One run of the experiment: one protocol, scenario, election timeout and seed.
 *
 * @param protocol the protocol's registered name
 * @param scenario the scenario's label
 * @param electionTimeoutMs the election timeout, in milliseconds
 * @param seed the run's seed
 * @param recovered true when entries were decided in the last quarter of the window
 * @param downTimeMs the longest period within the window with no newly decided entry, in milliseconds
 * @param decided entries decided within the window
 * @param leaderChanges times within the window that a server started leading in a new term (the
 *     {@code LEADERSHIP} trace events that say "leading")
 * @param failure null, or why the harness stopped the run (a broken invariant: a bug, never a result)
 */
public record CompareRun(
    String protocol,
    String scenario,
    long electionTimeoutMs,
    long seed,
    boolean recovered,
    long downTimeMs,
    long decided,
    long leaderChanges,
    String failure) {

  /** This run's verdict. */
  public Verdict verdict() {
    return Verdict.of(this);
  }

  /** The command that reruns exactly this run. */
  public String replayCommand() {
    return "./omnisim compare --protocols " + protocol + " --scenarios " + scenario + " --timeouts "
        + electionTimeoutMs + " --seeds " + seed + " --threads 1";
  }
}
