package dev.omnisim.sim.fault;

import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.Simulation;
import java.util.OptionalInt;

/**
 * What a {@link FaultAction} acts on: servers 0..servers-1 of a simulation (other nodes, such as
 * clients, keep their links), the current leader, and the network conditions that a heal restores.
 * A key-value cluster is one ({@code KvCluster.faultTarget()} in the scenarios module); a test of the
 * consensus protocol alone supplies its own (the OmniPaxos module's test cluster does).
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
}
