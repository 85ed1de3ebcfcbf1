package dev.omnisim.omnipaxos;

import dev.omnisim.sim.fault.FaultAction;

import static dev.omnisim.omnipaxos.Cluster.ELECTION_TIMEOUT_MICROS;
import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three partial-connectivity scenarios of the Omni-Paxos paper (EuroSys 2023, section 2 and
 * 7), with exact assertions: who leads, that commands proposed on the quorum-connected server S
 * commit, and the down-time from the topology change to the first newly decided entry. The shapes
 * and the heal are the fault vocabulary's actions ({@link FaultAction}), the same values the
 * key-value scenarios, saved schedules and the fuzzer use.
 */
class PaperScenariosTest {

  /** The paper's claim: Omni-Paxos recovers within a few election timeouts; we assert four. */
  static final long MAX_DOWN_TIME_MICROS = 4 * ELECTION_TIMEOUT_MICROS;

  /** Proposes one command at {@code s} every 10 ms for {@code durationMicros}: the client of the paper's plots. */
  private static void workload(Cluster c, int s, String prefix, long durationMicros) {
    long count = durationMicros / (10 * MILLIS);
    for (long k = 0; k < count; k++) {
      String cmd = prefix + k;
      c.sim.schedule(k * 10 * MILLIS, "propose " + cmd, () -> {
        if (c.peer(s) != null) {
          c.propose(s, cmd);
        }
      });
    }
  }

  /** Down-time: from {@code cutMicros} to the first entry decided after it (index {@code firstNewIndex}). */
  private static long downTime(Cluster c, int firstNewIndex, long cutMicros) {
    assertTrue(c.committed().size() > firstNewIndex, "nothing was decided after the cut");
    return c.commitTimeMicros(firstNewIndex) - cutMicros;
  }

  /** After healing, and again after crashing and restarting every peer but S, commands on S commit everywhere. */
  private static void healThenRestartOthers(Cluster c, int s, String tag) {
    new FaultAction.Heal().apply(c.faults());
    c.runFor(2 * SECONDS);
    for (int k = 0; k < 2; k++) {
      String cmd = tag + "-healed-" + k;
      c.propose(s, cmd);
      assertTrue(c.awaitCommitted(cmd, c.n, 2 * SECONDS), cmd + " not decided by every peer");
    }
    int[] others = IntStream.range(0, c.n).filter(i -> i != s).toArray();
    for (int i : others) {
      c.crash(i);
    }
    c.runFor(1 * SECONDS);
    for (int i : others) {
      c.restart(i);
    }
    c.runFor(2 * SECONDS);
    assertEquals(s, c.checkOneLeader(), "S lost leadership when the others restarted");
    for (int k = 0; k < 2; k++) {
      String cmd = tag + "-restarted-" + k;
      c.propose(s, cmd);
      assertTrue(c.awaitCommitted(cmd, c.n, 2 * SECONDS), cmd + " not decided by every peer after the restarts");
    }
    for (int i = 0; i < c.n; i++) {
      assertEquals(c.committed(), c.decidedBy(i), "peer " + i + " decided a different log");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  @DisplayName("quorum loss (5 peers): all server links cut, S linked to all: S leads within 2 s")
  void quorumLoss(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int leader = c.checkOneLeader();
    c.one("before", 5, false);
    int s = (leader + 2) % 5;
    int firstNew = c.committed().size();
    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    long cut = c.sim.now();
    new FaultAction.QuorumLoss(s).apply(c.faults());
    workload(c, s, "ql-", 2 * SECONDS);
    c.runFor(2 * SECONDS);

    assertEquals(s, c.checkOneLeader());
    for (int i = 0; i < 5; i++) {
      assertEquals(s, c.leaderOf(i).orElse(-1), "peer " + i + " does not follow S");
    }
    long down = downTime(c, firstNew, cut);
    System.out.printf("quorum loss (seed %d): down-time %d ms%n", seed, down / MILLIS);
    assertTrue(down <= MAX_DOWN_TIME_MICROS, "down-time " + down / MILLIS + " ms");
    c.propose(s, "ql-on-s");
    assertTrue(c.awaitCommitted("ql-on-s", 3, 1 * SECONDS));
    healThenRestartOthers(c, s, "ql");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  @DisplayName("constrained election (5 peers): leader isolated, lagging S linked to the other three: S leads and catches up")
  void constrainedElection(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int leader = c.checkOneLeader();
    c.one("before", 5, false);
    int s = (leader + 1) % 5;
    // S lags: it misses entries that the others decide.
    c.disconnect(s);
    for (int k = 0; k < 5; k++) {
      c.one("missed-by-s-" + k, 4, false);
    }
    c.runFor(200 * MILLIS);
    assertTrue(c.decidedBy(s).size() < c.committed().size(), "S does not lag");
    int firstNew = c.committed().size();
    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    long cut = c.sim.now();
    c.connect(s);
    new FaultAction.ConstrainedElection(leader, s).apply(c.faults());
    int[] others = IntStream.range(0, 5).filter(i -> i != s && i != leader).toArray();
    workload(c, s, "ce-", 2 * SECONDS);
    c.runFor(2 * SECONDS);

    assertEquals(s, c.checkOneLeader());
    for (int i : others) {
      assertEquals(s, c.leaderOf(i).orElse(-1), "peer " + i + " does not follow S");
    }
    assertEquals(c.committed(), c.decidedBy(s), "S did not catch up");
    assertTrue(c.decidedBy(s).containsAll(java.util.List.of("missed-by-s-0", "missed-by-s-4")));
    long down = downTime(c, firstNew, cut);
    System.out.printf("constrained election (seed %d): down-time %d ms%n", seed, down / MILLIS);
    assertTrue(down <= MAX_DOWN_TIME_MICROS, "down-time " + down / MILLIS + " ms");
    c.propose(s, "ce-on-s");
    assertTrue(c.awaitCommitted("ce-on-s", 3, 1 * SECONDS));
    healThenRestartOthers(c, s, "ce");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  @DisplayName("chained (3 peers): only the S-leader link cut: S leads and still leads 30 s later")
  void chained(long seed) {
    Cluster c = new Cluster(3, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int leader = c.checkOneLeader();
    c.one("before", 3, false);
    int s = (leader + 1) % 3;
    int firstNew = c.committed().size();
    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    long cut = c.sim.now();
    new FaultAction.Chained(s, leader).apply(c.faults());
    workload(c, s, "ch-", 2 * SECONDS);
    c.runFor(2 * SECONDS);

    assertEquals(s, c.checkOneLeader(), c::describe);
    Ballot ballot = c.leaderBallotOf(s);
    long down = downTime(c, firstNew, cut);
    System.out.printf("chained (seed %d): down-time %d ms%n", seed, down / MILLIS);
    assertTrue(down <= MAX_DOWN_TIME_MICROS, "down-time " + down / MILLIS + " ms");

    long messagesBefore = c.messagesSent();
    c.runFor(30 * SECONDS);
    assertEquals(s, c.checkOneLeader(), "leadership moved: ping-pong");
    assertEquals(ballot, c.leaderBallotOf(s), "S's ballot changed: a re-election happened");
    for (int i = 0; i < 3; i++) {
      assertEquals(i == s, c.peer(i).isLeader(), "peer " + i + " believes it leads");
    }
    System.out.printf("chained: %d messages in 30 idle seconds%n", c.messagesSent() - messagesBefore);
    c.propose(s, "ch-on-s");
    assertTrue(c.awaitCommitted("ch-on-s", 2, 1 * SECONDS));
    healThenRestartOthers(c, s, "ch");
  }
}
