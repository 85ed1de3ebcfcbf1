package dev.omnisim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.sim.NetworkPreset;
import org.junit.jupiter.api.Test;

/** The harness confines a Clerk to some servers as config.go's ConnectClient does, until the network heals. */
class KvClusterTest {
  private static final long SECOND = 1_000_000;

  private static KvCluster threeServers() {
    Scenario shape = new Scenario("harness", "Harness", "three servers", 3, NetworkPreset.RELIABLE, 0, (c, r) -> {});
    return new KvCluster(1, References.clusterOptions(shape, Implementation.REFERENCE));
  }

  @Test
  void aClerkThatReachesOnlyAFollowerCompletesNothingUntilTheNetworkHeals() {
    KvCluster cluster = threeServers();
    int leader = cluster.awaitLeader(5 * SECOND);
    int follower = (leader + 1) % 3;
    KvClerk confined = cluster.makeClerk(follower);
    boolean[] done = new boolean[1];
    long callsBefore = cluster.sim().counters().rpcsSent();
    confined.put("k", "v", () -> done[0] = true);

    cluster.runFor(3 * SECOND);
    assertFalse(done[0], "a Clerk that reaches only follower " + follower + " must not complete a Put");
    long attempts = cluster.sim().counters().rpcsSent() - callsBefore;
    assertTrue(attempts > 3, "the confined Clerk keeps retrying, made " + attempts + " attempts");

    cluster.heal();
    assertTrue(cluster.runUntil(() -> done[0], 3 * SECOND), "after the heal the Clerk reaches leader " + leader);
    assertEquals(1, cluster.completedOperations(), "the Put completed once");
  }

  @Test
  void aClerkCannotBeConfinedToAServerOutsideTheCluster() {
    KvCluster cluster = threeServers();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cluster.makeClerk(0, 3));
    assertTrue(e.getMessage().contains("server id must be within [0, 2], was 3"), e.getMessage());
  }
}
