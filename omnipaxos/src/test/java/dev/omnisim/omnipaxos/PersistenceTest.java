package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fail-recovery: peers restart from their disks (lab's 3C tests). */
class PersistenceTest {

  @Test
  @DisplayName("crash all peers, restart them: nothing decided is lost and new commands commit")
  void crashAllRestartAll() {
    Cluster c = new Cluster(3, 41);
    for (int i = 0; i < 20; i++) {
      c.one("p-" + i, 3, false);
    }
    List<String> before = c.committed();
    for (int i = 0; i < 3; i++) {
      c.crash(i);
    }
    c.runFor(1 * SECONDS);
    for (int i = 0; i < 3; i++) {
      c.restart(i);
      assertEquals(before, c.peer(i).readDecided(0, c.peer(i).decidedIndex()), "peer " + i + " lost decided entries");
    }
    c.checkOneLeader();
    c.one("after-restart", 3, true);
    assertEquals(before, c.committed().subList(0, before.size()));
  }

  @Test
  @DisplayName("a restarted leader does not lead its old ballot; crashes one at a time keep the log")
  void rollingRestarts() {
    Cluster c = new Cluster(5, 42);
    c.one("r-0", 5, false);
    for (int round = 1; round <= 6; round++) {
      int leader = c.checkOneLeader();
      Ballot old = c.leaderBallotOf(leader);
      c.crash(leader);
      c.one("r-" + round, 4, true);
      c.restart(leader);
      c.runFor(1 * SECONDS);
      OmniPaxos<String> p = c.peer(leader);
      assertTrue(!p.isLeader() || p.leaderBallot().isAbove(old), "restarted peer leads its old ballot " + old);
      c.one("r-" + round + "-back", 5, true);
    }
  }

  @Test
  @DisplayName("crash and restart under load with a lossy network: the log survives")
  void crashUnderLoad() {
    Cluster c = new Cluster(3, 43);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.UNRELIABLE);
    for (int i = 0; i < 3; i++) {
      c.sim.disk(i).setMode(dev.omnisim.sim.DiskMode.LOSSY);
    }
    c.one("u-0", 3, true);
    for (int round = 0; round < 5; round++) {
      int victim = round % 3;
      for (int k = 0; k < 5; k++) {
        c.propose(c.checkOneLeader(), "u-" + round + "-" + k);
        c.runFor(20 * MILLIS);
      }
      c.crash(victim);
      c.runFor(500 * MILLIS);
      c.restart(victim);
      c.one("u-" + round + "-done", 3, true);
    }
  }

  @Test
  @DisplayName("compaction: a trimmed prefix is replaced by a snapshot and a lagging follower catches up from it")
  void compactionAndSnapshotCatchUp() {
    Cluster c = new Cluster(3, 44);
    c.one("s-0", 3, false);
    int leader = c.checkOneLeader();
    int lagging = (leader + 1) % 3;
    c.disconnect(lagging);
    for (int i = 1; i < 40; i++) {
      c.one("s-" + i, 2, false);
    }
    // Both up-to-date peers trim everything decided: the lagging one can only get a snapshot.
    for (int i = 0; i < 3; i++) {
      if (i != lagging) {
        c.compact(i, c.decidedBy(i).size());
        assertEquals(40, c.peer(i).compactedIndex());
      }
    }
    c.connect(lagging);
    c.one("s-40", 3, true);
    OmniPaxos<String> p = c.peer(lagging);
    assertEquals(40, p.compactedIndex(), "lagging peer did not install the snapshot");
    assertEquals(c.committed(), c.decidedBy(lagging));
    // The snapshot and the log after it survive a restart.
    c.crash(lagging);
    c.restart(lagging);
    assertEquals(40, c.peer(lagging).compactedIndex());
    assertEquals(List.of("s-40"), c.peer(lagging).readDecided(40, c.peer(lagging).decidedIndex()));
  }
}
