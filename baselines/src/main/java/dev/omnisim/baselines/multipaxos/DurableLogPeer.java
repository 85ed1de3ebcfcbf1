package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contract's plumbing shared by the peers that keep their whole state in a {@link DurableLog}
 * (Multi-Paxos and VR): the outgoing queue, drained only after the log is synced, and the decided
 * prefix, snapshots and compaction, all read from the log.
 *
 * @param <T> the entry type
 */
public abstract class DurableLogPeer<T> implements ConsensusPeer<T> {
  /** Everything this peer has accepted, promised and decided, synced before any message leaves. */
  protected final DurableLog<T> log;
  private final List<Outgoing> outgoing = new ArrayList<>();

  /** Opens the log named {@code name} on the node's byte store. */
  protected DurableLogPeer(PeerSetup<T> setup, String name) {
    this.log = new DurableLog<>(setup.store(), setup.codec(), name);
  }

  /** Queues {@code message} for peer {@code to}; it leaves at the next {@link #drainOutgoing()}. */
  protected final void send(int to, Object message) {
    outgoing.add(new Outgoing(to, message));
  }

  /** The queue itself, for code that adds several messages at once. */
  protected final List<Outgoing> outgoing() {
    return outgoing;
  }

  @Override
  public final List<Outgoing> drainOutgoing() {
    log.persist();
    List<Outgoing> out = List.copyOf(outgoing);
    outgoing.clear();
    return out;
  }

  @Override
  public final long decidedIndex() {
    return log.decided();
  }

  @Override
  public final List<T> readDecided(long fromIndex, long toIndex) {
    if (toIndex > log.decided()) {
      throw new IllegalArgumentException("[" + fromIndex + ", " + toIndex + ") is not decided (decided " + log.decided() + ")");
    }
    return log.read(fromIndex, toIndex);
  }

  @Override
  public final long compactedIndex() {
    return log.compacted();
  }

  @Override
  public final Optional<Snapshot> snapshot() {
    return log.snapshot();
  }

  @Override
  public final void compact(Snapshot snapshot) {
    log.compact(snapshot);
    log.persist();
  }
}
