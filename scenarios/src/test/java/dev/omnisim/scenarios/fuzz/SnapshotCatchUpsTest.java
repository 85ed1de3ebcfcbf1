package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.scenarios.References;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.DiskMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The snapshot counter sees a server catch up by another's snapshot when the threshold is low and a
 * server falls behind, sees none when servers never compact, and changes nothing in the run.
 */
class SnapshotCatchUpsTest {

  /** 3 servers; server 2 is cut off for 3 s while 2 clients write, then the network heals. */
  private static FaultSchedule lagging(long snapshotEvery) {
    FuzzConfig config = new FuzzConfig("fuzz-3", 3, 2, 3, 5_000_000, 10_000, FuzzScenarios.LIVENESS_BOUND_MICROS,
        false, new ClusterTimings(References.TICK_MICROS, ConsensusOptions.DEFAULTS, snapshotEvery),
        NetworkConditions.RELIABLE, FaultMix.classic(), DiskMode.LOSSY);
    return new FaultSchedule(config, 1L, List.of(
        new TimedFault(500_000, new FaultAction.Partition(List.of(List.of(0, 1), List.of(2)))),
        new TimedFault(3_500_000, new FaultAction.Heal())));
  }

  private static SnapshotCatchUps run(FaultSchedule schedule, String[] fingerprint) {
    SnapshotCatchUps counter = new SnapshotCatchUps();
    ScenarioRunner runner = ScenarioRunner.reference();
    ScenarioResult r = runner.withImplementation(counter.around(runner.implementation()))
        .run(FuzzScenarios.withSchedule(schedule), 1);
    assertNull(r.failure());
    ScenarioResult plain = runner.run(FuzzScenarios.withSchedule(schedule), 1);
    assertEquals(plain.fingerprint(), r.fingerprint(), "counting must not change the run");
    fingerprint[0] = r.fingerprint();
    return counter;
  }

  @Test
  void aLaggingServerCatchesUpBySnapshotOnlyWhenServersCompact() {
    String[] fp = new String[1];
    SnapshotCatchUps often = run(lagging(5), fp);
    assertTrue(often.installs() > 0, "server 2 missed far more than 5 entries: it must catch up by snapshot");
    assertEquals(0, often.restartsFromSnapshot(), "nothing crashed: no restart, from a snapshot or not");
    SnapshotCatchUps never = run(lagging(0), fp);
    assertEquals(0, never.installs(), "no server ever compacts: no snapshot to install");
    assertEquals(0, never.restartsFromSnapshot());
  }
}
