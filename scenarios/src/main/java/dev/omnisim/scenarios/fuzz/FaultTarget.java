package dev.omnisim.scenarios.fuzz;

import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.Simulation;
import java.util.OptionalInt;

/**
 * What a {@link FaultAction} acts on: servers 0..servers-1 of a simulation (other nodes, such as
 * clients, keep their links), the current leader, and the network conditions that a heal restores.
 * A key-value cluster is one ({@link #of(KvCluster, LinkFaults)}); a test of the consensus protocol
 * alone can supply its own.
 */
public interface FaultTarget {

  /** The simulation the servers run in. */
  Simulation sim();

  /** Number of servers; they are nodes 0..servers-1. */
  int servers();

  /** The server that leads now, if exactly one does (for {@link FaultAction.CrashLeader}). */
  OptionalInt leader();

  /** The network preset a heal applies again. */
  NetworkPreset preset();

  /** Every link's faults after a heal: the preset's, or a run's own jitter and loss. */
  LinkFaults baselineFaults();

  /** The servers of {@code cluster}, with its preset's link faults as the baseline. */
  static FaultTarget of(KvCluster cluster) {
    return of(cluster, cluster.options().preset().faults());
  }

  /** The servers of {@code cluster}; a heal restores {@code baseline} on every link. */
  static FaultTarget of(KvCluster cluster, LinkFaults baseline) {
    return new ClusterTarget(cluster, baseline);
  }

  /** A key-value cluster as a fault target. */
  record ClusterTarget(KvCluster cluster, LinkFaults baselineFaults) implements FaultTarget {
    @Override
    public Simulation sim() {
      return cluster.sim();
    }

    @Override
    public int servers() {
      return cluster.servers();
    }

    @Override
    public OptionalInt leader() {
      return cluster.leader();
    }

    @Override
    public NetworkPreset preset() {
      return cluster.options().preset();
    }
  }
}
