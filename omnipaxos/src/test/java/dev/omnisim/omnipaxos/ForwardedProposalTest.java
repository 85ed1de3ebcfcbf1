package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Outgoing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Forwarded proposals across leader changes, on three Sequence Paxos instances driven by hand (no
 * election, no simulator), so the exact order of hints and prepares is the test's to choose.
 */
class ForwardedProposalTest {

  /** Messages in flight: {from, outgoing}. */
  private final List<Object[]> wire = new ArrayList<>();
  private final List<SequencePaxos<String>> peers = new ArrayList<>();
  private final List<InMemoryStorage<String>> storages = new ArrayList<>();
  private final List<List<Outgoing>> outboxes = new ArrayList<>();

  ForwardedProposalTest() {
    int[] ids = {0, 1, 2};
    for (int i = 0; i < 3; i++) {
      storages.add(new InMemoryStorage<>());
      outboxes.add(new ArrayList<>());
      peers.add(new SequencePaxos<>(i, ids, ConsensusOptions.DEFAULTS, storages.get(i), outboxes.get(i)));
    }
  }

  /** Delivers every message, and what it causes, until the network is quiet. */
  private void deliverAll() {
    for (int round = 0; round < 100; round++) {
      collect();
      if (wire.isEmpty()) {
        return;
      }
      List<Object[]> batch = new ArrayList<>(wire);
      wire.clear();
      for (Object[] m : batch) {
        Outgoing o = (Outgoing) m[1];
        peers.get(o.to()).handle((Integer) m[0], cast(o.message()));
      }
    }
    throw new IllegalStateException("messages never stopped");
  }

  @SuppressWarnings("unchecked")
  private static Message<String> cast(Object m) {
    return (Message<String>) m;
  }

  private void collect() {
    for (int i = 0; i < 3; i++) {
      peers.get(i).flush();
      for (Outgoing o : outboxes.get(i)) {
        wire.add(new Object[] {i, o});
      }
      outboxes.get(i).clear();
    }
  }

  private void electEveryone(Ballot b) {
    for (SequencePaxos<String> p : peers) {
      p.onElected(b);
    }
    deliverAll();
  }

  @Test
  @DisplayName("a forward survives its follower's leader going m -> n -> m (hint, then m's prepare again)")
  void forwardSurvivesLeaderGoingBackAndForth() {
    Ballot m = new Ballot(1, 0, 2);
    electEveryone(m);
    assertTrue(peers.get(2).isAcceptingLeader());
    peers.get(0).propose("first");
    deliverAll();
    assertEquals(List.of("first"), storages.get(2).entries(0, storages.get(2).logLength()));

    // Peer 0's election points at n (peer 1), which never prepares it; then m prepares peer 0 again.
    peers.get(0).onElected(new Ballot(2, 0, 1));
    peers.get(2).reconnected(0);
    deliverAll();
    assertEquals(m, peers.get(0).leaderBallot(), "peer 0 follows m again");

    peers.get(0).propose("second");
    deliverAll();
    for (int t = 0; t < 5 * ConsensusOptions.DEFAULTS.resendTimeoutTicks(); t++) {
      peers.forEach(SequencePaxos::tick);
      deliverAll();
    }
    List<String> log = storages.get(2).entries(0, storages.get(2).logLength());
    assertTrue(log.contains("second"), "the forward was lost: leader's log " + log);
  }
}
