package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.fault.FaultAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.ClusterOptions;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.sim.DiskMode;
import dev.omnisim.sim.NetworkPreset;
import org.junit.jupiter.api.Test;

/** The actions over the kernel's harsher faults do what they say on a running cluster. */
class KernelFaultActionsTest {

  private static KvCluster cluster() {
    KvCluster c = new KvCluster(3, new ClusterOptions(3, NetworkPreset.RELIABLE, Implementation.REFERENCE, 10_000_000,
        false));
    c.runFor(1_000_000); // a leader, ticks and heartbeats: every server takes steps
    return c;
  }

  @Test
  void crashInStepStopsTheServerInsideItsNextStepAndRestartsIt() {
    KvCluster c = cluster();
    new FaultAction.CrashInStep(1, 1, 300_000).apply(c.faultTarget());
    c.runFor(50_000);
    assertEquals(1, c.sim().counters().crashesInsideSteps(), "one crash, inside a step");
    assertTrue(!c.sim().isUp(1));
    c.runFor(400_000);
    assertTrue(c.sim().isUp(1), "restarted after 300 ms");
  }

  @Test
  void crashAfterWriteStrikesAServerThatWritesBetweenItsWriteAndItsSync() {
    KvCluster c = cluster();
    c.sim().disk(0).setMode(DiskMode.LOSSY);
    c.sim().disk(1).setMode(DiskMode.LOSSY);
    c.sim().disk(2).setMode(DiskMode.LOSSY);
    int leader = c.awaitLeader(1_000_000);
    new FaultAction.CrashAfterWrite(leader, 0, 300_000).apply(c.faultTarget());
    c.runFor(200_000); // idle: heartbeats write nothing, so the point waits
    assertEquals(0, c.sim().counters().crashesInsideSteps(), "no write yet, no crash");
    c.makeClerk().put("k", "v", () -> {});
    c.runFor(100_000);
    assertEquals(1, c.sim().counters().crashesInsideSteps(), "one crash, inside the step that wrote");
    assertEquals(1, c.sim().counters().crashesWithUnsyncedWrites(), "right after the write, before its sync");
  }

  @Test
  void crashInStepOfADownServerDoesNothing() {
    KvCluster c = cluster();
    c.crash(2);
    new FaultAction.CrashInStep(2, 0, 0).apply(c.faultTarget());
    c.runFor(100_000);
    assertEquals(0, c.sim().counters().crashesInsideSteps());
  }

  @Test
  void diskAndStaleMessagesSetTheKernelsFaultsAndAHealClearsTheStaleOnes() {
    KvCluster c = cluster();
    FaultTarget t = c.faultTarget();
    new FaultAction.Disk(0, DiskMode.TORN).apply(t);
    assertEquals(DiskMode.TORN, c.sim().disk(0).mode());
    new FaultAction.StaleMessages(0.05, 200_000, 800_000).apply(t);
    assertEquals(0.05, c.sim().network().defaultFaults().staleProbability());
    new FaultAction.Heal().apply(t);
    assertEquals(0.0, c.sim().network().defaultFaults().staleProbability());
  }
}
