package dev.omnisim.scenarios.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The paper's Table 1 as a regression test: every registered protocol runs the default matrix (all three
 * scenarios, election timeouts 50 ms, 500 ms and 5 s) and its verdicts must be the paper's. A protocol
 * with no row here fails the test, so a baseline cannot be registered without its expected row. The two
 * weak protocols of this package prove that the verdicts are told apart: one deadlocks, one livelocks,
 * where OmniPaxos recovers.
 */
class CompareVerdictTableTest {
  static final List<Long> TIMEOUTS_MS = List.of(50L, 500L, 5_000L);
  static final long[] SEEDS = {1, 2};
  static final String QUORUM_LOSS = PartitionScenario.QUORUM_LOSS.label();
  static final String CONSTRAINED = PartitionScenario.CONSTRAINED_ELECTION.label();
  static final String CHAINED = PartitionScenario.CHAINED.label();
  /**
   * The one cell where our measure differs from the paper's figure 7: at this election timeout Multi-Paxos's
   * chained churn is too rare to cost decided proposals under our closed-loop client.
   */
  static final long CHAINED_CHURN_BELOW_CLIENT_MS = 5_000;

  static final Predicate<Verdict> RECOVERS = v -> v == Verdict.RECOVERS;
  static final Predicate<Verdict> DOES_NOT_RECOVER = v -> v != Verdict.RECOVERS;
  static final Predicate<Verdict> DEADLOCKS = v -> v == Verdict.DEADLOCK;
  static final Predicate<Verdict> ANY = v -> true;

  /**
   * The artifact's expected results (its README, claim C1), per protocol and scenario. Chained is only
   * required of OmniPaxos; Multi-Paxos's chained claim (fewer decided proposals than OmniPaxos) is checked
   * on the decided counts below, at 50 and 500 ms (at 5 s see {@link #CHAINED_CHURN_BELOW_CLIENT_MS}).
   */
  static final Map<String, Map<String, Predicate<Verdict>>> PAPER = new LinkedHashMap<>();

  static {
    PAPER.put("omnipaxos", row(RECOVERS, RECOVERS, RECOVERS));
    PAPER.put("raft", row(RECOVERS, DOES_NOT_RECOVER, ANY));
    PAPER.put("raft-pvcq", row(RECOVERS, DOES_NOT_RECOVER, ANY));
    PAPER.put("multipaxos", row(DEADLOCKS, RECOVERS, ANY));
    PAPER.put("vr", row(DEADLOCKS, DOES_NOT_RECOVER, ANY));
  }

  private static Map<String, Predicate<Verdict>> row(Predicate<Verdict> quorumLoss, Predicate<Verdict> constrained,
      Predicate<Verdict> chained) {
    Map<String, Predicate<Verdict>> r = new LinkedHashMap<>();
    r.put(QUORUM_LOSS, quorumLoss);
    r.put(CONSTRAINED, constrained);
    r.put(CHAINED, chained);
    return r;
  }

  static CompareResults matrix(String name, Implementation implementation, long... seeds) {
    PartialConnectivityExperiment experiment = new PartialConnectivityExperiment(CompareOptions.DEFAULTS);
    List<CompareRun> runs = new ArrayList<>();
    for (PartitionScenario scenario : PartitionScenario.values()) {
      for (long timeout : TIMEOUTS_MS) {
        for (long seed : seeds) {
          runs.add(experiment.run(name, implementation, scenario, timeout, seed));
        }
      }
    }
    return new CompareResults(runs);
  }

