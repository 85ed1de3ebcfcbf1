package dev.omnisim.consensus;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One replica of a replicated log, as seen by the service above it (the key-value server). The
 * interface is sans-IO: the peer never sends, sleeps or reads a clock. The host feeds it inputs
 * ({@link #propose}, {@link #receive}, {@link #tick}) and, after each input,
 * takes the messages it wants sent with {@link #drainOutgoing()} and the newly decided entries with
 * {@link #readDecided}. OmniPaxos is one implementation; a student's, a deliberately broken one or a
 * Raft-style baseline plug in behind the same interface. Each implementation owns its storage format:
 * its factory gets the node's {@link ByteStore} and an {@link EntryCodec} ({@link PeerSetup}).
 *
 * <p>Indexes are 0-based positions in the log. The decided prefix is {@code [0, decidedIndex())};
 * entries below {@link #compactedIndex()} are no longer held and are summarised by
 * {@link #snapshot()}.
 *
 * @param <T> the entry type (immutable values; they are shared with other peers only as copies)
 */
public interface ConsensusPeer<T> {

  /**
   * Asks the cluster to append {@code entry} to the log.
   *
   * @param entry the entry to replicate, not null
   * @return where the entry went: appended on this leader at an index, forwarded to the leader,
   *     queued until this peer's leadership is ready, or rejected with a reason
   */
  ProposeResult propose(T entry);

  /**
   * Handles one message that peer {@code from} sent to this peer.
   *
   * @param from the sender's id
   * @param message a message produced by another peer's {@link #drainOutgoing()}
   * @throws IllegalArgumentException if the message is not of this implementation
   */
  void receive(int from, Object message);

  /** Advances this peer's logical clock by one tick; timeouts are counted in ticks. */
  void tick();


  /**
   * Hands out, and forgets, every message produced since the last call, in the order they were
   * produced.
   *
   * <p><b>Hand-off contract:</b> every storage write that a returned message depends on (a promise,
   * an accepted entry, the accepted round, the decided index) has been made durable — written and
   * {@link ByteStore#sync() synced} on the peer's byte store — BEFORE this method returns the message. The host
   * may therefore send the returned messages right away, in any order, or drop them; it must not
   * send a message that was never returned.
   *
   * @return the messages to send, possibly empty, never null
   */
  List<Outgoing> drainOutgoing();

  /**
   * Returns the length of the decided prefix: entries {@code [0, decidedIndex())} are decided and
   * never change.
   *
   * @return the number of decided entries, non-decreasing over the life of the peer and across
   *     restarts from the same storage
   */
  long decidedIndex();

  /**
   * Reads decided entries.
   *
   * @param fromIndex first index, inclusive, at least {@link #compactedIndex()}
   * @param toIndex last index, exclusive, at most {@link #decidedIndex()}
   * @return the decided entries {@code [fromIndex, toIndex)}
   * @throws IllegalArgumentException if the range is not decided or is compacted away
   */
  List<T> readDecided(long fromIndex, long toIndex);

  /**
   * Returns the index below which entries were trimmed and replaced by {@link #snapshot()}; a
   * service whose applied index is lower must install that snapshot before reading entries.
   *
   * @return the compacted index, 0 when nothing was compacted
   */
  long compactedIndex();

  /**
   * Returns the latest snapshot, covering the decided entries {@code [0, snapshot.index())}.
   *
   * @return the snapshot, empty when nothing was compacted
   */
  Optional<Snapshot> snapshot();

  /**
   * Trims the decided prefix {@code [0, snapshot.index())} and keeps {@code snapshot} in its place.
   * The service builds the snapshot (for a key-value server: its map and duplicate table after
   * applying exactly {@code snapshot.index()} entries). A lagging peer that needs trimmed entries
   * receives the snapshot instead.
   *
   * @param snapshot the service state after applying the first {@code snapshot.index()} entries
   * @throws IllegalArgumentException if {@code snapshot.index()} is above {@link #decidedIndex()}
   */
  void compact(Snapshot snapshot);

  /**
   * Returns this peer's view of leadership: whom it follows, that leader's term (ballot, view), and
   * whether it leads itself. The harness reads it after every input: leadership changes become trace
   * events, and the election invariants (one leader per term) are checked on it.
   *
   * @return the current view, never null
   */
  Leadership leadership();

  /**
   * Returns the term below which this peer has promised to accept nothing (its durable promise or
   * vote), when the protocol has such a notion. The harness checks after a restart that it is at or
   * above the term of every {@link Promising} message the peer sent before its crash.
   *
   * @return the promised term; empty when the protocol does not say (the check is then skipped)
   */
  default Optional<Term> promisedTerm() {
    return Optional.empty();
  }

  /**
   * Returns the log this peer holds as accepted, when the protocol has such a notion. The harness
   * checks after every step, and after a restart, that it still covers every {@link Acknowledging}
   * message the peer sent in the same term.
   *
   * @return the accepted log; empty when the protocol does not say (the check is then skipped)
   */
  default Optional<AcceptedLog> acceptedLog() {
    return Optional.empty();
  }

  /**
   * Returns the peer this peer currently believes is the leader.
   *
   * @return the leader's id, empty while no leader is known
   */
  default OptionalInt leader() {
    return leadership().leader();
  }

  /**
   * Tells whether this peer is the leader and can append proposals right now.
   *
   * @return true on a leader whose leadership is established (e.g. its prepare phase is over)
   */
  default boolean isLeader() {
    return leadership().leading();
  }
}
