package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ballot Leader Election on the simulator, after the lab's 3A tests. */
class ElectionTest {

  @Test
  @DisplayName("initial election: 3 peers agree on one ballot within 1 s, and it stays for 2 s")
  void initialElection() {
    Cluster c = new Cluster(3, 1);
    int leader = c.awaitLeader(1 * SECONDS);
    Ballot ballot = c.leaderBallotOf(leader);
    for (int i = 0; i < 3; i++) {
      assertEquals(ballot, c.leaderBallotOf(i), "peer " + i + " follows another ballot");
    }
    c.runFor(2 * SECONDS);
    assertEquals(leader, c.checkOneLeader());
    for (int i = 0; i < 3; i++) {
      assertEquals(ballot, c.leaderBallotOf(i), "ballot changed without failures at peer " + i);
    }
  }

  @Test
  @DisplayName("re-election: a new leader after the leader is disconnected; none without a majority")
  void reElection() {
    Cluster c = new Cluster(3, 2);
    int leader1 = c.checkOneLeader();
    c.disconnect(leader1);
    int leader2 = c.checkOneLeader();
    assertNotEquals(leader1, leader2);

    // The old leader rejoins: it must not disturb the new one.
    c.connect(leader1);
    int leader3 = c.checkOneLeader();
    assertEquals(leader2, leader3);

    // No quorum: no leader.
    c.disconnect(leader2);
    c.disconnect((leader2 + 1) % 3);
    c.runFor(2 * SECONDS);
    c.checkNoLeader();

    // A quorum again: a leader.
    c.connect((leader2 + 1) % 3);
    c.checkOneLeader();
    c.connect(leader2);
    c.checkOneLeader();
  }

  @Test
  @DisplayName("many elections: 9 rounds of disconnecting 3 random peers of 7")
  void manyElections() {
    Cluster c = new Cluster(7, 3);
    c.checkOneLeader();
    RandomGenerator r = c.sim.randomStream("test");
    for (int round = 0; round < 9; round++) {
      int i1 = r.nextInt(7);
      int i2 = r.nextInt(7);
      int i3 = r.nextInt(7);
      c.disconnect(i1);
      c.disconnect(i2);
      c.disconnect(i3);
      // Either the current leader is still alive, or the remaining four elect a new one.
      c.checkOneLeader();
      c.connect(i1);
      c.connect(i2);
      c.connect(i3);
    }
    c.checkOneLeader();
    assertTrue(c.sim.now() < 120 * SECONDS);
    c.runFor(500 * MILLIS);
  }

  @Test
  @DisplayName("a leader cut off in a minority loses its quorum within two rounds; the majority elects another")
  void minorityLeaderLosesQuorum() {
    Cluster c = new Cluster(5, 4);
    int leader = c.checkOneLeader();
    c.sim.network().partition(new int[] {leader, (leader + 1) % 5},
        new int[] {(leader + 2) % 5, (leader + 3) % 5, (leader + 4) % 5});
    c.runFor(3 * Cluster.ELECTION_TIMEOUT_MICROS);
    assertTrue(!c.peer(leader).isQuorumConnected(), "minority leader still believes it is quorum-connected");
    int majorityLeader = c.checkOneLeader();
    assertTrue(majorityLeader != leader && majorityLeader != (leader + 1) % 5);
  }
}
