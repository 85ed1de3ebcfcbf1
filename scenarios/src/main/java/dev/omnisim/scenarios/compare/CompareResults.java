package dev.omnisim.scenarios.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run of a comparison, in the order protocol, scenario, timeout, seed, and the summaries the
 * reports print: one {@link CompareCell} per protocol × scenario × timeout, and the paper's Table 1,
 * one verdict per protocol × scenario.
 *
 * @param runs every run, in matrix order
 */
public record CompareResults(List<CompareRun> runs) {

  /** Copies the runs. */
  public CompareResults {
    runs = List.copyOf(runs);
  }

  /** The cells, in matrix order. */
  public List<CompareCell> cells() {
    Map<String, List<CompareRun>> byCell = new LinkedHashMap<>();
    for (CompareRun r : runs) {
      byCell.computeIfAbsent(r.protocol() + "\u0000" + r.scenario() + "\u0000" + r.electionTimeoutMs(),
          k -> new ArrayList<>()).add(r);
    }
    return byCell.values().stream()
        .map(rs -> new CompareCell(rs.get(0).protocol(), rs.get(0).scenario(), rs.get(0).electionTimeoutMs(), rs))
        .toList();
  }

  /** The protocols, in matrix order. */
  public List<String> protocols() {
    return runs.stream().map(CompareRun::protocol).distinct().toList();
  }

  /** The scenarios, in matrix order. */
  public List<String> scenarios() {
    return runs.stream().map(CompareRun::scenario).distinct().toList();
  }

  /** The election timeouts, in matrix order. */
  public List<Long> timeouts() {
    return runs.stream().map(CompareRun::electionTimeoutMs).distinct().toList();
  }

  /**
   * Table 1's verdict for {@code protocol} in {@code scenario}: recovers when it recovers with every
   * election timeout; otherwise livelock when some timeout's cell livelocks, else deadlock.
   */
  public Verdict verdict(String protocol, String scenario) {
    List<Verdict> verdicts = cells().stream()
        .filter(c -> c.protocol().equals(protocol) && c.scenario().equals(scenario))
        .map(CompareCell::verdict).toList();
    if (verdicts.isEmpty()) {
      throw new IllegalArgumentException("no runs of " + protocol + " in " + scenario);
    }
    if (verdicts.stream().allMatch(v -> v == Verdict.RECOVERS)) {
      return Verdict.RECOVERS;
    }
    return verdicts.contains(Verdict.LIVELOCK) ? Verdict.LIVELOCK : Verdict.DEADLOCK;
  }

  /** Runs the harness stopped: each is a bug in that protocol (or in the harness), never a result. */
  public List<CompareRun> failures() {
    return runs.stream().filter(r -> r.failure() != null).toList();
  }
}
