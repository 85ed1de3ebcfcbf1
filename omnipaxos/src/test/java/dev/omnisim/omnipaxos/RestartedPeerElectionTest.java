package dev.omnisim.omnipaxos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.Outgoing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ballot Leader Election of a restarted peer 0 of three, driven by hand. Found by the swarm: peers
 * kept echoing the last round they heard of peer 0's previous run, and a restarted peer that counted
 * its rounds from 0 again reached that round and took the stale echoes as news that its links worked
 * (seed 79855); and a restarted peer vouched for its own promise, a takeover persisted just before
 * the crash that it never led, so nobody took over from it (seed 92894).
 */
class RestartedPeerElectionTest {

  private static final int ROUND_TICKS = 10;
  /** The last round of peer 0's previous run that peers 1 and 2 heard, and keep echoing. */
  private static final long PREVIOUS_RUN_ROUND = 40;

  private final List<Outgoing> out = new ArrayList<>();

  /**
   * Peer 0, restarted as run {@code incarnation}, whose outgoing links are cut: peers 1 and 2 keep
   * sending heartbeats that echo the last round they heard of its previous run. Returns whether it
   * ever counted itself quorum-connected in {@code 2 * PREVIOUS_RUN_ROUND} rounds.
   */
  private boolean everQuorumConnectedOnStaleEchoes(long incarnation) {
    BallotLeaderElection<String> ble = new BallotLeaderElection<>(0, new int[] {1, 2}, 0, ROUND_TICKS, incarnation);
    Ballot leader = new Ballot(3, 0, 2);
    Message.PaxosState paxos = new Message.PaxosState(leader, 0);
    long peerRound = 1000;
    boolean connected = false;
    for (int r = 0; r < 2 * PREVIOUS_RUN_ROUND; r++) {
      for (int t = 0; t < ROUND_TICKS; t++) {
        ble.tick(paxos, out);
        connected |= ble.isQuorumConnected() && r > 1; // optimistic during its first round
      }
      peerRound++;
      for (int p = 1; p <= 2; p++) {
        ble.onRequest(p, new Message.HeartbeatRequest<>(peerRound, p == 2 ? leader : new Ballot(0, 0, p), true,
            PREVIOUS_RUN_ROUND, paxos, false), paxos, out);
      }
      out.clear();
    }
    return connected;
  }

  @Test
  @DisplayName("a restarted peer's rounds start above its previous run's: echoes of that run are no link")
  void echoesOfAnEarlierRunAreNoLink() {
    assertFalse(everQuorumConnectedOnStaleEchoes(1),
        "restarted peer 0 counted peers that only echo its previous run's round " + PREVIOUS_RUN_ROUND);
  }

  @Test
  @DisplayName("the same peer numbering its rounds from 0 again (the bug) is fooled: the check above can fail")
  void roundsFromZeroAgainAreFooled() {
    assertTrue(everQuorumConnectedOnStaleEchoes(0),
        "a run counting from 0 again reached round " + PREVIOUS_RUN_ROUND + " without counting the stale echoes");
  }

  /** Runs peer 0 with every link working for {@code rounds} rounds; returns its last heartbeats' vouches. */
  private static boolean vouchesAfter(BallotLeaderElection<String> ble, Message.PaxosState paxos, int rounds) {
    List<Outgoing> sent = new ArrayList<>();
    long[] peerRound = new long[3];
    boolean vouches = false;
    for (int r = 0; r < rounds; r++) {
      sent.clear();
      for (int t = 0; t < ROUND_TICKS; t++) {
        ble.tick(paxos, sent);
      }
      for (Outgoing o : sent) {
        if (o.message() instanceof Message.HeartbeatRequest<?> h && !h.probe()) {
          vouches = h.vouches();
        }
      }
      for (int p = 1; p <= 2; p++) {
        ble.onRequest(p, new Message.HeartbeatRequest<>(++peerRound[p], new Ballot(0, 0, p), true, ble.round(),
            new Message.PaxosState(paxos.promise(), 0), false), paxos, new ArrayList<>());
      }
    }
    return vouches;
  }

  @Test
  @DisplayName("a restarted peer does not vouch for its own promise from before the crash, a ballot it does not lead")
  void noVouchForAGhostTakeover() {
    BallotLeaderElection<String> ble = new BallotLeaderElection<>(0, new int[] {1, 2}, 0, ROUND_TICKS, 1);
    Message.PaxosState ghost = new Message.PaxosState(new Ballot(5, 0, 0), 0);
    assertFalse(vouchesAfter(ble, ghost, 3), "restarted peer 0 vouches for Ballot[5,0,0], which it never led");
    assertTrue(ble.isQuorumConnected(), "peer 0 hears both peers, and they hear it");
  }

  @Test
  @DisplayName("a leader vouches for the ballot it leads with while quorum-connected")
  void leaderVouchesForItsBallot() {
    BallotLeaderElection<String> ble = new BallotLeaderElection<>(0, new int[] {1, 2}, 0, ROUND_TICKS, 1);
    Ballot own = ble.takeOverAbove(new Ballot(4, 0, 2));
    assertTrue(vouchesAfter(ble, new Message.PaxosState(own, 0), 3), "leader 0 does not vouch for its own " + own);
  }
}
