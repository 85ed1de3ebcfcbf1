package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Outgoing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hand-driven pump of three peers (no simulator), for races the simulator rarely produces: here
 * a follower whose leader election already points at a new leader, while it still accepts for the
 * old one.
 */
class AcknowledgementBallotTest {

  private final List<OmniPaxos<String>> peers = new ArrayList<>();
  private final List<Outgoing>[] outboxes = newOutboxes();

  @SuppressWarnings("unchecked")
  private static List<Outgoing>[] newOutboxes() {
    return new List[] {new ArrayList<>(), new ArrayList<>(), new ArrayList<>()};
  }

  private void drain() {
    for (int i = 0; i < 3; i++) {
      outboxes[i].addAll(peers.get(i).drainOutgoing());
    }
  }

  /** Delivers queued messages (and what they cause) until none is left, dropping those {@code drop} names. */
  private void deliver(BiPredicate<Integer, Outgoing> drop, List<Outgoing> seenFrom1) {
    for (int round = 0; round < 1000; round++) {
      drain();
      boolean any = false;
      for (int i = 0; i < 3; i++) {
        List<Outgoing> batch = new ArrayList<>(outboxes[i]);
        outboxes[i].clear();
        for (Outgoing o : batch) {
          any = true;
          if (i == 1) {
            seenFrom1.add(o);
          }
          if (!drop.test(i, o)) {
            peers.get(o.to()).receive(i, o.message());
          }
        }
      }
      if (!any) {
        return;
      }
    }
    throw new IllegalStateException("messages never stopped");
  }

  private void tick(BiPredicate<Integer, Outgoing> drop, List<Outgoing> seenFrom1) {
    for (OmniPaxos<String> p : peers) {
      p.tick();
    }
    deliver(drop, seenFrom1);
  }

  @Test
  @DisplayName("a follower acknowledges accepts to the ballot it accepted in, not to the leader election's newest hint")
  void acknowledgesToItsAcceptedBallot() {
    for (int i = 0; i < 3; i++) {
      peers.add(new OmniPaxos<>(i, List.of(0, 1, 2), ConsensusOptions.DEFAULTS, new InMemoryStorage<>()));
    }
    List<Outgoing> ignored = new ArrayList<>();
    BiPredicate<Integer, Outgoing> none = (from, o) -> false;
    for (int t = 0; t < 30; t++) {
      tick(none, ignored);
    }
    assertTrue(peers.get(2).isLeader(), "peer 2 (highest id) should lead: " + peers.get(2).describe());
    Ballot old = peers.get(2).leaderBallot();

    // Cut 0-2 both ways; keep 0-1 and 1-2, but lose peer 0's prepares to 1, so 1 keeps its promise.
    BiPredicate<Integer, Outgoing> cut = (from, o) -> (from == 0 && o.to() == 2) || (from == 2 && o.to() == 0)
        || (from == 0 && o.to() == 1 && o.message() instanceof Message.Prepare<?>);
    for (int t = 0; t < 60 && !peers.get(1).leader().equals(java.util.OptionalInt.of(0)); t++) {
      tick(cut, ignored);
    }
    assertEquals(0, peers.get(1).leader().orElse(-1), "peer 1's election should point at peer 0 by now: "
        + peers.get(1).describe());
    assertEquals(old, peers.get(1).promise(), "peer 1 must still have promised only the old ballot");

    // The old leader still replicates to peer 1, which must acknowledge to the old ballot.
    List<Outgoing> from1 = new ArrayList<>();
    peers.get(2).propose("late");
    deliver(cut, from1);
    long acks = from1.stream().filter(o -> o.message() instanceof Message.Accepted<?>).count();
    assertTrue(acks > 0, "peer 1 did not acknowledge: " + from1);
    for (Outgoing o : from1) {
      if (o.message() instanceof Message.Accepted<?> a) {
        assertEquals(old, a.n(), "acknowledged under a ballot it never accepted in");
        assertEquals(2, o.to());
      }
    }
  }
}
