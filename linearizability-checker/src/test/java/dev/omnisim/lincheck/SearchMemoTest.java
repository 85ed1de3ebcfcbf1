package dev.omnisim.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packed memo remembers exactly the pairs it was given, through every growth of its arrays. */
class SearchMemoTest {

  @Test
  void aPairIsNewOnceAndMatchesOnlyOnEqualBitsAndState() {
    SearchMemo<String> memo = new SearchMemo<>(130, String::equals);
    long[] set = new long[3];
    set[2] = 1L << 1; // operation 129
    assertTrue(memo.add(set, 7, "s"));
    assertFalse(memo.add(set.clone(), 7, "s"), "the same set and state");
    set[2] = 0;
    assertTrue(memo.add(set, 7, "s"), "same hash and state, other set: a collision, not a match");
    assertTrue(memo.add(new long[] {0, 0, 2}, 7, "t"), "same hash and set, other state");
    assertFalse(memo.add(new long[] {0, 0, 2}, 7, "s"), "the copy stored at first is unchanged by the caller");
    assertEquals(3, memo.size());
  }

  @Test
  void everyPairSurvivesGrowth() {
    SearchMemo<Integer> memo = new SearchMemo<>(64, Integer::equals);
    int pairs = 20_000;
    for (int i = 0; i < pairs; i++) {
      // Few distinct hashes, so collisions and long probe runs are exercised too.
      assertTrue(memo.add(new long[] {i}, i % 997, i % 3), "pair " + i);
    }
    for (int i = 0; i < pairs; i++) {
      assertFalse(memo.add(new long[] {i}, i % 997, i % 3), "pair " + i + " remembered");
      assertTrue(memo.add(new long[] {i}, i % 997, 3), "pair " + i + " with another state is new");
    }
    assertEquals(2 * pairs, memo.size());
  }
}
