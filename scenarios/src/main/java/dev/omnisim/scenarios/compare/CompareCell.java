package dev.omnisim.scenarios.compare;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The runs of one protocol × scenario × election timeout, over seeds, summarised as the paper's
 * figure does: each measure as its median and range.
 *
 * @param protocol the protocol's name
 * @param scenario the scenario's label
 * @param electionTimeoutMs the election timeout in milliseconds
 * @param runs the runs, one per seed, in seed order
 */
public record CompareCell(String protocol, String scenario, long electionTimeoutMs, List<CompareRun> runs) {

  /** Copies the runs and checks there is at least one. */
  public CompareCell {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a cell needs at least one run: " + protocol + " " + scenario);
    }
  }

  /** A median and a range of one measure over the seeds. */
  public record Spread(long median, long min, long max) {
    @Override
    public String toString() {
      return min == max ? Long.toString(median) : median + " [" + min + ".." + max + "]";
    }
  }

  /** How many seeds recovered. */
  public long recoveredCount() {
    return runs.stream().filter(CompareRun::recovered).count();
  }

  /** Runs the harness stopped (a broken invariant). */
  public List<CompareRun> failures() {
    return runs.stream().filter(r -> r.failure() != null).toList();
  }

  /** Down-time in ms over the seeds. */
  public Spread downTimeMs() {
    return spread(CompareRun::downTimeMs);
  }

  /** Entries decided in the window over the seeds. */
  public Spread decided() {
    return spread(CompareRun::decided);
  }

  /** Leader changes in the window over the seeds. */
  public Spread leaderChanges() {
    return spread(CompareRun::leaderChanges);
  }

  /**
   * The cell's verdict: recovers when most seeds recovered; otherwise livelock when the median run
   * changed leaders at least {@link Verdict#LIVELOCK_LEADER_CHANGES} times, else deadlock.
   */
  public Verdict verdict() {
    if (2 * recoveredCount() > runs.size()) {
      return Verdict.RECOVERS;
    }
    return leaderChanges().median() >= Verdict.LIVELOCK_LEADER_CHANGES ? Verdict.LIVELOCK : Verdict.DEADLOCK;
  }

  private Spread spread(ToLongFunction<CompareRun> measure) {
    long[] values = runs.stream().mapToLong(measure).sorted().toArray();
    int n = values.length;
    long median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return new Spread(median, values[0], values[n - 1]);
  }
}
