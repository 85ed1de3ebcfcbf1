package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ProposeResult;
import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sequence Paxos replication on the simulator, after the lab's 3B tests. */
class ReplicationTest {

  @Test
  @DisplayName("basic agreement: the first entry is at index 0, then 1, 2 on all 3 peers")
  void basicAgreement() {
    Cluster c = new Cluster(3, 11);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, c.nCommitted(i), "committed before any proposal");
      assertEquals(i, c.one("cmd-" + i, 3, false));
    }
  }

  @Test
  @DisplayName("300 sequential commands commit in order on all 3 peers")
  void manySequentialCommands() {
    Cluster c = new Cluster(3, 12);
    for (int i = 0; i < 300; i++) {
      assertEquals(i, c.one("seq-" + i, 3, false));
    }
  }

  @Test
  @DisplayName("a disconnected follower does not stop commits and catches up when it returns")
  void followerFailure() {
    Cluster c = new Cluster(3, 13);
    c.one("101", 3, false);
    int leader = c.checkOneLeader();
    c.disconnect((leader + 1) % 3);
    c.one("102", 2, false);
    c.runFor(2 * SECONDS);
    c.one("103", 2, false);
    c.connect((leader + 1) % 3);
    c.one("104", 3, true);
    assertEquals(c.committed(), c.decidedBy((leader + 1) % 3));
  }

  @Test
  @DisplayName("with too few peers connected nothing commits; after reconnecting it does")
  void failNoAgree() {
    Cluster c = new Cluster(5, 14);
    c.one("10", 5, false);
    int leader = c.checkOneLeader();
    c.disconnect((leader + 1) % 5);
    c.disconnect((leader + 2) % 5);
    c.disconnect((leader + 3) % 5);
    ProposeResult r = c.propose(leader, "20");
    assertInstanceOf(ProposeResult.Appended.class, r);
    c.runFor(2 * SECONDS);
    assertEquals(1, c.committed().size(), "committed without a majority");
    c.connect((leader + 1) % 5);
    c.connect((leader + 2) % 5);
    c.connect((leader + 3) % 5);
    c.one("30", 5, true);
    c.one("1000", 5, true);
  }

  @Test
  @DisplayName("concurrent proposals at the leader and at followers all commit")
  void concurrentProposals() {
    Cluster c = new Cluster(3, 15);
    int leader = c.checkOneLeader();
    List<String> cmds = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String cmd = "conc-" + i;
      cmds.add(cmd);
      c.propose(i % 3, cmd); // a third at the leader, the rest forwarded to it
    }
    assertTrue(c.sim.runUntil(() -> c.committed().containsAll(cmds) && c.nCommitted(29) == 3, 2 * SECONDS),
        "not all concurrent proposals committed: " + c.committed());
    assertEquals(30, c.committed().size(), "a forwarded proposal was appended twice");
    assertEquals(leader, c.checkOneLeader());
  }

  @Test
  @DisplayName("a new leader backs up over divergent follower logs (lab's TestBackup)")
  void backup() {
    Cluster c = new Cluster(5, 16);
    c.one("start", 5, false);
    int leader1 = c.checkOneLeader();
    // Put the leader and one follower in a partition: they accept entries that never commit.
    c.disconnect((leader1 + 2) % 5);
    c.disconnect((leader1 + 3) % 5);
    c.disconnect((leader1 + 4) % 5);
    for (int i = 0; i < 50; i++) {
      c.propose(leader1, "lost-" + i);
    }
    c.runFor(500 * MILLIS);
    c.disconnect(leader1);
    c.disconnect((leader1 + 1) % 5);
    // The other three elect a leader and commit lots.
    c.connect((leader1 + 2) % 5);
    c.connect((leader1 + 3) % 5);
    c.connect((leader1 + 4) % 5);
    for (int i = 0; i < 50; i++) {
      c.one("b-" + i, 3, true);
    }
    // Now the leader of the three and one follower get cut off; the other one lags.
    int leader2 = c.checkOneLeader();
    int other = (leader1 + 2) % 5;
    if (leader2 == other) {
      other = (leader2 + 1) % 5;
    }
    c.disconnect(other);
    for (int i = 0; i < 50; i++) {
      c.propose(leader2, "lost2-" + i);
    }
    c.runFor(500 * MILLIS);
    // Bring the original leader, its follower and the lagging one back; they form a majority.
    for (int i = 0; i < 5; i++) {
      c.disconnect(i);
    }
    c.connect(leader1);
    c.connect((leader1 + 1) % 5);
    c.connect(other);
    for (int i = 0; i < 50; i++) {
      c.one("c-" + i, 3, true);
    }
    for (int i = 0; i < 5; i++) {
      c.connect(i);
    }
    c.one("end", 5, true);
    for (String v : c.committed()) {
      assertFalse(v.startsWith("lost-"), "an entry of the first minority committed: " + v);
    }
  }

  @Test
  @DisplayName("a partitioned old leader rejoins and adopts the newer log (lab's TestRejoin)")
  void rejoin() {
    Cluster c = new Cluster(3, 17);
    c.one("101", 3, true);
    int leader1 = c.checkOneLeader();
    c.disconnect(leader1);
    c.propose(leader1, "102");
    c.propose(leader1, "103");
    c.propose(leader1, "104");
    c.one("103b", 2, true);
    int leader2 = c.checkOneLeader();
    c.disconnect(leader2);
    c.connect(leader1);
    c.one("104b", 2, true);
    c.connect(leader2);
    c.one("105", 3, true);
    assertFalse(c.committed().contains("102"), "an entry of a partitioned leader committed");
  }

  @Test
  @DisplayName("a single peer elects itself and decides alone")
  void singlePeer() {
    Cluster c = new Cluster(1, 18);
    assertEquals(0, c.one("solo-0", 1, false));
    assertEquals(1, c.one("solo-1", 1, false));
  }

  @Test
  @DisplayName("reconnected(peer) resynchronises a follower without waiting for a timeout")
  void reconnectedResyncs() {
    Cluster c = new Cluster(3, 19);
    c.one("r-0", 3, false);
    int leader = c.checkOneLeader();
    int f = (leader + 1) % 3;
    c.disconnect(f);
    for (int i = 1; i < 5; i++) {
      c.one("r-" + i, 2, false);
    }
    c.connect(f);
    c.peer(leader).reconnected(f);
    c.peer(f).reconnected(leader);
    assertTrue(c.sim.runUntil(() -> c.decidedBy(f).size() == 5, 50 * MILLIS), () -> "follower not resynchronised quickly: " + c.describe());
  }
}
