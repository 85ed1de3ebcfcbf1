package dev.omnisim.baselines.vr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.baselines.multipaxos.Chaos;
import dev.omnisim.consensus.PeerSetup;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chaos runs bite on VR: a new primary that takes the longest log among the DoViewChange
 * messages, whatever view it was last normal in (instead of the most recent view first), can revive
 * entries of an old view over committed ones, and the harness sees two replicas commit differently.
 */
class BrokenVrTest {

  /** Ranks DoViewChange logs by length only. */
  static final class LongestLogWins<T> extends ViewstampedReplication<T> {
    LongestLogWins(PeerSetup<T> setup) {
      super(setup);
    }

    @Override
    boolean moreRecent(Message.DoViewChange<T> a, Message.DoViewChange<T> b) {
      return a.length() > b.length();
    }
  }

  @Test
  void aPrimaryThatAdoptsAStaleLogIsCaught() {
    Optional<String> found = Chaos.firstViolation(LongestLogWins::new, 42, 80);
    assertTrue(found.isPresent(), "the chaos runs found no safety violation of a primary that adopts a stale log");
    assertTrue(found.get().contains("decided"), found.get());
  }

  @Test
  void theSameRunsOfTheRealProtocolAreSafe() {
    Optional<String> found = Chaos.firstViolation(ViewstampedReplication::new, 42, 80);
    assertTrue(found.isEmpty(), () -> found.get());
  }
}
