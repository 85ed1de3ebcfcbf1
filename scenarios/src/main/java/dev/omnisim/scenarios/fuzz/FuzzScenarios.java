package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.scenarios.References;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioFailure;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.SimLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fuzz scenarios: clients run random Put/Append/Get operations on a small key space while a
 * fault schedule plays on servers whose disks lose unsynced writes at a crash. When the fault window
 * ends, two liveness phases follow, each demanding that every client complete an operation within the
 * liveness bound: first, with every server back, one of the paper's partial-connectivity shapes
 * (quorum loss, constrained election, chained), where Omni-Paxos must make progress although Raft and
 * Multi-Paxos may not; then, everything healed, as in TigerBeetle's VOPR and FoundationDB. A stall
 * fails the run with "no progress under partial connectivity" or "no progress after heal". The runner
 * then checks the whole history for linearizability.
 *
 * <p>{@code swarm}, the default of {@code omnisim fuzz}, draws a whole configuration per seed
 * ({@link Swarm}); {@code fuzz}, {@code fuzz-3}, {@code fuzz-7} and {@code fuzz-partial} have fixed
 * ones on the reliable network with the classic fault mix.
 */
public final class FuzzScenarios {
  /**
   * After healing: 4 election timeouts for a new leader (the paper's bound on down-time), then a
   * Clerk may have to wait out one call to a server that went silent and try once more.
   */
  public static final long LIVENESS_BOUND_MICROS =
      4 * 10 * References.TICK_MICROS + 2 * (References.CLERK_CALL_TIMEOUT_MICROS + References.CLERK_BACKOFF_MICROS);

  /** The swarm scenario's name. */
  public static final String SWARM = "swarm";

  /**
   * The fixed fuzz scenarios of the catalog. {@code fuzz-partial} also demands progress under
   * partial connectivity before the heal.
   */
  public static final List<FuzzConfig> CONFIGS = List.of(
      new FuzzConfig("fuzz", 5, 3, 5, 10_000_000, 50_000, LIVENESS_BOUND_MICROS, false),
      new FuzzConfig("fuzz-3", 3, 3, 3, 10_000_000, 50_000, LIVENESS_BOUND_MICROS, false),
      new FuzzConfig("fuzz-7", 7, 5, 8, 10_000_000, 50_000, LIVENESS_BOUND_MICROS, false),
      new FuzzConfig("fuzz-partial", 5, 3, 5, 10_000_000, 50_000, LIVENESS_BOUND_MICROS, true));

  private FuzzScenarios() {}

