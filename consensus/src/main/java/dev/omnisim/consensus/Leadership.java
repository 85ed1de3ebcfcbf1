package dev.omnisim.consensus;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A peer's view of who leads, in terms every protocol shares: OmniPaxos's ballot, Raft's term and
 * VR's view all map to a {@link Term}.
 *
 * @param leader the peer this peer follows (itself while leading); empty while it knows none
 * @param term the term of that leader as this peer knows it; {@link Term#NONE} without a leader
 * @param leading true when this peer is the leader and its leadership is established (it can append
 *     proposals now)
 */
public record Leadership(OptionalInt leader, Term term, boolean leading) {

  /** No leader known. */
  public static final Leadership NONE = new Leadership(OptionalInt.empty(), Term.NONE, false);

  /** Checks the parts: present, and a peer leads only under a real term. */
  public Leadership {
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(term, "term");
    if (leading && (leader.isEmpty() || term.equals(Term.NONE))) {
      throw new IllegalArgumentException("a leading peer names itself as leader under a real term, was "
          + leader + " " + term);
    }
  }

  /**
   * A peer that follows {@code leader} in {@code term}.
   *
   * @param leader the leader's id
   * @param term its term
   * @return the view
   */
  public static Leadership following(int leader, Term term) {
    return new Leadership(OptionalInt.of(leader), term, false);
  }

  /**
   * A peer {@code self} that leads in {@code term}.
   *
   * @param self this peer's id
   * @param term its term
   * @return the view
   */
  public static Leadership leading(int self, Term term) {
    return new Leadership(OptionalInt.of(self), term, true);
  }

  @Override
  public String toString() {
    if (leader.isEmpty()) {
      return "no leader";
    }
    return (leading ? "leading" : "following " + leader.getAsInt()) + " in term " + term;
  }
}
