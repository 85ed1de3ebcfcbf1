package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Liveness after one partial-connectivity shape follows another: regressions found by the
 * fuzz-partial scenario (the paper's shapes applied after random faults).
 */
class PartialConnectivityRecoveryTest {

  /** Four election timeouts, as in {@link PaperScenariosTest#MAX_DOWN_TIME_MICROS}. */
  static final long BOUND_MICROS = PaperScenariosTest.MAX_DOWN_TIME_MICROS;

  /**
   * fuzz-partial seed 78 (shrunk: a ring, then a constrained election). A chained cut makes S take
   * over from the leader L, whose Sequence Paxos then steps down while its Ballot Leader Election
   * still elects L's old ballot (by design: L must not fight back, no ping-pong). Then S is isolated
   * and L is the only quorum-connected server, linked to the three others that see only L. L must
   * take over from S, which its peers promised but none that is quorum-connected vouches for. It
   * used to wait forever: its election saw no ballot above the one it elected, and its peers are not
   * quorum-connected so they never act.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void oustedLeaderTakesOverWhenItsSuccessorIsCutOff(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int l = c.checkOneLeader();
    c.one("before", 5, false);
    c.runFor(3 * SECONDS); // let the suspicion windows settle after the first election
    int s = (l + 1) % 5;
    c.sim.network().cut(s, l); // chained: S takes over, L is ousted but does not fight back
    c.runFor(3 * SECONDS);
    assertEquals(s, c.checkOneLeader(), c::describe);
    c.one("chained", 4, false);

    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    long cut = c.sim.now();
    c.sim.network().heal();
    c.sim.network().isolate(s);
    int[] others = IntStream.range(0, 5).filter(i -> i != s && i != l).toArray();
    c.sim.network().star(l, others);
    String cmd = "after-constrained";
    long deadline = cut + BOUND_MICROS + 100 * MILLIS;
    while (c.sim.now() < deadline && !c.peer(l).isLeader()) {
      c.runFor(10 * MILLIS);
    }
    assertTrue(c.peer(l).isLeader(), () -> "L did not take over from its cut-off successor:\n" + c.describe());
    c.propose(l, cmd);
    assertTrue(c.awaitCommitted(cmd, 4, 1 * SECONDS), () -> cmd + " not decided:\n" + c.describe());
    long down = c.sim.now() - cut;
    assertTrue(down <= BOUND_MICROS + 1 * SECONDS, "down-time " + down / MILLIS + " ms");
  }

  /**
   * fuzz-partial seed 2 (and most of the slow recoveries it found): crashes and partitions in quick
   * succession change the leader several times, and each change in quick succession used to double
   * the suspicion window (meant for networks whose delays exceed a round). With no message ever
   * late, the window stayed wide: after the constrained-election cut S kept counting the isolated
   * leader, and the others kept counting their lost links, as connected for seconds, so nobody took
   * over within four election timeouts. The window now widens only on evidence of late messages.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void churnWithoutLateMessagesDoesNotSlowTheNextElection(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int leader = c.checkOneLeader();
    c.one("before", 5, false);
    for (int k = 0; k < 4; k++) { // leader changes in quick succession: messages lost, never late
      c.sim.network().isolate(leader);
      int old = leader;
      long t0 = c.sim.now();
      do {
        c.runFor(10 * MILLIS);
        leader = c.peer((old + 1) % 5).leader().orElse(old);
      } while (leader == old && c.sim.now() < t0 + 3 * SECONDS);
      c.sim.network().heal();
      c.runFor(50 * MILLIS);
      leader = c.awaitLeader(2 * SECONDS);
    }
    c.one("after-churn", 5, true);
    int s = (leader + 1) % 5;
    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    long cut = c.sim.now();
    c.sim.network().isolate(leader);
    int l = leader;
    int[] others = IntStream.range(0, 5).filter(i -> i != s && i != l).toArray();
    c.sim.network().star(s, others);
    while (c.sim.now() < cut + BOUND_MICROS && !c.peer(s).isLeader()) {
      c.runFor(10 * MILLIS);
    }
    assertTrue(c.peer(s).isLeader(), () -> "S does not lead " + BOUND_MICROS / MILLIS + " ms after the cut:\n" + c.describe());
    String cmd = "after-cut";
    c.propose(s, cmd);
    assertTrue(c.awaitCommitted(cmd, 4, 1 * SECONDS), () -> cmd + " not decided:\n" + c.describe());
  }

  /**
   * fuzz-partial seed 272 (shrunk: the leader crashes, restarts, then quorum loss on S). Heartbeats
   * older than the last one recorded are ignored; a restarted peer counted its rounds from 0 again
   * and its ballot starts again from its initial one, so after the leader L restarted, its
   * heartbeats were ignored for good, while its resync requests kept it "connected": everyone kept
   * the record of L as the quorum-connected leader of its old ballot, and S, quorum-connected at the
   * centre of the star, never took over.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void restartedLeaderIsNotTakenForItsFormerSelf(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int first = c.checkOneLeader();
    c.one("before", 5, false);
    // L: a peer restarted shortly before that took over since (quorum loss
    // on L), so its ballot is no longer an initial one and its rounds are few.
    int l = (first + 1) % 5;
    c.crash(l);
    c.runFor(300 * MILLIS);
    c.restart(l);
    for (int i = 0; i < 5; i++) {
      c.sim.network().isolate(i);
    }
    c.sim.network().star(l, IntStream.range(0, 5).filter(i -> i != l).toArray());
    long t0 = c.sim.now();
    while (c.sim.now() < t0 + 1 * SECONDS && !c.peer(l).isLeader()) {
      c.runFor(10 * MILLIS);
    }
    assertTrue(c.peer(l).isLeader(), c::describe);
    assertTrue(c.leaderBallotOf(l).n() > 0, "the leader still has an initial ballot");
    c.one("l-leads", 3, true);

    c.runFor(seed * 23 * MILLIS); // cut at a different phase of the heartbeat rounds per seed
    c.crash(l);
    c.runFor(5 * MILLIS);
    c.restart(l);
    long cut = c.sim.now();
    int s = (l + 1) % 5;
    c.sim.network().heal();
    for (int i = 0; i < 5; i++) {
      c.sim.network().isolate(i);
    }
    c.sim.network().star(s, IntStream.range(0, 5).filter(i -> i != s).toArray());
    while (c.sim.now() < cut + BOUND_MICROS && !c.peer(s).isLeader()) {
      c.runFor(10 * MILLIS);
    }
    assertTrue(c.peer(s).isLeader(), () -> "S does not lead " + BOUND_MICROS / MILLIS + " ms after the cut:\n" + c.describe());
    String cmd = "after-restart";
    c.propose(s, cmd);
    assertTrue(c.awaitCommitted(cmd, 3, 1 * SECONDS), () -> cmd + " not decided:\n" + c.describe());
  }

  /**
   * fuzz-partial seeds 815 and 1876 (after the fix above): a restarted peer whose ballot was still
   * an initial one, or whose previous run was only ever heard through replies, sends heartbeats with
   * the same ballot and rounds below the last recorded: they were ignored for as many rounds as its
   * previous run lasted (or for good), and its previous run's word (quorum-connected, leading) stood.
   * Here the first leader, with its initial ballot, restarts 1 s after boot, and S must take over
   * from it at the centre of a star within four election timeouts.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void restartedPeerWithItsInitialBallotIsHeardAtOnce(long seed) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    int l = c.checkOneLeader();
    c.one("before", 5, false);
    assertEquals(0, c.leaderBallotOf(l).n(), "the first leader has its initial ballot");
    c.runFor(seed * 23 * MILLIS);
    c.crash(l);
    c.runFor(5 * MILLIS);
    c.restart(l);
    long cut = c.sim.now();
    int s = (l + 1) % 5;
    for (int i = 0; i < 5; i++) {
      c.sim.network().isolate(i);
    }
    c.sim.network().star(s, IntStream.range(0, 5).filter(i -> i != s).toArray());
    while (c.sim.now() < cut + BOUND_MICROS && !c.peer(s).isLeader()) {
      c.runFor(10 * MILLIS);
    }
    assertTrue(c.peer(s).isLeader(), () -> "S does not lead " + BOUND_MICROS / MILLIS + " ms after the cut:\n" + c.describe());
    String cmd = "after-restart";
    c.propose(s, cmd);
    assertTrue(c.awaitCommitted(cmd, 3, 1 * SECONDS), () -> cmd + " not decided:\n" + c.describe());
  }
}
