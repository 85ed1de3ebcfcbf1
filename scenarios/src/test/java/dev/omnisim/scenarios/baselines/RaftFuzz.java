package dev.omnisim.scenarios.baselines;

import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.scenarios.fuzz.FaultKind;
import dev.omnisim.scenarios.fuzz.FaultMix;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.fuzz.NetworkConditions;
import dev.omnisim.sim.DiskMode;
import java.util.EnumMap;

/**
 * The fuzz configuration the Raft baselines are held to: the fixed {@code fuzz} scenario's cluster (5
 * servers, 3 clients, 10 s of faults, then heal and demand progress) with every fault kind that keeps the
 * servers' links symmetric and whole — partitions into disjoint sides, loss, stale messages, every kind of
 * crash — and none of partial connectivity (quorum loss, constrained election, chained, rings, chains,
 * bridges, one-way links, random topologies), which Raft does not claim to survive. Disks tear.
 */
final class RaftFuzz {
  private RaftFuzz() {}

  static FuzzConfig config(DiskMode disk) {
    EnumMap<FaultKind, Integer> w = new EnumMap<>(FaultKind.class);
    for (FaultKind k : new FaultKind[] {FaultKind.HALVES, FaultKind.MAJORITY_MINORITY, FaultKind.LOSS,
        FaultKind.STALE_MESSAGES, FaultKind.CRASH_LEADER, FaultKind.CRASH_MINORITY, FaultKind.CRASH_ALL,
        FaultKind.CRASH_DURABLE_DISK, FaultKind.CRASH_IN_STEP, FaultKind.CRASH_PARTIAL_DISK}) {
      w.put(k, 1);
    }
    return new FuzzConfig("fuzz-raft", 5, 3, 5, 10_000_000, 50_000, FuzzScenarios.LIVENESS_BOUND_MICROS, false,
        ClusterTimings.LAB, NetworkConditions.RELIABLE, FaultMix.of(w), disk);
  }
}
