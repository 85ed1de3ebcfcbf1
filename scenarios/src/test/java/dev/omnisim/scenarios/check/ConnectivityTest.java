package dev.omnisim.scenarios.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnisim.sim.Node;
import dev.omnisim.sim.Simulation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The invariants' link matrix follows every change of who can talk to whom, including changes that
 * come and go between two steps of any server (swarm seed 8604: a heal that lasted 8 ms).
 */
class ConnectivityTest {
  private static final long ROUND = 100_000;
  private static final int[] SERVERS = {0, 1, 2};

  /** Three servers that never take a step: nothing but the simulation's own reports can update the matrix. */
  private static Simulation silentCluster() {
    Simulation sim = new Simulation(1);
    for (int id : SERVERS) {
      sim.addNode(id, ctx -> (Node) (from, message) -> { });
    }
    return sim;
  }

  @Test
  @DisplayName("a heal that lasts less than a step still counts as a moment of connectivity")
  void shortHealBetweenSteps() {
    Simulation sim = silentCluster();
    Connectivity links = new Connectivity(sim, SERVERS, ROUND);
    sim.network().partition(new int[] {0}, new int[] {1}, new int[] {2});
    sim.schedule(1_000_000, "heal", () -> sim.network().heal());
    sim.schedule(1_008_000, "cut again", () -> sim.network().partition(new int[] {0}, new int[] {1}, new int[] {2}));
    sim.runFor(2_000_000);
    assertEquals(3, links.linkedSince(0, 900_000), "linked with both peers for 8 ms after t=0.9s");
    assertEquals(1, links.linkedSince(0, 1_008_001), "alone since the second cut");
    assertEquals(-1, links.connectedSince(0));
  }

  @Test
  @DisplayName("a crash and a restart at one instant are seen, and start the quorum-connected period again")
  void crashAndRestartAtOneInstant() {
    Simulation sim = silentCluster();
    Connectivity links = new Connectivity(sim, SERVERS, ROUND);
    assertEquals(0, links.connectedSince(1));
    sim.schedule(500_000, "bounce", () -> {
      sim.crash(1);
      sim.restart(1);
    });
    sim.runFor(1_000_000);
    assertEquals(500_000, links.connectedSince(1));
    assertEquals(500_000, links.changedAtMicros());
    assertEquals(3, links.linkedSince(0, 400_000));
  }

  @Test
  @DisplayName("after a clog is healed the network is settled only once what the clog held up has arrived")
  void settledAfterTheSlowestMessageArrives() {
    Simulation sim = silentCluster();
    Connectivity links = new Connectivity(sim, SERVERS, ROUND);
    sim.network().setLinkFaults(0, 1, sim.network().faults(0, 1).withLatency(new dev.omnisim.sim.Latency.Constant(768_000)));
    sim.schedule(1_000_000, "heal", () -> sim.network().clearLinkFaults());
    sim.runFor(2_000_000);
    assertEquals(1_000_000, links.changedAtMicros());
    assertEquals(1_768_000, links.settledAtMicros(), "a message sent just before the heal arrives 768 ms later");
  }
}
