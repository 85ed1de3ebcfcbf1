package dev.omnisim.consensus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer that passes every call to another one (Guava's {@code Forwarding*} idea): a subclass overrides
 * only what it watches or changes — a harness counting snapshot installs, a test planting a bug in
 * one method of a real protocol.
 *
 * @param <T> the entry type
 */
public abstract class ForwardingPeer<T> implements ConsensusPeer<T> {
  /** The peer every call goes to. */
  protected final ConsensusPeer<T> peer;

  /**
   * Wraps {@code peer}.
   *
   * @param peer the peer to forward to, not null
   */
  protected ForwardingPeer(ConsensusPeer<T> peer) {
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  @Override
  public ProposeResult propose(T entry) {
    return peer.propose(entry);
  }

  @Override
  public void receive(int from, Object message) {
    peer.receive(from, message);
  }

  @Override
  public void tick() {
    peer.tick();
  }

  @Override
  public List<Outgoing> drainOutgoing() {
    return peer.drainOutgoing();
  }

  @Override
  public long decidedIndex() {
    return peer.decidedIndex();
  }

  @Override
  public List<T> readDecided(long fromIndex, long toIndex) {
    return peer.readDecided(fromIndex, toIndex);
  }

  @Override
  public long compactedIndex() {
    return peer.compactedIndex();
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return peer.snapshot();
  }

  @Override
  public void compact(Snapshot snapshot) {
    peer.compact(snapshot);
  }

  @Override
  public Leadership leadership() {
    return peer.leadership();
  }

  @Override
  public Optional<Term> promisedTerm() {
    return peer.promisedTerm();
  }

  @Override
  public Optional<AcceptedLog> acceptedLog() {
    return peer.acceptedLog();
  }
}
