package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.omnisim.sim.NetworkPreset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A run is a pure function of its seed: the same seed replays event for event. */
class DeterminismTest {

  private static long run(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(NetworkPreset.UNRELIABLE);
    c.checkOneLeader();
    for (int i = 0; i < 20; i++) {
      c.propose(i % 5, "d-" + i);
      c.runFor(30 * MILLIS);
    }
    c.crash(2);
    c.sim.network().cut(0, 1);
    c.runFor(1 * SECONDS);
    c.restart(2);
    c.sim.network().heal();
    c.runFor(1 * SECONDS);
    return c.sim.fingerprint();
  }

  @Test
  @DisplayName("the same seed gives the same fingerprint; another seed another one")
  void sameSeedSameRun() {
    assertEquals(run(7), run(7));
    assertNotEquals(run(7), run(8));
  }
}
