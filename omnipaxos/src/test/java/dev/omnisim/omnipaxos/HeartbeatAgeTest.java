package dev.omnisim.omnipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.Outgoing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ballot Leader Election of peer 0 of three, driven by hand: a link counts only when the peer's
 * heartbeat says it heard one of our recent rounds, as the paper counts only replies to the current
 * round's request. Found by the swarm: a heartbeat held up for rounds on a clogged link (seed 1168),
 * and the last heartbeat a peer sent before it crashed (seed 986), made a server that was linked to
 * nobody take over.
 */
class HeartbeatAgeTest {

  private static final int ROUND_TICKS = 10;
  private static final Message.PaxosState PAXOS = new Message.PaxosState(Ballot.NONE, 0);
  private final BallotLeaderElection<String> ble = new BallotLeaderElection<>(0, new int[] {1, 2}, 0, ROUND_TICKS, 0);
  private final List<Outgoing> out = new ArrayList<>();
  private final long[] peerRound = new long[3];

  /**
   * One round of peer 0; then each peer in {@code heard} sends its heartbeat, saying it heard peer
   * 0's round {@code echo} (or our current round when {@code echo} is negative).
   */
  private Optional<Ballot> round(Ballot leaderBallot, long echo, int... heard) {
    Optional<Ballot> elected = Optional.empty();
    for (int t = 0; t < ROUND_TICKS; t++) {
      Optional<Ballot> e = ble.tick(new Message.PaxosState(leaderBallot, 0), out);
      if (e.isPresent()) {
        elected = e;
      }
    }
    for (int p : heard) {
      Ballot b = p == leaderBallot.pid() ? leaderBallot : new Ballot(0, 0, p);
      ble.onRequest(p, new Message.HeartbeatRequest<>(++peerRound[p], b, p == leaderBallot.pid(),
          echo < 0 ? ble.round() : echo, new Message.PaxosState(leaderBallot, 0), false), PAXOS, out);
    }
    out.clear();
    return elected;
  }

  @Test
  @DisplayName("heartbeats that heard only an old round of ours do not make a link: no quorum, no takeover")
  void oldNewsOfUsIsNoLink() {
    Ballot leader = new Ballot(1, 0, 2);
    for (int r = 0; r < 5; r++) {
      round(leader, -1, 1, 2);
    }
    assertTrue(ble.isQuorumConnected(), "peer 0 hears both peers, and they hear it");
    assertEquals(leader, ble.leader());
    long lastHeard = ble.round() - 4;
    // The leader (peer 2) falls silent; peer 1's heartbeats keep arriving, but they were held up
    // on the way: each says it heard a round of peer 0 from four rounds before, never a later one.
    for (int r = 0; r < 8; r++) {
      Optional<Ballot> elected = round(leader, lastHeard, 1);
      assertFalse(elected.isPresent() && elected.get().pid() == 0,
          "peer 0 took over in round " + ble.round() + " on news of its round " + lastHeard);
    }
    assertFalse(ble.isQuorumConnected(), "peer 0 counts peer 1 as connected on news of its round " + lastHeard);
  }

  @Test
  @DisplayName("the same peer, hearing our recent rounds, makes the quorum with us: we take over from the silent leader")
  void recentNewsOfUsIsALink() {
    Ballot leader = new Ballot(1, 0, 2);
    for (int r = 0; r < 5; r++) {
      round(leader, -1, 1, 2);
    }
    for (int r = 0; r < 8; r++) {
      Optional<Ballot> elected = round(leader, -1, 1);
      if (elected.isPresent() && elected.get().pid() == 0) {
        return;
      }
    }
    throw new AssertionError("peer 0 did not take over from its silent leader; it follows " + ble.leader());
  }
}
