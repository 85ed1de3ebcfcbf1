package dev.omnisim.kvpaxos;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The key-value server's logic, without I/O: every operation, Get included, goes through the
 * replicated log of a {@link ConsensusPeer}; decided entries are applied in order to a
 * {@link KvStateMachine}; a waiting request is answered once its own entry is decided at the index it
 * was appended at. It answers {@link KvReply.WrongLeader} when it is not the leader, when it loses
 * the leadership while requests wait, and when another entry is decided where it proposed.
 *
 * <p>The host calls {@link #submit} for each request and {@link #afterInput()} after every input to
 * the peer (message, tick): that applies what was decided and answers who waits.
 */
public class KvServer implements KvService {
  private final ConsensusPeer<KvCommand> peer;
  private final KvStateMachine machine;
  private final long snapshotEveryEntries;
  /** Requests waiting for their entry, by the log index it was appended at. */
  private final TreeMap<Long, Waiter> waiting = new TreeMap<>();
  private long applied;

  private record Waiter(KvCommand command, Consumer<KvReply> reply) {}

  /**
   * A server over {@code peer} (which may hold a log recovered from storage) and an empty
   * {@code machine}. Every {@code snapshotEveryEntries} applied entries it compacts the log into a
   * snapshot of the machine; 0 never compacts.
   */
  public KvServer(ConsensusPeer<KvCommand> peer, KvStateMachine machine, long snapshotEveryEntries) {
    if (snapshotEveryEntries < 0) {
      throw new IllegalArgumentException("snapshotEveryEntries must be >= 0, was " + snapshotEveryEntries);
    }
    this.peer = peer;
    this.machine = machine;
    this.snapshotEveryEntries = snapshotEveryEntries;
    afterInput(); // a restarted server rebuilds its map from the snapshot and the decided log
  }

  /** A refusal that names the leader this server follows, if it knows one. */
  private KvReply wrongLeader() {
    return new KvReply.WrongLeader(peer.leader().orElse(-1));
  }

  /** Handles one client request; {@code reply} is called once, now or when the entry is decided. */
  @Override
  public void submit(KvCommand command, Consumer<KvReply> reply) {
    String done = machine.resultIfApplied(command);
    if (done != null) {
      reply.accept(new KvReply.Ok(done)); // a retry of an executed operation: its result is fixed
      return;
    }
    if (!peer.isLeader()) {
      reply.accept(wrongLeader());
      return;
    }
    if (peer.propose(command) instanceof ProposeResult.Appended appended) {
      Waiter previous = waiting.put(appended.index(), new Waiter(command, reply));
      if (previous != null) {
        previous.reply().accept(wrongLeader());
      }
    } else {
      reply.accept(wrongLeader());
    }
  }

  /** Applies newly decided entries, answers their waiters, and gives up on waiters when not leading. */
  @Override
  public void afterInput() {
    installSnapshotIfBehind();
    long decided = peer.decidedIndex();
    while (applied < decided) {
      long to = Math.min(decided, applied + 512);
      for (KvCommand c : peer.readDecided(applied, to)) {
        String result = machine.apply(c);
        Waiter w = waiting.remove(applied);
        if (w != null) {
          boolean mine = w.command().equals(c);
          w.reply().accept(mine && result != null ? new KvReply.Ok(result) : wrongLeader());
        }
        applied++;
      }
    }
    if (!waiting.isEmpty() && !peer.isLeader()) {
      failAllWaiting();
    }
    if (snapshotEveryEntries > 0 && applied - peer.compactedIndex() >= snapshotEveryEntries) {
      peer.compact(new Snapshot(applied, machine.snapshot()));
    }
  }

  /** Entries applied to the map so far. */
  @Override
  public long appliedIndex() {
    return applied;
  }

  /** The map's and the duplicate table's digest. */
  @Override
  public long stateDigest() {
    return machine.digest();
  }

  /** Requests waiting for their entry to be decided. */
  public int waitingCount() {
    return waiting.size();
  }

  /** The replica's map, for tests and broken variants. */
  protected KvStateMachine machine() {
    return machine;
  }

  /** The consensus peer, for the host that feeds it. */
  @Override
  public ConsensusPeer<KvCommand> peer() {
    return peer;
  }

  private void installSnapshotIfBehind() {
    if (peer.compactedIndex() > applied) {
      Snapshot s = peer.snapshot().orElseThrow(() -> new IllegalStateException(
          "peer compacted to " + peer.compactedIndex() + " but has no snapshot"));
      machine.restore(s.data());
      applied = s.index();
      List<Map.Entry<Long, Waiter>> skipped = new ArrayList<>(waiting.headMap(applied).entrySet());
      for (Map.Entry<Long, Waiter> e : skipped) {
        waiting.remove(e.getKey());
        // Its entry is inside the snapshot, or was replaced: the duplicate table knows which.
        String result = machine.resultIfApplied(e.getValue().command());
        e.getValue().reply().accept(result != null ? new KvReply.Ok(result) : wrongLeader());
      }
    }
  }

  private void failAllWaiting() {
    List<Waiter> all = new ArrayList<>(waiting.values());
    waiting.clear();
    for (Waiter w : all) {
      w.reply().accept(wrongLeader());
    }
  }
}
