package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.sim.NetworkPreset;

/**
 * How a key-value cluster is set up for a scenario.
 *
 * @param servers number of key-value servers (node ids 0 .. servers-1)
 * @param preset network conditions between all nodes at the start
 * @param implementation which code runs: consensus protocol, server logic and Clerks
 * @param virtualTimeLimitMicros the lab's limit on a test's virtual time; past it the scenario fails
 * @param recordTrace keep every trace event, so a failure can show the events (costs memory)
 * @param timings the servers' tick, consensus timeouts, batch size and snapshot threshold
 */
public record ClusterOptions(
    int servers,
    NetworkPreset preset,
    Implementation implementation,
    long virtualTimeLimitMicros,
    boolean recordTrace,
    ClusterTimings timings) {

  /** Options with the lab's timings. */
  public ClusterOptions(int servers, NetworkPreset preset, Implementation implementation, long virtualTimeLimitMicros,
      boolean recordTrace) {
    this(servers, preset, implementation, virtualTimeLimitMicros, recordTrace, ClusterTimings.LAB);
  }

  public ClusterOptions {
    if (timings == null) {
      throw new IllegalArgumentException("timings must be given, was null");
    }
    if (servers < 1) {
      throw new IllegalArgumentException("servers must be >= 1, was " + servers);
    }
    if (preset == null) {
      throw new IllegalArgumentException("network preset must be given, was null");
    }
    if (implementation == null) {
      throw new IllegalArgumentException("implementation must be given, was null");
    }
  }

  /** These options on another network preset. */
  public ClusterOptions withPreset(NetworkPreset p) {
    return new ClusterOptions(servers, p, implementation, virtualTimeLimitMicros, recordTrace, timings);
  }

  /** These options with another implementation (a broken variant, a submission). */
  public ClusterOptions withImplementation(Implementation other) {
    return new ClusterOptions(servers, preset, other, virtualTimeLimitMicros, recordTrace, timings);
  }

  /** These options with trace recording on or off. */
  public ClusterOptions withRecordTrace(boolean record) {
    return new ClusterOptions(servers, preset, implementation, virtualTimeLimitMicros, record, timings);
  }

  /** These options with other timings. */
  public ClusterOptions withTimings(ClusterTimings other) {
    return new ClusterOptions(servers, preset, implementation, virtualTimeLimitMicros, recordTrace, other);
  }

  /** How the servers are built: the implementation with these options' timings. */
  public KvServerNode.Config serverConfig() {
    return References.serverConfig(implementation, servers, timings);
  }
}
