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
 */
public record Scenario(
    String name, String title, String description, int servers, NetworkPreset preset, long expectedOps, Body body) {

  /** What a scenario does to its cluster; it throws {@link ScenarioFailure} when a check fails. */
  @FunctionalInterface
  public interface Body {
    /** Runs the scenario on {@code cluster}, drawing its own choices from {@code random}. */
    void run(KvCluster cluster, DeterministicRandom random);
  }
}
