package dev.omnisim.lincheck;

import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * The search's memo of (linearised set, state) pairs, packed into arrays: each set's bits live in
 * one shared {@code long[]} slab, and an open-addressing table of entry numbers finds them. Compared
 * with a {@code HashSet} of key objects each holding its own {@code long[]}, an entry costs no
 * object headers, no hash-map node and no per-entry array, so the same heap holds about 1.5 to 2
 * times as many states (more for short partitions), and adding one allocates nothing except when
 * the arrays grow.
 *
 * <p>Equality is exact: a stored entry matches only when its hash, every bit and the state (by the
 * model's {@link Model#stateEquals}) are equal.
 *
 * @param <S> the model's state type
 */
final class SearchMemo<S> {

  private final int words;
  private final BiPredicate<S, S> stateEquals;
  private long[] bits;
  private Object[] states;
  private int[] hashes;
  /** Slot to entry number + 1; 0 is empty. At most half full. */
  private int[] table;
  private int size;

  SearchMemo(int operations, BiPredicate<S, S> stateEquals) {
    this.words = Math.max(1, (operations + 63) / 64);
    this.stateEquals = stateEquals;
    int capacity = 1024;
    this.bits = new long[capacity * words];
    this.states = new Object[capacity];
    this.hashes = new int[capacity];
    this.table = new int[capacity * 2];
  }

  /** How many pairs are remembered. */
  int size() {
    return size;
  }

  /**
   * Remembers ({@code set}, {@code state}) unless it is remembered already; {@code hash} must be the
   * same for equal pairs. Copies {@code set}, which the caller may change afterwards.
   *
   * @return true when the pair is new
   */
  @SuppressWarnings("unchecked")
  boolean add(long[] set, int hash, S state) {
    int mask = table.length - 1;
    int slot = spread(hash) & mask;
    for (int entry = table[slot]; entry != 0; entry = table[slot]) {
      int e = entry - 1;
      if (hashes[e] == hash && Arrays.equals(bits, e * words, e * words + words, set, 0, words)
          && stateEquals.test((S) states[e], state)) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    if (size == hashes.length) {
      growEntries();
    }
    System.arraycopy(set, 0, bits, size * words, words);
    states[size] = state;
    hashes[size] = hash;
    table[slot] = ++size;
    if (size * 2 > table.length) {
      growTable();
    }
    return true;
  }

  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void growEntries() {
    long capacity = Math.min((long) hashes.length * 2, Integer.MAX_VALUE / 2);
    if (capacity * words > Integer.MAX_VALUE - 16 || capacity <= hashes.length) {
      throw new OutOfMemoryError("the search memo cannot hold more states of this partition");
    }
    bits = Arrays.copyOf(bits, (int) capacity * words);
    states = Arrays.copyOf(states, (int) capacity);
    hashes = Arrays.copyOf(hashes, (int) capacity);
  }

  private void growTable() {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length - 1;
    for (int e = 0; e < size; e++) {
      int slot = spread(hashes[e]) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = e + 1;
    }
    table = bigger;
  }
}