  @Test
  void everyRegisteredProtocolMatchesThePapersTable1() {
    List<CompareResults> all = new ArrayList<>();
    for (String name : Protocols.names()) {
      assertTrue(PAPER.containsKey(name), "protocol " + name + " is registered but has no expected row in PAPER");
      CompareResults results = matrix(name, Protocols.byName(name).orElseThrow(), SEEDS);
      assertEquals(List.of(), results.failures(), name + ": the harness stopped runs (a bug, not a result)");
      for (String scenario : results.scenarios()) {
        Verdict v = results.verdict(name, scenario);
        assertTrue(PAPER.get(name).get(scenario).test(v), name + " in " + scenario + ": " + v + " differs from the paper");
      }
      all.add(results);
    }
    CompareResults omnipaxos = all.get(Protocols.names().indexOf("omnipaxos"));
    for (CompareCell cell : omnipaxos.cells()) {
      assertTrue(cell.downTimeMs().max() <= 4 * cell.electionTimeoutMs(), "OmniPaxos's down-time in " + cell.scenario()
          + " at " + cell.electionTimeoutMs() + " ms is at most 4 election timeouts, was " + cell.downTimeMs());
    }
    int multipaxos = Protocols.names().indexOf("multipaxos");
    if (multipaxos >= 0) {
      for (long timeout : TIMEOUTS_MS) {
        long mp = decided(all.get(multipaxos), CHAINED, timeout);
        long op = decided(omnipaxos, CHAINED, timeout);
        if (timeout == CHAINED_CHURN_BELOW_CLIENT_MS) {
          // What we measure, not the paper (README, "Comparing protocols"): at 5 s Multi-Paxos still hands
          // leadership back and forth (5 changes in the window against OmniPaxos's 1), but each takeover
          // costs ~13 ms, while one closed-loop client with a 10 ms think time caps both at ~4 920
          // decided: the loss is within the client's granularity, so only "no more than 0.5 % apart".
          assertTrue(leaderChanges(all.get(multipaxos), CHAINED, timeout) > leaderChanges(omnipaxos, CHAINED, timeout),
              "chained at " + timeout + " ms: Multi-Paxos changes leader more often than OmniPaxos");
          assertTrue(Math.abs(mp - op) * 200 <= op, "chained at " + timeout
              + " ms: Multi-Paxos and OmniPaxos decide about as many (client-bound): " + mp + " vs " + op);
        } else {
          assertTrue(mp < op, "chained at " + timeout + " ms: Multi-Paxos decides fewer proposals than OmniPaxos: "
              + mp + " vs " + op);
        }
      }
    }
  }

  private static long decided(CompareResults results, String scenario, long timeout) {
    return cell(results, scenario, timeout).decided().median();
  }

  private static long leaderChanges(CompareResults results, String scenario, long timeout) {
    return cell(results, scenario, timeout).leaderChanges().median();
  }

  private static CompareCell cell(CompareResults results, String scenario, long timeout) {
    return results.cells().stream().filter(c -> c.scenario().equals(scenario) && c.electionTimeoutMs() == timeout)
        .findFirst().orElseThrow();
  }

  @Test
  void aLeaderThatNeverHandsOverDeadlocksWhereItLosesItsMajority() {
    CompareResults results = matrix("never-reelects", FixedLeader.neverReelects(), 1);
    assertEquals(List.of(), results.failures());
    assertEquals(Verdict.DEADLOCK, results.verdict("never-reelects", QUORUM_LOSS));
    assertEquals(Verdict.DEADLOCK, results.verdict("never-reelects", CONSTRAINED));
    assertEquals(Verdict.RECOVERS, results.verdict("never-reelects", CHAINED), "the leader keeps a majority via the bridge");
    for (CompareCell c : results.cells()) {
      if (!c.scenario().equals(CHAINED)) {
        assertEquals(0, c.decided().max(), "nothing is decided after the cut: " + c);
        assertEquals(c.runs().get(0).downTimeMs(), 60_000, "down the whole window");
      }
    }
  }

  @Test
  void followersThatKeepClaimingLeadershipLivelock() {
    CompareResults results = matrix("restless", FixedLeader.restless(), 1);
    assertEquals(List.of(), results.failures());
    assertEquals(Verdict.LIVELOCK, results.verdict("restless", QUORUM_LOSS));
    assertEquals(Verdict.LIVELOCK, results.verdict("restless", CONSTRAINED));
    assertEquals(Verdict.RECOVERS, results.verdict("restless", CHAINED), "progress goes on, whoever claims to lead");
  }
}
