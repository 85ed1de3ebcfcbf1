package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.TraceKind;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Omni-Paxos paper (EuroSys 2023, §2 and §7, figure 5 and Table 1) predicts for Raft in its
 * partial-connectivity scenarios, checked through the lab's figure 5 scenarios:
 *
 * <ul>
 *   <li>quorum loss (5a): Raft and Raft PV+CQ recover — the one quorum-connected server, whose log is up to
 *       date, is elected once the old leader is deposed (by a higher term, or by CheckQuorum);
 *   <li>constrained election (5b): neither recovers — the only quorum-connected server has an outdated log,
 *       so the up-to-date servers refuse it their votes, and they cannot reach a majority themselves;
 *   <li>chained (5c): plain Raft keeps electing: the server cut off from the leader times out, wins the
 *       middle server's vote with a higher term, and the deposed leader does the same in turn (the paper's
 *       livelock, figure 7). The lab's workload still completes between elections. With PV+CQ the middle
 *       server, which still hears the leader, refuses the pre-votes: one leader throughout.
 * </ul>
 */
class RaftFigure5Test {
  private static final Catalog CATALOG = new Catalog();

  private static ScenarioResult run(String protocol, String scenario) {
    return new ScenarioRunner(Protocols.byName(protocol).orElseThrow(), true, Duration.ofSeconds(30))
        .run(CATALOG.require(scenario), 1);
  }

  /** How many distinct terms some server led in, from the run's leadership trace. */
  private static long termsLed(ScenarioResult r) {
    return r.trace().stream().filter(e -> e.kind() == TraceKind.LEADERSHIP && e.detail().startsWith("leading"))
        .map(e -> e.detail()).distinct().count();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raft", "raft-pvcq"})
  @DisplayName("quorum loss: recovers")
  void quorumLoss(String protocol) {
    ScenarioResult r = run(protocol, "fig5a-one");
    assertTrue(r.passed(), () -> r.failure().describe());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raft", "raft-pvcq"})
  @DisplayName("constrained election: no leader is elected, and the failure names the stall")
  void constrainedElection(String protocol) {
    ScenarioResult r = run(protocol, "fig5b-one");
    assertFalse(r.passed(), "the paper predicts a deadlock");
    String why = r.failure().describe();
    assertTrue(why.contains("CONSTRAINED_ELECTION") && why.contains("no leader"), why);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raft", "raft-pvcq"})
  @DisplayName("chained: plain Raft elects over and over, PV+CQ keeps one leader")
  void chained(String protocol) {
    ScenarioResult r = run(protocol, "fig5c-one");
    assertTrue(r.passed(), () -> r.failure().describe());
    if (protocol.equals("raft")) {
      assertTrue(termsLed(r) >= 20, "repeated elections expected, saw " + termsLed(r) + " leader terms");
    } else {
      assertEquals(1, termsLed(r), "one leader throughout");
    }
  }
}
