package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.SimLog;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The lab's graded suite: Basic, Unreliable, the paper's figure 5 scenarios (quorum loss,
 * constrained election, chained) and Persist, with the lab's op counts. A Fig 5 iteration: find the
 * leader (leader1), pick S, another server, at random; cut the network into the figure's shape; after
 * 2 s run the workload; heal; after 2 s run it again. The "one client" variants also run a phase
 * before the cut.
 */
final class LabScenarios {
  static final long SECOND = 1_000_000;
  static final int ITERATIONS = 3;

  private LabScenarios() {}

  static List<Scenario> all() {
    return List.of(
        new Scenario("basic-one", "Basic One Client", "3 servers, 1 client, 3 x 50 rounds of the lab workload",
            3, NetworkPreset.RELIABLE, 306, (c, r) -> basic(c, r, 1, 50)),
        new Scenario("basic-many", "Basic Many Clients", "3 servers, 3 concurrent clients, 3 x 50 rounds",
            3, NetworkPreset.RELIABLE, 918, (c, r) -> basic(c, r, 3, 50)),
        new Scenario("unreliable", "Unreliable", "3 servers on labrpc's unreliable network: 5 x {Put, Append}, then checked",
            3, NetworkPreset.UNRELIABLE, 15, LabScenarios::unreliable),
        new Scenario("fig5a-one", "Basic Fig 5A One Client",
            "quorum loss (5 servers): every server link cut, then a star on S; 1 client before, during, after",
            5, NetworkPreset.RELIABLE, 918, (c, r) -> figure5(c, r, Shape.QUORUM_LOSS, 1, 50, 50)),
        new Scenario("fig5a-many", "Basic Fig 5A Many Clients", "quorum loss with 3 clients during and after the cut",
            5, NetworkPreset.RELIABLE, 216, (c, r) -> figure5(c, r, Shape.QUORUM_LOSS, 3, 0, 5)),
        new Scenario("fig5b-one", "Basic Fig 5B One Client",
            "constrained election (5 servers): leader isolated, S (lagging) linked to the other three; 1 client",
            5, NetworkPreset.RELIABLE, 678, (c, r) -> figure5(c, r, Shape.CONSTRAINED_ELECTION, 1, 10, 50)),
        new Scenario("fig5b-many", "Basic Fig 5B Many Clients", "constrained election with 3 clients during and after",
            5, NetworkPreset.RELIABLE, 216, (c, r) -> figure5(c, r, Shape.CONSTRAINED_ELECTION, 3, 0, 5)),
        new Scenario("fig5c-one", "Basic Fig 5C One Client",
            "chained (3 servers): only the S-leader link cut, the third server bridges; 1 client",
            3, NetworkPreset.RELIABLE, 678, (c, r) -> figure5(c, r, Shape.CHAINED, 1, 10, 50)),
        new Scenario("fig5c-many", "Basic Fig 5C Many Clients", "chained with 3 clients during and after the cut",
            3, NetworkPreset.RELIABLE, 216, (c, r) -> figure5(c, r, Shape.CHAINED, 3, 0, 5)),
        new Scenario("persist-one", "Persist One Client",
            "5 servers, 1 client: servers 0 and 1 crash after the workload and restart 1 s later, workload again",
            5, NetworkPreset.RELIABLE, 192, (c, r) -> persist(c, r, 1, 15)),
        new Scenario("persist-many", "Persist Many Clients", "as persist-one with 3 concurrent clients",
            5, NetworkPreset.RELIABLE, 576, (c, r) -> persist(c, r, 3, 15)));
  }

  static void basic(KvCluster cluster, DeterministicRandom random, int clients, int rounds) {
    KvClerk checker = cluster.makeClerk();
    for (int i = 0; i < ITERATIONS; i++) {
      LabWorkload.phase(cluster, checker, clients, rounds, random);
    }
  }

