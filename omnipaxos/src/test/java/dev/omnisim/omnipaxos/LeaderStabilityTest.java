package dev.omnisim.omnipaxos;

import dev.omnisim.sim.fault.FaultAction;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ballot Leader Election keeps the first quorum-connected server that took over (the paper's
 * claim: no ping-pong), here where two quorum-connected servers A and B are not linked and their
 * quorums meet only in a server X that is not quorum-connected: links A-X, X-B, A-a1, A-a2, B-b1,
 * B-b2 on 7 servers, everything else cut.
 */
class LeaderStabilityTest {

  /**
   * The leader a client polling every 10 ms would see: the accepting leader with the highest
   * ballot among up peers, if any.
   */
  static OptionalInt observedLeader(Cluster c) {
    TreeMap<Ballot, Integer> leaders = new TreeMap<>();
    for (int i = 0; i < c.n; i++) {
      OmniPaxos<String> p = c.peer(i);
      if (p != null && p.isLeader()) {
        leaders.put(p.leaderBallot(), i);
      }
    }
    return leaders.isEmpty() ? OptionalInt.empty() : OptionalInt.of(leaders.lastEntry().getValue());
  }

  /** Runs {@code micros}, polling the leader every 10 ms; returns the leaders seen, in order, without repeats. */
  static List<Integer> leadersOver(Cluster c, long micros) {
    List<Integer> seen = new ArrayList<>();
    long end = c.sim.now() + micros;
    while (c.sim.now() < end) {
      c.runFor(10 * MILLIS);
      OptionalInt l = observedLeader(c);
      if (l.isPresent() && (seen.isEmpty() || seen.get(seen.size() - 1) != l.getAsInt())) {
        seen.add(l.getAsInt());
      }
    }
    return seen;
  }

  /**
   * Roles by offset from the first leader L: {@code roles} names which offset plays A, X, B, a1,
   * a2, b1, b2. Here L is A (or B), which keeps its quorum: the other quorum-connected server
   * takes over once, and A must not take back. Network: 0 reliable, 1 jitter (1-30 ms, reordering),
   * 2 jitter and 2 % loss.
   */
  @ParameterizedTest(name = "roles {0}, network {1}, seed {2}")
  @CsvSource({
      "0123456, 0, 1", "2103456, 0, 2", "0123456, 1, 3", "2103456, 1, 4", "0123456, 1, 5",
      "0123456, 2, 6", "2103456, 2, 7", "0123456, 2, 8", "2103456, 2, 9"})
  void theLeaderChangesAtMostOnce(String roles, int network, long seed) {
    List<Integer> leaders = runTopology(roles, network, seed);
    assertTrue(changes(leaders) <= 1, () -> "leader changed " + changes(leaders) + " times: " + leaders);
  }

  /**
   * Here L is X, a1 or b2. When it is X or a1, B or A takes over once and the other follows X's
   * promise: one change. When it is b2, a leaf of B's, A loses it at once and takes over, while B
   * still hears it and learns a round later that it lost its quorum, before X's heartbeat says X
   * promised A's ballot: B takes over too and ousts A once, then the leader stays (two changes; see
   * the omnipaxos README's known limits). (Not with loss: there a leader with exactly a quorum
   * sometimes loses it for a few rounds, and is then taken over once more.)
   */
  @ParameterizedTest(name = "roles {0}, network {1}, seed {2}: at most {3} change(s)")
  @CsvSource({
      "1023456, 0, 11, 1", "1230456, 0, 12, 1", "1234560, 0, 13, 2",
      "1023456, 1, 14, 1", "1230456, 1, 15, 1", "1234560, 1, 16, 2"})
  void whenTheOldLeaderIsNeitherAnorBItSettlesWithinTwoChanges(String roles, int network, long seed, int maxChanges) {
    List<Integer> leaders = runTopology(roles, network, seed);
    assertTrue(changes(leaders) <= maxChanges, () -> "leader changed " + changes(leaders) + " times: " + leaders);
  }

  /** The leaders seen, first one before the cut included. */
  private static int changes(List<Integer> leaders) {
    return leaders.size() - 1;
  }

  private static List<Integer> runTopology(String roles, int network, long seed) {
    Cluster c = new Cluster(7, seed);
    c.sim.network().apply(dev.omnisim.sim.NetworkPreset.RELIABLE);
    if (network > 0) {
      c.sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(new Latency.Uniform(1_000, 30_000))
          .withFifo(false).withDropProbability(network == 2 ? 0.02 : 0));
    }
    int l = c.checkOneLeader();
    c.one("before", 7, true);
    int[] p = new int[7];
    for (int k = 0; k < 7; k++) {
      p[k] = (l + roles.charAt(k) - '0') % 7;
    }
    int a = p[0];
    int b = p[2];
    new FaultAction.Topology(List.of(List.of(a, p[1]), List.of(p[1], b), List.of(a, p[3]), List.of(a, p[4]),
        List.of(b, p[5]), List.of(b, p[6]))).apply(c.faults());
    List<Integer> leaders = new ArrayList<>(List.of(l));
    for (int seen : leadersOver(c, 60 * SECONDS)) {
      if (seen != leaders.get(leaders.size() - 1)) {
        leaders.add(seen);
      }
    }
    String first = leaders.subList(0, Math.min(8, leaders.size())).toString();
    System.out.printf("7-server A-X-B (roles %s, network %d, seed %d): leaders %s, %d change(s) in 60 s%n",
        roles, network, seed, first, changes(leaders));
    int last = leaders.get(leaders.size() - 1);
    assertTrue(last == a || last == b, () -> "the leader at the end is not quorum-connected: " + first);
    return leaders;
  }
}
