package dev.omnisim.scenarios;

import dev.omnisim.consensus.ConsensusOptions;

/**
 * The timings a scenario gives its servers: how long a tick is, the consensus peer's timeouts and
 * batch size in ticks and entries, and how often the key-value servers compact their log. The lab's
 * scenarios all use {@link #LAB}; a swarm fuzz run draws its own.
 *
 * @param tickMicros virtual time between two ticks of a consensus peer
 * @param consensus the peer's election and resend timeouts (in ticks), batch size and proposal bound
 * @param snapshotEveryEntries servers compact their log every this many applied entries; 0 never
 */
public record ClusterTimings(long tickMicros, ConsensusOptions consensus, long snapshotEveryEntries) {

  /** The lab's timings: 10 ms ticks, {@link ConsensusOptions#DEFAULTS}, a snapshot every 500 entries. */
  public static final ClusterTimings LAB =
      new ClusterTimings(References.TICK_MICROS, ConsensusOptions.DEFAULTS, References.SNAPSHOT_EVERY_ENTRIES);

  /** Checks every value. */
  public ClusterTimings {
    if (tickMicros <= 0) {
      throw new IllegalArgumentException("tickMicros must be > 0, was " + tickMicros);
    }
    if (consensus == null) {
      throw new IllegalArgumentException("consensus options must be given, was null");
    }
    if (snapshotEveryEntries < 0) {
      throw new IllegalArgumentException("snapshotEveryEntries must be >= 0 (0: never), was " + snapshotEveryEntries);
    }
  }

  /** One election timeout in virtual microseconds. */
  public long electionTimeoutMicros() {
    return consensus.electionTimeoutTicks() * tickMicros;
  }
}