  static void unreliable(KvCluster cluster, DeterministicRandom random) {
    KvClerk clerk = cluster.makeClerk();
    KvClerk checker = cluster.makeClerk();
    for (int i = 0; i < 5; i++) {
      String key = "k" + i;
      String arg = "a" + i;
      boolean[] done = new boolean[1];
      clerk.put(key, "p" + i, () -> clerk.append(key, arg, () -> done[0] = true));
      await(cluster, () -> done[0], "Put and Append of " + key);
    }
    for (int i = 0; i < 5; i++) {
      String key = "k" + i;
      String[] read = new String[1];
      checker.get(key, v -> read[0] = v);
      await(cluster, () -> read[0] != null, "Get(" + key + ")");
      if (!read[0].equals("p" + i + "a" + i)) {
        throw new ScenarioFailure("get wrong value, key " + key + ", wanted p" + i + "a" + i + ", got " + read[0]);
      }
    }
  }

  /** The shapes of the paper's figure 5, each one action of the fault vocabulary. */
  enum Shape {
    QUORUM_LOSS, CONSTRAINED_ELECTION, CHAINED;

    /** The shape around {@code leader}, with {@code s} the one quorum-connected server (or the cut partner). */
    FaultAction action(int s, int leader) {
      return switch (this) {
        case QUORUM_LOSS -> new FaultAction.QuorumLoss(s);
        case CONSTRAINED_ELECTION -> new FaultAction.ConstrainedElection(leader, s);
        case CHAINED -> new FaultAction.Chained(s, leader);
      };
    }
  }

  static void figure5(KvCluster cluster, DeterministicRandom random, Shape shape, int clients, int roundsBefore,
      int rounds) {
    KvClerk checker = cluster.makeClerk();
    for (int i = 0; i < ITERATIONS; i++) {
      int leader1 = cluster.awaitLeader(10 * SECOND);
      int[] others = IntStream.of(cluster.serverIds()).filter(id -> id != leader1).toArray();
      int s = others[random.nextInt(others.length)];
      if (roundsBefore > 0) {
        if (shape == Shape.CONSTRAINED_ELECTION) {
          cluster.isolateServer(s); // S's log falls behind the others'
        }
        LabWorkload.phase(cluster, checker, clients, roundsBefore, random);
      }
      cluster.heal();
      shape.action(s, leader1).apply(cluster.faultTarget());
      cluster.runFor(2 * SECOND);
      if (shape != Shape.CHAINED) {
        requireLeaderOfConnected(cluster, s, leader1, shape);
      }
      LabWorkload.phase(cluster, checker, clients, rounds, random);
      cluster.heal();
      cluster.runFor(2 * SECOND);
      LabWorkload.phase(cluster, checker, clients, rounds, random);
    }
  }

  /** S leads, and every server but the cut-off old leader follows it (the old one cannot know better). */
  static void requireLeaderOfConnected(KvCluster cluster, int s, int oldLeader, Shape shape) {
    for (int id : cluster.serverIds()) {
      if (id == oldLeader) {
        continue;
      }
      int seen = cluster.leaderSeenBy(id).orElse(-1);
      if (seen != s || (id == s && !cluster.isLeader(s))) {
        throw new ScenarioFailure(shape + ": only server " + s + " is quorum-connected, but after 2 s server " + id
            + " sees " + (seen < 0 ? "no leader" : "server " + seen + " as leader")
            + (id == s ? " (and leads: " + cluster.isLeader(s) + ")" : ""));
      }
    }
  }

  static void persist(KvCluster cluster, DeterministicRandom random, int clients, int rounds) {
    KvClerk checker = cluster.makeClerk();
    for (int i = 0; i < ITERATIONS; i++) {
      LabWorkload.phase(cluster, checker, clients, rounds, random);
      cluster.crash(0);
      cluster.crash(1);
      cluster.runFor(SECOND);
      cluster.restart(0);
      cluster.restart(1);
      LabWorkload.phase(cluster, checker, clients, rounds, random);
    }
  }

  static void await(KvCluster cluster, java.util.function.BooleanSupplier condition, String what) {
    if (!cluster.runUntil(condition, LabWorkload.PHASE_LIMIT_MICROS)) {
      throw new ScenarioFailure("no progress: " + what + " did not complete within "
          + SimLog.formatMicros(LabWorkload.PHASE_LIMIT_MICROS));
    }
  }
}
