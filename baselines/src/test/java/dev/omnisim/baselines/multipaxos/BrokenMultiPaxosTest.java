package dev.omnisim.baselines.multipaxos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.PeerSetup;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chaos property bites: a Multi-Paxos leader that takes over without adopting the most recent
 * log among its promises (phase 1 reduced to collecting promises) overwrites entries a previous leader
 * may have had decided, and the harness sees two peers decide differently. The same runs with the
 * real protocol are safe (the property's own tries).
 */
class BrokenMultiPaxosTest {

  /** Phase 1 without its point: the promised logs are ignored. */
  static final class SkipsAdoption<T> extends MultiPaxos<T> {
    SkipsAdoption(PeerSetup<T> setup) {
      super(setup);
    }

    @Override
    boolean adoptsPromisedLog() {
      return false;
    }
  }

  @Test
  void aLeaderThatSkipsAdoptionIsCaught() {
    Optional<String> found = Chaos.firstViolation(SkipsAdoption::new, 42, 60);
    assertTrue(found.isPresent(), "the chaos runs found no safety violation of a leader that skips adoption");
    assertTrue(found.get().contains("decided"), found.get());
  }

  @Test
  void theSameRunsOfTheRealProtocolAreSafe() {
    Optional<String> found = Chaos.firstViolation(MultiPaxos::new, 42, 60);
    assertTrue(found.isEmpty(), () -> found.get());
  }
}
