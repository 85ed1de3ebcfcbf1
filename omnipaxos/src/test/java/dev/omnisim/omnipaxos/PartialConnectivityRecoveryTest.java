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
}
