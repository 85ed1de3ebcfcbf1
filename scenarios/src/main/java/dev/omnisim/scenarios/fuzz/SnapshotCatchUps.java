package dev.omnisim.scenarios.fuzz;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.scenarios.Implementation;
import java.util.List;
import java.util.Optional;

/**
 * Counts, for one run, how often a server caught up by a snapshot that another server sent (its
 * compacted index rose while it handled a message, not because its own service compacted) and how
 * often a server restarted from a snapshot on its disk. Swarm testing must exercise snapshot code in a
 * good share of runs; this is how that share is measured. It watches any protocol through the
 * consensus contract and changes nothing in the run.
 */
public final class SnapshotCatchUps {
  private long installs;
  private long restarts;

  /** {@code implementation}, its peers counted by this object. */
  public Implementation around(Implementation implementation) {
    return implementation.withConsensus(setup -> {
      ConsensusPeer<KvCommand> peer = implementation.consensus().create(setup);
      if (peer.compactedIndex() > 0) {
        restarts++;
      }
      return new Counting(peer);
    });
  }

  /** Snapshots installed from another server's message. */
  public long installs() {
    return installs;
  }

  /** Restarts that recovered from a snapshot on disk. */
  public long restartsFromSnapshot() {
    return restarts;
  }

  /** A peer that tells its counter when a received message raised its compacted index. */
  private final class Counting implements ConsensusPeer<KvCommand> {
    private final ConsensusPeer<KvCommand> peer;

    Counting(ConsensusPeer<KvCommand> peer) {
      this.peer = peer;
    }

    @Override
    public ProposeResult propose(KvCommand entry) {
      return peer.propose(entry);
    }

    @Override
    public void receive(int from, Object message) {
      long before = peer.compactedIndex();
      peer.receive(from, message);
      if (peer.compactedIndex() > before) {
        installs++;
      }
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
    public List<KvCommand> readDecided(long fromIndex, long toIndex) {
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
  }
}
