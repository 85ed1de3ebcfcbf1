package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.NetworkPreset;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;

/** The lab's network modes: progress and a stable leader despite loss, delay and reordering. */
class UnreliableNetworkTest {

  @ParameterizedTest
  @EnumSource(value = NetworkPreset.class, names = {"UNRELIABLE", "LONG_REORDERING"})
  @DisplayName("50 commands commit under the lab's network modes, with few leader changes")
  void progressUnderFaults(NetworkPreset preset) {
    Cluster c = new Cluster(5, 51);
    c.sim.network().apply(preset);
    c.checkOneLeader();
    TreeSet<Ballot> ballots = new TreeSet<>();
    long t0 = c.sim.now();
    for (int i = 0; i < 50; i++) {
      c.one(preset + "-" + i, 5, true);
      ballots.add(c.leaderBallotOf(c.awaitLeader(5 * SECONDS)));
    }
    for (int k = 0; k < 100; k++) {
      c.runFor(100 * MILLIS);
      ballots.add(c.leaderBallotOf(c.awaitLeader(5 * SECONDS)));
    }
    long seconds = (c.sim.now() - t0) / SECONDS;
    System.out.printf("%s: %d leader ballots in %d s%n", preset, ballots.size(), seconds);
    if (preset == NetworkPreset.UNRELIABLE) {
      // Under long reordering (2/3 of messages 0.2-2.2 s late) leaders change often; we ask progress only.
      assertTrue(ballots.size() <= 1 + seconds / 5, "leader churn: " + ballots);
    }
  }
}
