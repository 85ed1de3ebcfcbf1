package dev.omnisim.consensus;

/**
 * An opaque, totally ordered leadership term, compared by {@code major} then {@code minor}. A
 * protocol maps its own notion onto it: Raft's term is {@code (term, 0)}; an OmniPaxos ballot
 * {@code (n, priority, pid)} is {@code (n, priority << 32 | pid)}; VR's view is {@code (view, 0)}.
 * The harness only compares and prints terms.
 *
 * @param major the most significant part (round, term, view number)
 * @param minor the tie-breaker (priority and pid for ballots; 0 where a protocol has none)
 */
public record Term(long major, long minor) implements Comparable<Term> {

  /** Below every real term: the term of a peer that has never seen a leader. */
  public static final Term NONE = new Term(Long.MIN_VALUE, Long.MIN_VALUE);

  @Override
  public int compareTo(Term o) {
    int c = Long.compare(major, o.major);
    return c != 0 ? c : Long.compare(minor, o.minor);
  }

  /**
   * Tells whether this term orders strictly after {@code other}.
   *
   * @param other the term to compare with
   * @return true when {@code this > other}
   */
  public boolean isAbove(Term other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return equals(NONE) ? "none" : minor == 0 ? Long.toString(major) : major + "." + Long.toHexString(minor);
  }
}
