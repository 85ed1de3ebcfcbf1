package dev.omnisim.omnipaxos;

/**
 * A leader's term: ballots are totally ordered by (n, priority, pid), and the pid makes every
 * ballot unique to the peer that created it.
 *
 * @param n the round number, raised to take over from a leader
 * @param priority the leader priority of its creator; breaks ties between equal rounds
 * @param pid the id of the peer that created (and alone may lead with) this ballot
 */
public record Ballot(long n, int priority, int pid) implements Comparable<Ballot> {

  /** Below every real ballot: the promise of a peer that never promised anything. */
  public static final Ballot NONE = new Ballot(-1, 0, Integer.MIN_VALUE);

  @Override
  public int compareTo(Ballot o) {
    int c = Long.compare(n, o.n);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(priority, o.priority);
    return c != 0 ? c : Integer.compare(pid, o.pid);
  }

  /**
   * Tells whether this ballot orders strictly after {@code other}.
   *
   * @param other the ballot to compare with
   * @return true when {@code this > other}
   */
  public boolean isAbove(Ballot other) {
    return compareTo(other) > 0;
  }

  /**
   * Returns the larger of two ballots.
   *
   * @param a a ballot
   * @param b another ballot
   * @return {@code a} if {@code a >= b}, else {@code b}
   */
  public static Ballot max(Ballot a, Ballot b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return this.equals(NONE) ? "Ballot[none]" : "Ballot[" + n + "," + priority + "," + pid + "]";
  }
}
