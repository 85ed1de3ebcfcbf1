package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * A seed draws the same numbers on every JVM, version and platform. The expected values below were
 * computed by an independent implementation of SplitMix64 and FNV-1a (and of the JDK's documented
 * bounded-draw rejection loop), not by this class: if a JDK or a code change alters what a seed
 * draws, every recorded seed of every user changes meaning, and these tests say so.
 */
class DeterministicRandomTest {

  @Test
  void aSeedDrawsTheSplitMix64Sequence() {
    DeterministicRandom r = new DeterministicRandom(42);
    assertArrayEquals(new long[] {-7450291807549245335L, 2958219263312191191L, 3069497704473277141L},
        new long[] {r.nextLong(), r.nextLong(), r.nextLong()});
  }

  @Test
  void aNamedStreamIsDerivedFromTheSeedAndTheNameWithFnv1a() {
    DeterministicRandom r = DeterministicRandom.derive(7, "network");
    assertArrayEquals(new long[] {8930030367781425979L, -6283911853608855591L}, new long[] {r.nextLong(), r.nextLong()});
  }

  @Test
  void doublesAndBoundedDrawsAreFixedToo() {
    DeterministicRandom r = new DeterministicRandom(42);
    assertEquals(0.5961188718302076, r.nextDouble());
    assertEquals(0.1603653875985772, r.nextDouble());
    DeterministicRandom b = new DeterministicRandom(99);
    long[] drawn = new long[5];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = b.nextLong(1_000);
    }
    assertArrayEquals(new long[] {536, 970, 308, 493, 283}, drawn, "nextLong(1000): what Latency.Uniform draws");
  }

  @Test
  void streamsOfOneSeedWithDifferentNamesDiffer() {
    assertNotEquals(DeterministicRandom.derive(1, "node-1").nextLong(), DeterministicRandom.derive(1, "node-2").nextLong());
    assertNotEquals(DeterministicRandom.derive(1, "node-1").nextLong(), DeterministicRandom.derive(2, "node-1").nextLong());
  }

  @Test
  void aCertainOrImpossibleChanceDrawsNothing() {
    DeterministicRandom r = new DeterministicRandom(5);
    DeterministicRandom reference = new DeterministicRandom(5);
    assertEquals(false, r.chance(0.0));
    assertEquals(true, r.chance(1.0));
    assertEquals(reference.nextLong(), r.nextLong(), "probability 0 and 1 settings cost no draw");
    r.chance(0.5);
    reference.nextLong();
    assertEquals(reference.nextLong(), r.nextLong(), "any other probability costs exactly one draw");
  }
}
