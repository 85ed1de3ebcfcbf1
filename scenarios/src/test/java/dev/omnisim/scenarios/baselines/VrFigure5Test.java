package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Viewstamped Replication in the paper's figure 5 (Table 1), through the lab's Fig 5 scenarios under
 * the harness's invariants. Quorum loss and constrained election both deadlock: a replica sends
 * DoViewChange only after StartViewChange from f others, and only the one quorum-connected server
 * ever hears that many, so no view change completes; the views move on at every timeout, but no
 * primary is ever installed (no leader, no leader change). Chained (3 servers) recovers: the bridge
 * and either end form a majority, and a view whose primary is the bridge or reaches it completes.
 */
class VrFigure5Test {

  @ParameterizedTest(name = "{0} deadlocks, seed 1")
  @ValueSource(strings = {"fig5a-one", "fig5a-many", "fig5b-one", "fig5b-many"})
  void quorumLossAndConstrainedElectionDeadlock(String name) {
    ScenarioResult r = MultiPaxosFigure5Test.runner("vr").run(new Catalog().require(name), 1);
    assertNotNull(r.failure(), name + " passed on VR");
    assertTrue(r.failure().describe().matches("(QUORUM_LOSS|CONSTRAINED_ELECTION): only server \\d is quorum-connected, "
        + "but after 2 s server \\d sees no leader"), r.failure().describe());
  }

  @ParameterizedTest(name = "{0} recovers, seed 1")
  @ValueSource(strings = {"fig5c-one", "fig5c-many"})
  void chainedRecovers(String name) {
    ScenarioResult r = MultiPaxosFigure5Test.runner("vr").run(new Catalog().require(name), 1);
    assertNull(r.failure(), () -> name + " seed 1: " + r.failure().describe());
  }

  @Test
  void chainedWindowCompletesOperations() {
    var vr = MultiPaxosFigure5Test.chained(Protocols.byName("vr").orElseThrow(), 1, 10);
    System.out.printf("chained 10 s window, seed 1: vr %d ops %d leader changes%n", vr.operations(), vr.leaderChanges());
    assertTrue(vr.operations() > 0, "VR made no progress in the chained window: " + vr);
  }
}
