package dev.omnisim.scenarios.fuzz;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ForwardingPeer;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.scenarios.Implementation;

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
  private final class Counting extends ForwardingPeer<KvCommand> {
    Counting(ConsensusPeer<KvCommand> peer) {
      super(peer);
    }

    @Override
    public void receive(int from, Object message) {
      long before = peer.compactedIndex();
      peer.receive(from, message);
      if (peer.compactedIndex() > before) {
        installs++;
      }
    }
  }
}
