package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.Clerk;
import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommands;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.kvpaxos.KvStateMachine;
import dev.omnisim.omnipaxos.ConsensusOptions;
import dev.omnisim.omnipaxos.OmniPaxos;
import dev.omnisim.omnipaxos.PersistentStorage;
import java.util.List;
import java.util.stream.IntStream;

/** The reference setup: OmniPaxos persisted on each node's disk under the key-value server, with the lab's timings. */
public final class References {
  /** One tick of the consensus peer: 10 ms, so the 10-tick election timeout is the lab's 100 ms heartbeat. */
  public static final long TICK_MICROS = 10_000;
  /** A Clerk gives up on one server after this long and tries the next. */
  public static final long CLERK_CALL_TIMEOUT_MICROS = 500_000;
  /** A Clerk waits this long after every server refused or failed once. */
  public static final long CLERK_BACKOFF_MICROS = 50_000;
  /** Servers compact their log every this many applied entries. */
  public static final long SNAPSHOT_EVERY_ENTRIES = 500;

  private References() {}

  /** The reference servers for a cluster of {@code servers}: ids 0 .. servers-1. */
  public static KvServerNode.Config serverConfig(int servers) {
    List<Integer> ids = IntStream.range(0, servers).boxed().toList();
    return new KvServerNode.Config(ids, OmniPaxos::new, ConsensusOptions.DEFAULTS, TICK_MICROS,
        bytes -> PersistentStorage.open(bytes, KvCommands.CODEC), SNAPSHOT_EVERY_ENTRIES,
        (peer, every) -> new KvServer(peer, new KvStateMachine(), every));
  }

  /** The reference Clerk, with the timings above. */
  public static ClerkFactory clerks() {
    return (ctx, clientId, servers) -> new Clerk(ctx, clientId, servers, CLERK_CALL_TIMEOUT_MICROS, CLERK_BACKOFF_MICROS);
  }

  /** The cluster options of {@code scenario} over {@code servers} and the reference Clerk. */
  public static ClusterOptions clusterOptions(Scenario scenario, KvServerNode.Config servers) {
    return new ClusterOptions(scenario.servers(), scenario.preset(), servers, clerks(),
        ScenarioRunner.LAB_TIME_LIMIT_MICROS, false);
  }
}
