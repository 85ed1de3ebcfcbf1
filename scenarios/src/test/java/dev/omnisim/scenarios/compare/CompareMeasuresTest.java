package dev.omnisim.scenarios.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Implementation;
import dev.omnisim.sim.TraceEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The measures of a run agree with the harness's own record of it: leader changes are the {@code
 * LEADERSHIP} trace events in the window in which a server starts leading, and down-time and decided
 * entries are consistent with the window.
 */
class CompareMeasuresTest {
  private static final CompareOptions SHORT = CompareOptions.DEFAULTS.withWindowMicros(3_000_000);

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"omnipaxos, QUORUM_LOSS", "omnipaxos, CHAINED", "restless, QUORUM_LOSS", "restless, CONSTRAINED_ELECTION"})
  void leaderChangesAreTheLeadershipTraceEventsOfTheWindow(String protocol, PartitionScenario scenario) {
    Implementation implementation = protocol.equals("restless") ? FixedLeader.restless()
        : dev.omnisim.scenarios.Protocols.byName(protocol).orElseThrow();
    PartialConnectivityExperiment.Recorded recorded =
        new PartialConnectivityExperiment(SHORT).runRecorded(protocol, implementation, scenario, 50, 7);
    CompareRun run = recorded.run();
    // The window is (cut, cut + length]: what happened at the instant of the cut happened before it.
    List<TraceEvent> changes = LeaderChanges.between(recorded.trace(), recorded.windowStartMicros() + 1,
        recorded.windowStartMicros() + SHORT.windowMicros());
    assertTrue(run.leaderChanges() > 0, "the cut makes somebody take over: " + run);
    assertEquals(changes.size(), run.leaderChanges(), "leader changes in the window, the first: "
        + changes.stream().limit(5).toList());
    assertTrue(run.downTimeMs() >= 0 && run.downTimeMs() <= SHORT.windowMicros() / 1_000, run.toString());
    if (run.recovered()) {
      assertTrue(run.decided() > 0 && run.downTimeMs() < SHORT.windowMicros() / 1_000 * 3 / 4, run.toString());
    } else {
      assertEquals(SHORT.windowMicros() / 1_000, run.downTimeMs(), "nothing decided: down the whole window " + run);
    }
  }
}
