package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.sim.NetworkPreset;

/**
 * How a key-value cluster is set up for a scenario.
 *
 * @param servers number of key-value servers (node ids 0 .. servers-1)
 * @param preset network conditions between all nodes at the start
 * @param server how each server is built: consensus implementation, storage, server logic
 * @param clerks how each client's Clerk is built (the reference {@code Clerk}, or a submission's)
 * @param virtualTimeLimitMicros the lab's limit on a test's virtual time; past it the scenario fails
 * @param recordTrace keep every trace event, so a failure can show the events (costs memory)
 */
public record ClusterOptions(
    int servers,
    NetworkPreset preset,
    KvServerNode.Config server,
    ClerkFactory clerks,
    long virtualTimeLimitMicros,
    boolean recordTrace) {

  public ClusterOptions {
    if (servers < 1 || servers != server.serverIds().size()) {
      throw new IllegalArgumentException("servers must be >= 1 and match the server config's "
          + server.serverIds().size() + " ids, was " + servers);
    }
    if (preset == null) {
      throw new IllegalArgumentException("network preset must be given, was null");
    }
    if (clerks == null) {
      throw new IllegalArgumentException("clerk factory must be given, was null");
    }
  }

  /** These options on another network preset. */
  public ClusterOptions withPreset(NetworkPreset p) {
    return new ClusterOptions(servers, p, server, clerks, virtualTimeLimitMicros,
        recordTrace);
  }

  /** These options with other servers (e.g. a broken variant). */
  public ClusterOptions withServer(KvServerNode.Config config) {
    return new ClusterOptions(servers, preset, config, clerks,
        virtualTimeLimitMicros, recordTrace);
  }

  /** These options with other Clerks. */
  public ClusterOptions withClerks(ClerkFactory factory) {
    return new ClusterOptions(servers, preset, server, factory, virtualTimeLimitMicros, recordTrace);
  }

  /** These options with trace recording on or off. */
  public ClusterOptions withRecordTrace(boolean record) {
    return new ClusterOptions(servers, preset, server, clerks,
        virtualTimeLimitMicros, record);
  }
}
