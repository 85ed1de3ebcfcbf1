package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.NetworkPreset;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-Paxos in the paper's figure 5 (Table 1), through the lab's Fig 5 scenarios under the
 * harness's invariants: quorum loss deadlocks (the one quorum-connected server keeps following the
 * old leader, which still answers its heartbeats but has no quorum); constrained election recovers
 * (the quorum-connected server hears a majority, not the leader, and takes over: no log condition
 * stops it); chained recovers but, in a fixed window with a closed-loop client, decides fewer
 * operations than OmniPaxos, with many more leader changes (the two ends of the chain take the
 * leadership from each other, each round a new ballot).
 */
class MultiPaxosFigure5Test {
  static final long SECOND = 1_000_000;

  static ScenarioRunner runner(String protocol) {
    return new ScenarioRunner(Protocols.byName(protocol).orElseThrow(), false, Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0} deadlocks, seed 1")
  @ValueSource(strings = {"fig5a-one", "fig5a-many"})
  void quorumLossDeadlocks(String name) {
    ScenarioResult r = runner("multipaxos").run(new Catalog().require(name), 1);
    assertNotNull(r.failure(), name + " passed on Multi-Paxos");
    assertTrue(r.failure().describe().startsWith("QUORUM_LOSS: only server"), r.failure().describe());
  }

  @ParameterizedTest(name = "{0} recovers, seed 1")
  @ValueSource(strings = {"fig5b-one", "fig5b-many", "fig5c-one", "fig5c-many"})
  void constrainedElectionAndChainedRecover(String name) {
    ScenarioResult r = runner("multipaxos").run(new Catalog().require(name), 1);
    assertNull(r.failure(), () -> name + " seed 1: " + r.failure().describe());
  }

  /** What a closed-loop client got done in a window after the chained cut. */
  record Window(long operations, int leaderChanges) {}

  /**
   * Chained on 3 servers (the lab's fig 5C shape): a warm-up, the cut between the leader and a
   * follower, then {@code windowSeconds} with one closed-loop client, counting its completed
   * operations and how often some server became leader (sampled every 10 ms).
   */
  static Window chained(Implementation implementation, long seed, int windowSeconds) {
    long[] ops = new long[1];
    int[] changes = new int[1];
    Scenario scenario = new Scenario("chained-window", "Chained window", "closed loop after the chained cut", 3,
        NetworkPreset.RELIABLE, 0, (cluster, random) -> {
          int leader = cluster.awaitLeader(10 * SECOND);
          int s = (leader + 1) % 3;
          KvClerk clerk = cluster.makeClerk();
          cluster.runFor(SECOND);
          new FaultAction.Chained(s, leader).apply(cluster.faultTarget());
          long[] done = new long[1];
          Runnable[] next = new Runnable[1];
          next[0] = () -> {
            done[0]++;
            clerk.append("k", "x", next[0]);
          };
          clerk.append("k", "x", next[0]);
          int last = -1;
          for (int t = 0; t < windowSeconds * 100; t++) {
            cluster.runFor(10_000);
            int now = cluster.leader().orElse(-1);
            if (now >= 0 && now != last) {
              changes[0]++;
              last = now;
            }
          }
          ops[0] = done[0];
          cluster.heal();
          cluster.runFor(2 * SECOND);
        });
    ScenarioResult r = new ScenarioRunner(implementation, false, Duration.ofSeconds(30)).run(scenario, seed);
    assertNull(r.failure(), () -> implementation.name() + " chained window, seed " + seed + ": " + r.failure().describe());
    return new Window(ops[0], changes[0]);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void chainedDecidesFewerThanOmniPaxos(long seed) {
    Window omni = chained(Protocols.byName("omnipaxos").orElseThrow(), seed, 10);
    Window mp = chained(Protocols.byName("multipaxos").orElseThrow(), seed, 10);
    System.out.printf("chained 10 s window, seed %d: omnipaxos %d ops %d leader changes; multipaxos %d ops %d leader changes%n",
        seed, omni.operations(), omni.leaderChanges(), mp.operations(), mp.leaderChanges());
    assertTrue(mp.operations() < omni.operations(), "Multi-Paxos " + mp + " vs OmniPaxos " + omni);
    assertTrue(mp.leaderChanges() > omni.leaderChanges(), "Multi-Paxos " + mp + " vs OmniPaxos " + omni);
  }
}
