package dev.omnisim.lincheck.model;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A key's value as a persistent rope: an append shares the old value and adds one piece, so a
 * state costs the appended piece, not a copy of the whole value. The checker keeps hundreds of
 * thousands of states of a single-key append history; with plain strings each held its own copy
 * of a value thousands of characters long. Equality compares length and a polynomial hash
 * maintained incrementally, then the characters only when both agree.
 */
final class KvValue {

  private static final long HASH_BASE = 0x100000001B3L;

  private final KvValue prefix;
  private final String piece;
  private final int length;
  private final long hash;

  private KvValue(KvValue prefix, String piece, int length, long hash) {
    this.prefix = prefix;
    this.piece = piece;
    this.length = length;
    this.hash = hash;
  }

  static KvValue of(String value) {
    return new KvValue(null, value, value.length(), extend(0, value));
  }

  KvValue append(String more) {
    return new KvValue(this, more, length + more.length(), extend(hash, more));
  }

  private static long extend(long hash, String more) {
    return extend(hash, more, more.length());
  }

  private static long extend(long hash, String more, int chars) {
    long h = hash;
    for (int i = 0; i < chars; i++) {
      h = h * HASH_BASE + more.charAt(i);
    }
    return h;
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** True when this value reads as {@code s}. */
  boolean contentEquals(String s) {
    return length == s.length() && hash == extend(0, s) && toString().equals(s);
  }

  /**
   * False only when this value is certainly not a prefix of {@code s}. Compares the hash of the
   * prefix of {@code s}, without building this value; a hash collision answers true, which callers
   * use only to keep a search branch, never to accept a history.
   */
  boolean mayBePrefixOf(String s) {
    return length <= s.length() && hash == extend(0, s, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvValue other
        && length == other.length
        && hash == other.hash
        && (prefix == other.prefix && piece.equals(other.piece) || toString().equals(other.toString()));
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hash);
  }

  /** The value as a string; walks the pieces without recursion, since chains can be thousands long. */
  @Override
  public String toString() {
    Deque<String> pieces = new ArrayDeque<>();
    for (KvValue v = this; v != null; v = v.prefix) {
      pieces.push(v.piece);
    }
    StringBuilder sb = new StringBuilder(length);
    pieces.forEach(sb::append);
    return sb.toString();
  }
}
