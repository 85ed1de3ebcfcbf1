package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Swarm testing draws every dimension of the configuration from the seed, over its whole range, and a
 * seed's run is exactly the configuration it drew: through the catalog, through its saved schedule,
 * and after a JSON round trip.
 */
class SwarmTest {
  private static final int SEEDS = 400;

  @Test
  void theSameSeedDrawsTheSameConfigurationAndOtherSeedsOtherOnes() {
    assertEquals(Swarm.draw(5), Swarm.draw(5));
    assertNotEquals(Swarm.draw(5), Swarm.draw(6));
  }

  @Test
  void overManySeedsEveryDimensionTakesItsExtremesAndEveryFaultKindIsBothOnAndOff() {
    TreeSet<Integer> servers = new TreeSet<>();
    TreeSet<Integer> clients = new TreeSet<>();
    TreeSet<Integer> keys = new TreeSet<>();
    TreeSet<Long> think = new TreeSet<>();
    TreeSet<Integer> election = new TreeSet<>();
    TreeSet<Integer> batch = new TreeSet<>();
    TreeSet<Long> snapshot = new TreeSet<>();
    TreeSet<Boolean> lossy = new TreeSet<>();
    TreeSet<Boolean> jitter = new TreeSet<>();
    TreeSet<Boolean> partial = new TreeSet<>();
    TreeSet<String> disks = new TreeSet<>();
    int[] on = new int[FaultKind.values().length];
    for (long seed = 1; seed <= SEEDS; seed++) {
      FuzzConfig c = Swarm.draw(seed);
      servers.add(c.servers());
      clients.add(c.clients());
      keys.add(c.keys());
      think.add(c.thinkMaxMicros());
      election.add(c.timings().consensus().electionTimeoutTicks());
      batch.add(c.timings().consensus().maxBatchSize());
      snapshot.add(c.timings().snapshotEveryEntries());
      lossy.add(c.network().dropProbability() > 0);
      jitter.add(c.network().latencyMaxMicros() - c.network().latencyMinMicros() > 5_000);
      partial.add(c.partialConnectivityPhase());
      disks.add(c.diskMode().name());
      for (FaultKind k : FaultKind.values()) {
        on[k.ordinal()] += c.faults().weight(k) > 0 ? 1 : 0;
      }
      assertTrue(c.keys() * 2 >= c.clients(), "seed " + seed + ": fewer keys than half the clients: " + c);
      assertTrue(c.timings().consensus().resendTimeoutTicks() <= c.timings().consensus().electionTimeoutTicks());
      assertTrue(c.timings().electionTimeoutMicros() >= 4 * c.network().latencyMaxMicros(),
          "seed " + seed + ": a heartbeat round shorter than two round trips: " + c);
    }
    assertEquals(Swarm.SERVERS_MIN, servers.first());
    assertEquals(Swarm.SERVERS_MAX, servers.last());
    assertEquals(7, servers.size(), "every cluster size 3..9");
    assertEquals(1, clients.first());
    assertEquals(Swarm.CLIENTS_MAX, clients.last());
    assertEquals(1, keys.first());
    assertEquals(Swarm.KEYS_MAX, keys.last());
    assertEquals(5, think.size(), "every think time");
    assertEquals(Swarm.ELECTION_TICKS_MIN, election.first());
    assertEquals(Swarm.ELECTION_TICKS_MAX, election.last());
    assertEquals(1, batch.first());
    assertEquals(256, batch.last());
    assertTrue(snapshot.contains(0L) && snapshot.contains(1L) && snapshot.contains(500L),
        "snapshots from every entry to never: " + snapshot);
    assertEquals(2, lossy.size(), "lossy and loss-free networks");
    assertEquals(2, jitter.size(), "networks with and without much jitter");
    assertEquals(2, partial.size(), "with and without a partial-connectivity phase");
    assertEquals(new TreeSet<>(java.util.List.of("LOSSY", "PARTIAL", "TORN")), disks, "every lossy disk mode");
    for (FaultKind k : FaultKind.values()) {
      int share = on[k.ordinal()];
      assertTrue(share > SEEDS * 0.45 && share < SEEDS * 0.75, k + " on in " + share + " of " + SEEDS + " seeds");
    }
  }

  @Test
  void mostSwarmNetworksHaveJitterAndLoss() {
    int lossy = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      NetworkConditions n = Swarm.draw(seed).network();
      lossy += n.dropProbability() > 0 && n.latencyMaxMicros() > n.latencyMinMicros() ? 1 : 0;
    }
    assertTrue(lossy >= SEEDS * 0.8, "only " + lossy + " of " + SEEDS + " swarm networks had jitter and loss");
  }

  @Test
  void theCatalogsSwarmRunsTheClusterItsSeedDrewAndItsSavedScheduleReplaysIt() {
    long seed = 3;
    FuzzConfig drawn = Swarm.draw(seed);
    Scenario forSeed = new Catalog().require(FuzzScenarios.SWARM).forSeed(seed);
    assertEquals(drawn.servers(), forSeed.servers());
    assertEquals(drawn.timings(), forSeed.timings());

    ScenarioRunner runner = ScenarioRunner.reference();
    ScenarioResult viaCatalog = runner.run(new Catalog().require(FuzzScenarios.SWARM), seed);
    assertNull(viaCatalog.failure());
    assertEquals(drawn.servers(), viaCatalog.scenario().servers());
    FaultSchedule saved = FaultSchedule.fromJson(Nemesis.generate(drawn, seed).toJson(), "saved");
    ScenarioResult replayed = runner.run(FuzzScenarios.withSchedule(saved), seed);
    assertEquals(viaCatalog.fingerprint(), replayed.fingerprint(), "the saved schedule and configuration replay the seed");
  }
}
