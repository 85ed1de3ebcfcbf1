package dev.omnisim.scenarios;

import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.NetworkPreset;

/**
 * A named scenario of the catalog: a topology, a workload, a fault schedule and its checks, as one
 * body that drives a {@link KvCluster}. Every client operation also goes to the linearizability
 * checker after the body ends.
 *
 * @param name the name the command line knows it by, e.g. {@code fig5a-one}
 * @param title the lab's test title, e.g. {@code Basic Fig 5A One Client}
 * @param description one line on what it does and checks
 * @param servers number of servers
 * @param preset network conditions at the start
 * @param expectedOps client operations a passing run completes (the lab's op count); 0 when it varies
 * @param body what the scenario does
 * @param timings the servers' tick, consensus timeouts, batch size and snapshot threshold
 * @param bySeed null for a scenario that is the same for every seed; else what it is for a seed (a
 *     swarm fuzz run draws its cluster size and timings from the seed)
 */
public record Scenario(
    String name, String title, String description, int servers, NetworkPreset preset, long expectedOps, Body body,
    ClusterTimings timings, BySeed bySeed) {

  /** Checks that the timings are given. */
  public Scenario {
    if (timings == null) {
      throw new IllegalArgumentException("scenario " + name + ": timings must be given, was null");
    }
  }

  /** A scenario with the lab's timings, the same for every seed. */
  public Scenario(String name, String title, String description, int servers, NetworkPreset preset, long expectedOps,
      Body body) {
    this(name, title, description, servers, preset, expectedOps, body, ClusterTimings.LAB, null);
  }

  /** What this scenario is when run with {@code seed}: itself, unless it depends on the seed. */
  public Scenario forSeed(long seed) {
    return bySeed == null ? this : bySeed.scenarioFor(seed);
  }

  /** A scenario whose cluster depends on the seed (e.g. the swarm fuzz scenario). */
  @FunctionalInterface
  public interface BySeed {
    /** The scenario, with its servers and timings, that runs with {@code seed}. */
    Scenario scenarioFor(long seed);
  }

  /** What a scenario does to its cluster; it throws {@link ScenarioFailure} when a check fails. */
  @FunctionalInterface
  public interface Body {
    /** Runs the scenario on {@code cluster}, drawing its own choices from {@code random}. */
    void run(KvCluster cluster, DeterministicRandom random);
  }
}
