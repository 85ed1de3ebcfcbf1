package dev.omnisim.scenarios.fuzz;

import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.sim.DiskMode;

/**
 * The shape of a fuzz run: the cluster, the workload, the network it runs on, the faults the nemesis
 * may draw and the liveness demands. The named fuzz scenarios have fixed ones; a swarm run draws one
 * per seed ({@link Swarm}). It is saved with every schedule, so a schedule replays exactly.
 *
 * @param name the scenario's name
 * @param servers number of servers
 * @param clients number of clients, each running random operations for the whole fault window
 * @param keys size of the key space the clients draw from (small, so operations collide)
 * @param faultWindowMicros how long faults are injected; then everything heals
 * @param thinkMaxMicros a client waits uniformly up to this long between two operations
 * @param livenessBoundMicros after healing, every client must complete an operation within this
 * @param partialConnectivityPhase before the heal, demand progress in one of the paper's
 *     partial-connectivity shapes too
 * @param timings the servers' tick, election timeout, batch size and snapshot threshold
 * @param network the network's latency, jitter and loss, restored at every heal
 * @param faults the fault kinds the nemesis draws, with their weights
 * @param diskMode what every server's disk keeps of its unsynced writes at a crash (LOSSY: nothing;
 *     PARTIAL: a random prefix per file; TORN: that and a torn write)
 */
public record FuzzConfig(String name, int servers, int clients, int keys, long faultWindowMicros,
    long thinkMaxMicros, long livenessBoundMicros, boolean partialConnectivityPhase, ClusterTimings timings,
    NetworkConditions network, FaultMix faults, DiskMode diskMode) {

  public FuzzConfig {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a fuzz configuration needs a name");
    }
    if (servers < 1 || clients < 1 || keys < 1) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": servers, clients and keys must be >= 1, were "
          + servers + ", " + clients + ", " + keys);
    }
    if (thinkMaxMicros < 0) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": thinkMaxMicros must be >= 0, was " + thinkMaxMicros);
    }
    if (faultWindowMicros <= 0 || livenessBoundMicros <= 0) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": faultWindowMicros and livenessBoundMicros must be"
          + " > 0, were " + faultWindowMicros + " and " + livenessBoundMicros);
    }
    if (timings == null || network == null || faults == null || diskMode == null) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": timings, network, faults and diskMode must be given");
    }
    if (diskMode == DiskMode.DURABLE) {
      throw new IllegalArgumentException("fuzz scenario " + name + ": diskMode DURABLE would hide every missing sync;"
          + " use LOSSY, PARTIAL or TORN");
    }
  }

  /**
   * A configuration as the original fuzz scenarios had: the lab's timings, the reliable network, the
   * classic fault mix and disks that lose every unsynced write.
   */
  public FuzzConfig(String name, int servers, int clients, int keys, long faultWindowMicros, long thinkMaxMicros,
      long livenessBoundMicros, boolean partialConnectivityPhase) {
    this(name, servers, clients, keys, faultWindowMicros, thinkMaxMicros, livenessBoundMicros,
        partialConnectivityPhase, ClusterTimings.LAB, NetworkConditions.RELIABLE,
        FaultMix.classic(), DiskMode.LOSSY);
  }
}
