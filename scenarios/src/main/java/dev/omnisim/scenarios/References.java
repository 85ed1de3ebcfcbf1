package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvServerNode;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The lab's timings every scenario runs with, whatever the {@link Implementation}: a 10 ms tick, the
 * Clerk's timeouts, the snapshot threshold and the lab's limit on virtual time.
 */
public final class References {
  /** One tick of the consensus peer: 10 ms, so the 10-tick election timeout is the lab's 100 ms heartbeat. */
  public static final long TICK_MICROS = 10_000;
  /** A Clerk gives up on one server after this long and tries the next. */
  public static final long CLERK_CALL_TIMEOUT_MICROS = 500_000;
  /** A Clerk waits this long after every server refused or failed once. */
  public static final long CLERK_BACKOFF_MICROS = 50_000;
  /** Servers compact their log every this many applied entries. */
  public static final long SNAPSHOT_EVERY_ENTRIES = 500;
  /** The lab's limit on a test's virtual time. */
  public static final long LAB_TIME_LIMIT_MICROS = 120_000_000;

  private References() {}

  /** How the servers 0 .. servers-1 of {@code implementation} are built, with the lab's timings. */
  public static KvServerNode.Config serverConfig(Implementation implementation, int servers) {
    return serverConfig(implementation, servers, ClusterTimings.LAB);
  }

  /** How the servers 0 .. servers-1 of {@code implementation} are built, with {@code timings}. */
  public static KvServerNode.Config serverConfig(Implementation implementation, int servers, ClusterTimings timings) {
    List<Integer> ids = IntStream.range(0, servers).boxed().toList();
    return new KvServerNode.Config(ids, implementation.consensus(), timings.consensus(), timings.tickMicros(),
        timings.snapshotEveryEntries(), implementation.server(), KvServerNode.StepObserver.NONE);
  }

  /** The cluster options of {@code scenario} for {@code implementation}. */
  public static ClusterOptions clusterOptions(Scenario scenario, Implementation implementation) {
    return new ClusterOptions(scenario.servers(), scenario.preset(), implementation, LAB_TIME_LIMIT_MICROS, false,
        scenario.timings());
  }
}
