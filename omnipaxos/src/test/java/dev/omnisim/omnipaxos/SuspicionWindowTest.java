package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Outgoing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ballot Leader Election of peer 0 of five, driven by hand: the heartbeats of its peers are
 * delivered every round, and the test chooses which are late or missing.
 */
class SuspicionWindowTest {

  private static final int ROUND_TICKS = 10;
  private static final Message.PaxosState PAXOS = new Message.PaxosState(Ballot.NONE, 0);

  private final BallotLeaderElection<String> ble = new BallotLeaderElection<>(0, new int[] {1, 2, 3, 4}, 0, ROUND_TICKS, 0);
  private final List<Outgoing> out = new ArrayList<>();
  private final long[] peerRound = new long[5];

  /** One round: every peer in {@code heard} sends its heartbeat; peer 1's answers come rounds late. */
  private Optional<Ballot> round(Ballot leaderBallot, int... heard) {
    Optional<Ballot> elected = Optional.empty();
    for (int t = 0; t < ROUND_TICKS; t++) {
      Optional<Ballot> e = ble.tick(PAXOS, out);
      if (e.isPresent()) {
        elected = e;
      }
    }
    for (int p : heard) {
      Ballot b = p == leaderBallot.pid() ? leaderBallot : new Ballot(0, 0, p);
      ble.onRequest(p, new Message.HeartbeatRequest<>(++peerRound[p], b, true, ble.round(),
          new Message.PaxosState(leaderBallot, 0), false), PAXOS, out);
    }
    // Peer 1 answers a request of round 0 now: its messages take longer than a round.
    ble.onReply(1, new Message.HeartbeatReply<>(0, new Ballot(0, 0, 1), true, true, new Message.PaxosState(leaderBallot, 0)));
    out.clear();
    return elected;
  }

  @Test
  @DisplayName("one peer's late messages do not widen the suspicion window of the others: a silent leader is replaced within 4 rounds")
  void oneLatePeerDoesNotSlowTheTakeover() {
    Ballot leader = new Ballot(1, 0, 3);
    for (int r = 0; r < 10; r++) {
      round(leader, 1, 2, 3, 4);
    }
    for (int k = 2; k <= 4; k++) { // leader changes in quick succession, while peer 1 is late
      leader = new Ballot(k, 0, 3);
      for (int r = 0; r < 3; r++) {
        round(leader, 1, 2, 3, 4);
      }
    }
    assertTrue(ble.leader().equals(leader), "peer 0 follows " + ble.leader());
    // The leader (peer 3) falls silent.
    for (int r = 1; r <= 4; r++) {
      Optional<Ballot> elected = round(leader, 1, 2, 4);
      if (elected.isPresent() && elected.get().pid() == 0) {
        return;
      }
    }
    throw new AssertionError("peer 0 did not take over from its silent leader within 4 rounds; it follows " + ble.leader());
  }
}