  /** The fixed fuzz scenario called {@code name}, if there is one ({@code swarm} has none: it draws one per seed). */
  public static Optional<FuzzConfig> config(String name) {
    return CONFIGS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** True for every fuzz scenario of the catalog, the swarm included. */
  public static boolean isFuzzScenario(String name) {
    return SWARM.equals(name) || config(name).isPresent();
  }

  /** The names of the fuzz scenarios, swarm first. */
  public static String names() {
    StringBuilder out = new StringBuilder(SWARM);
    CONFIGS.forEach(c -> out.append(", ").append(c.name()));
    return out.toString();
  }

  /** The configuration a run of fuzz scenario {@code name} with {@code seed} has, if {@code name} is one. */
  public static Optional<FuzzConfig> configFor(String name, long seed) {
    return SWARM.equals(name) ? Optional.of(Swarm.draw(seed)) : config(name);
  }

  /** The catalog entries: each draws its schedule (and, for the swarm, its configuration) from the run's seed. */
  public static List<Scenario> catalogEntries() {
    List<Scenario> out = new ArrayList<>();
    for (FuzzConfig c : CONFIGS) {
      out.add(new Scenario(c.name(), "Fuzz " + c.servers() + " servers " + c.clients() + " clients",
          c.servers() + " servers, " + c.clients() + " clients, " + c.faultWindowMicros() / 1_000_000
              + (c.partialConnectivityPhase()
                  ? " s of random faults, then demand progress in a figure 5 shape and after the heal"
                  : " s of random faults from the seed (nemesis), then heal and demand progress"),
          c.servers(), NetworkPreset.RELIABLE, 0,
          (cluster, random) -> run(cluster, Nemesis.generate(c, cluster.sim().seed()))));
    }
    Scenario.BySeed bySeed = seed -> withSchedule(Nemesis.generate(Swarm.draw(seed), seed));
    out.add(new Scenario(SWARM, "Fuzz swarm",
        "each seed draws its own " + Swarm.SERVERS_MIN + "-" + Swarm.SERVERS_MAX
            + " servers, timings, snapshots, clients, jitter and loss, fault mix (default of fuzz)",
        Swarm.SERVERS_MAX, NetworkPreset.RELIABLE, 0,
        (cluster, random) -> {
          throw new IllegalStateException("the swarm scenario runs as drawn for its seed (Scenario.forSeed)");
        },
        ClusterTimings.LAB, bySeed));
    return out;
  }

  /** The scenario playing exactly {@code schedule} under its configuration (a replay, or a shrinker's candidate). */
  public static Scenario withSchedule(FaultSchedule schedule) {
    FuzzConfig config = schedule.config();
    schedule.validate("schedule of " + config.name());
    return new Scenario(config.name(), "Fuzz " + config.name() + " (" + config.servers() + " servers, "
        + schedule.size() + " actions)", "replay of a saved schedule", config.servers(), NetworkPreset.RELIABLE, 0,
        (cluster, random) -> run(cluster, schedule), config.timings(), null);
  }

  static void run(KvCluster cluster, FaultSchedule schedule) {
    FuzzConfig config = schedule.config();
    var sim = cluster.sim();
    LinkFaults baseline = config.network().linkFaults();
    if (!baseline.equals(cluster.options().preset().faults())) {
      sim.network().setDefaultFaults(baseline); // the run's own jitter and loss
    }
    FaultTarget target = cluster.faultTarget(baseline);
    // Like a real page cache, a fuzz run's disks lose what was not synced when their server crashes;
    // a correct server syncs before it acknowledges, so this costs it nothing.
    for (int id : cluster.serverIds()) {
      sim.disk(id).setMode(config.diskMode());
    }
    for (TimedFault fault : schedule.actions()) {
      sim.schedule(Math.max(0, fault.atMicros() - sim.now()), fault.traceLabel(), () -> fault.action().apply(target));
    }
    List<RandomClient> clients = new ArrayList<>();
    for (int i = 0; i < config.clients(); i++) {
      clients.add(new RandomClient(cluster, cluster.makeClerk(), i, config, sim.randomStream("fuzz-client-" + i)));
    }
    clients.forEach(RandomClient::next);
    cluster.runFor(Math.max(0, config.faultWindowMicros() - sim.now()));

    // Liveness under partial connectivity, the paper's claim: all servers back, and one of figure 5's
    // shapes, in which some server is quorum-connected; every client must get an operation through.
    if (config.partialConnectivityPhase()) {
      restoreServers(cluster, target, config);
      String shape = partialConnectivity(cluster, target, sim.randomStream("fuzz-partial"));
      requireProgress(cluster, clients, config, "no progress under partial connectivity (" + shape + ")");
    }

    // Liveness after the heal, as in TigerBeetle's VOPR and FoundationDB.
    restoreServers(cluster, target, config);
    requireProgress(cluster, clients, config, "no progress after heal");
  }

  /**
   * Every link up, link faults cleared, crashed servers restarted (their disks stay lossy), and crash
   * points still armed disarmed: the faults are over.
   */
  private static void restoreServers(KvCluster cluster, FaultTarget target, FuzzConfig config) {
    var sim = cluster.sim();
    new FaultAction.Heal().apply(target);
    for (int id : cluster.serverIds()) {
      sim.disk(id).setMode(config.diskMode());
      if (!sim.isUp(id)) {
        cluster.restart(id);
      }
      sim.disarmCrashPoint(id);
    }
  }

  /**
   * Cuts the servers into one of the paper's figure 5 shapes around the current leader (or a random
   * server when none is known) and a random other server S: quorum loss (a star on S), constrained
   * election (the leader isolated, S linked to the others), or chained (only S and the leader cut).
   */
  private static String partialConnectivity(KvCluster cluster, FaultTarget target, DeterministicRandom random) {
    int n = cluster.servers();
    if (n < 3) {
      return "none: fewer than 3 servers";
    }
    int leader = cluster.leader().orElse(random.nextInt(n));
    int s = (leader + 1 + random.nextInt(n - 1)) % n;
    FaultAction shape = switch (random.nextInt(3)) {
      case 0 -> new FaultAction.QuorumLoss(s);
      case 1 -> new FaultAction.ConstrainedElection(leader, s);
      default -> new FaultAction.Chained(s, leader);
    };
    shape.apply(target);
    return switch (shape) {
      case FaultAction.QuorumLoss q -> "quorum loss: star on server " + s;
      case FaultAction.ConstrainedElection c -> "constrained election: server " + leader + " isolated, server " + s
          + " linked to the rest";
      default -> "chained: only servers " + s + " and " + leader + " cut";
    };
  }

  /** Every client completes one more operation within the liveness bound, or the run fails with {@code verdict}. */
  private static void requireProgress(KvCluster cluster, List<RandomClient> clients, FuzzConfig config,
      String verdict) {
    long since = cluster.sim().now();
    clients.forEach(RandomClient::requestRound);
    if (!cluster.runUntil(() -> clients.stream().allMatch(RandomClient::roundDone), config.livenessBoundMicros())) {
      List<Integer> stuck = clients.stream().filter(c -> !c.roundDone()).map(c -> c.index).toList();
      throw new ScenarioFailure(verdict + ": clients " + stuck + " completed no operation within "
          + SimLog.formatMicros(config.livenessBoundMicros()) + " from t=" + SimLog.formatMicros(since));
    }
  }

  /** A client issuing random operations with think time until the fault window ends, then one read per liveness round. */
  private static final class RandomClient {
    final KvCluster cluster;
    final KvClerk clerk;
    final int index;
    final FuzzConfig config;
    final DeterministicRandom random;
    int count;
    boolean pausing;
    /** Liveness rounds asked for after the fault window, and completed. */
    int requested;
    int completed;

    RandomClient(KvCluster cluster, KvClerk clerk, int index, FuzzConfig config, DeterministicRandom random) {
      this.cluster = cluster;
      this.clerk = clerk;
      this.index = index;
      this.config = config;
      this.random = random;
    }

    void next() {
      pausing = false;
      if (requested > 0) {
        if (completed < requested && !clerk.busy()) {
          int round = requested;
          clerk.get("k" + random.nextInt(config.keys()), v -> {
            completed = round;
            next();
          });
        }
        return;
      }
      if (cluster.sim().now() >= config.faultWindowMicros()) {
        return;
      }
      String key = "k" + random.nextInt(config.keys());
      String unique = index + "." + (++count);
      double p = random.nextDouble();
      if (p < 0.3) {
        clerk.put(key, "p" + unique + " ", this::pause);
      } else if (p < 0.7) {
        clerk.append(key, "a" + unique + " ", this::pause);
      } else {
        clerk.get(key, v -> pause());
      }
    }

    /** Think time before the next operation, as a real client has (and Jepsen's clients are given). */
    void pause() {
      if (requested > 0) {
        next();
        return;
      }
      pausing = true;
      cluster.sim().schedule(random.nextLong(config.thinkMaxMicros() + 1), "client " + index + " thinks", this::next);
    }

    /** After the fault window: one read, right away if idle, else when the current operation ends. */
    void requestRound() {
      requested++;
      if (!clerk.busy() && !pausing) {
        next();
      }
    }

    boolean roundDone() {
      return completed == requested;
    }
  }
}
