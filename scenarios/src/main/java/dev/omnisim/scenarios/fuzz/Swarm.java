package dev.omnisim.scenarios.fuzz;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.scenarios.References;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.DiskMode;
import java.util.EnumMap;

/**
 * Swarm testing (Groce et al.; TigerBeetle's VOPR): each seed draws its own fuzz configuration, so
 * that across seeds every combination of cluster size, timing, snapshot threshold, workload, network
 * and fault mix gets its turn, and some runs leave whole fault kinds out (a fault that is always on
 * can mask the bug another one would expose). The draws come from the seed's {@code swarm} stream;
 * the nemesis and the clients draw from their own streams.
 *
 * <p>The dimensions and their ranges:
 *
 * <ul>
 *   <li>servers 3–9; clients 1–8; keys from half the clients to 10; think time up to 0, 1, 10, 50 or 200 ms;
 *   <li>election timeout 4–30 ticks of 10 ms, and at least 4 of the network's longest latencies;
 *       resend timeout 2 ticks up to the election timeout;
 *   <li>batch size 1, 2, 4, 8, 16, 64 or 256 entries;
 *   <li>snapshot every 1, 2, 5, 10, 25, 50, 100 or 500 entries, or never;
 *   <li>network: latency from 0.1–2 ms plus 0–20 ms of jitter, 0–5 % loss, 0–3 % duplication (one
 *       seed in ten: the reliable network);
 *   <li>each fault kind on with probability 0.6 and then a weight of 1–10 (at least one on);
 *   <li>a partial-connectivity liveness phase before the heal in three runs out of ten;
 *   <li>disks that at a crash lose every unsynced write, keep a random prefix of each file's, or also
 *       tear one write (a third each).
 * </ul>
 */
public final class Swarm {
  /** The fewest and most servers drawn. */
  public static final int SERVERS_MIN = 3;
  public static final int SERVERS_MAX = 9;
  /** The most clients drawn. */
  static final int CLIENTS_MAX = 8;
  /** The most keys drawn. */
  static final int KEYS_MAX = 10;
  /** Election timeouts drawn, in ticks. */
  static final int ELECTION_TICKS_MIN = 4;
  static final int ELECTION_TICKS_MAX = 30;
  /** The fault window of every swarm run. */
  static final long FAULT_WINDOW_MICROS = 10_000_000;
  /** Chance that a fault kind is on. */
  static final double KIND_ON_PROBABILITY = 0.6;
  /** Chance of a partial-connectivity phase. */
  static final double PARTIAL_PHASE_PROBABILITY = 0.3;

  private Swarm() {}

  /** The configuration of seed {@code seed}; the same seed always draws the same one. */
  public static FuzzConfig draw(long seed) {
    DeterministicRandom random = DeterministicRandom.derive(seed, "swarm");
    int servers = SERVERS_MIN + random.nextInt(SERVERS_MAX - SERVERS_MIN + 1);
    int clients = 1 + random.nextInt(CLIENTS_MAX);
    // At least half as many keys as clients: with more, concurrent appends to one key, some left
    // pending by crashes, make the linearizability check explode (8 clients on 1 key: over 30 s).
    int keysMin = Math.max(1, (clients + 1) / 2);
    int keys = keysMin + random.nextInt(KEYS_MAX - keysMin + 1);
    long thinkMaxMicros = oneOf(random, 0, 1_000, 10_000, 50_000, 200_000);
    NetworkConditions network = network(random);
    // A heartbeat round must outlast a round trip with room to spare, or leaders change for no fault
    // at all: at least 4 one-way latencies.
    int electionTicksMin = (int) Math.max(ELECTION_TICKS_MIN,
        (4 * network.latencyMaxMicros() + References.TICK_MICROS - 1) / References.TICK_MICROS);
    int electionTicks = electionTicksMin + random.nextInt(ELECTION_TICKS_MAX - electionTicksMin + 1);
    int resendTicks = 2 + random.nextInt(electionTicks - 1);
    int batch = (int) oneOf(random, 1, 2, 4, 8, 16, 64, 256);
    long snapshotEvery = oneOf(random, 1, 2, 5, 10, 25, 50, 100, 500, 0); // 0: never
    ClusterTimings timings = new ClusterTimings(References.TICK_MICROS, new ConsensusOptions(electionTicks,
        resendTicks, batch, ConsensusOptions.DEFAULTS.maxPendingProposals()), snapshotEvery);
    FaultMix faults = faults(random);
    boolean partialPhase = random.nextDouble() < PARTIAL_PHASE_PROBABILITY;
    DiskMode disk = switch (random.nextInt(3)) {
      case 0 -> DiskMode.LOSSY;
      case 1 -> DiskMode.PARTIAL;
      default -> DiskMode.TORN;
    };
    return new FuzzConfig(FuzzScenarios.SWARM, servers, clients, keys, FAULT_WINDOW_MICROS, thinkMaxMicros,
        livenessBound(timings, network), partialPhase, timings, network, faults, disk);
  }

  private static long oneOf(DeterministicRandom random, long... values) {
    return values[random.nextInt(values.length)];
  }

  private static NetworkConditions network(DeterministicRandom random) {
    if (random.nextInt(10) == 0) {
      return NetworkConditions.RELIABLE;
    }
    long min = 100 + random.nextLong(1_901);
    long jitter = random.nextLong(20_001);
    double drop = Math.round(random.nextDouble() * 50) / 1000.0;
    double duplicate = Math.round(random.nextDouble() * 30) / 1000.0;
    return new NetworkConditions(min, min + jitter, drop, duplicate);
  }

  private static FaultMix faults(DeterministicRandom random) {
    EnumMap<FaultKind, Integer> weights = new EnumMap<>(FaultKind.class);
    for (FaultKind k : FaultKind.values()) {
      if (random.nextDouble() < KIND_ON_PROBABILITY) {
        weights.put(k, 1 + random.nextInt(10));
      }
    }
    if (weights.isEmpty()) {
      FaultKind[] all = FaultKind.values();
      weights.put(all[random.nextInt(all.length)], 1);
    }
    return FaultMix.of(weights);
  }

  /**
   * After a heal, 4 election timeouts for a new leader (the paper's bound), then a Clerk may wait out
   * a call to a silent server and, on a lossy network, a lost request or reply, a few times over.
   */
  static long livenessBound(ClusterTimings timings, NetworkConditions network) {
    int clerkRetries = network.dropProbability() > 0 ? 4 : 2;
    return 4 * timings.electionTimeoutMicros()
        + clerkRetries * (References.CLERK_CALL_TIMEOUT_MICROS + References.CLERK_BACKOFF_MICROS);
  }
}
