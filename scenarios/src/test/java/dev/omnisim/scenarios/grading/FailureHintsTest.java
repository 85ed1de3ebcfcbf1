package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hint for a lab check failure tells a twice-applied Append from a stale read by what the read returned. */
class FailureHintsTest {

  @Test
  void aPieceReadTwiceInARowIsAnAppendAppliedTwice() {
    // WITHOUT_DUPLICATE_DETECTION on unreliable seed 1.
    String hint = FailureHints.forKind("check", "get wrong value, key k1, wanted p1a1, got p1a1a1a1");
    assertTrue(hint.contains("applied twice"), hint);
  }

  @Test
  void aLongerValueWithoutARepeatIsAStaleRead() {
    // A server reading locally, fig5c-many seed 1: an old value from before a Put is longer than the new one.
    String hint = FailureHints.forKind("check", "get wrong value, key 0, wanted:\nx 0 3 y\ngot\nx 0 1 yx 0 3 yx 0 4 y");
    assertTrue(hint.contains("stale read"), hint);
  }
}
