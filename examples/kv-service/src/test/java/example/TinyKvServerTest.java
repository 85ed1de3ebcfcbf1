package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.junit.SimulationRun;
import dev.omnisim.scenarios.junit.SimulationTest;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@link TinyKvServer} on omnisim's reference OmniPaxos and Clerk, through scenarios of omnisim's
 * catalog: each {@code @SimulationTest} method runs once per seed, and every run is checked after every
 * step (agreement, replica equality, progress, …) and at its end for linearizability. A failing seed
 * prints its replay command ({@code ./mvnw test -Dtest=...#method -Domnisim.seed=N}) and the folder with
 * its evidence ({@code target/omnisim-evidence/}).
 */
class TinyKvServerTest {
  /** omnisim's reference consensus and Clerk, with this project's server. */
  static final Implementation TINY = Implementation.REFERENCE.named("tiny-kv")
      .withServer((peer, snapshotEveryEntries) -> new TinyKvServer(peer));
  static final ScenarioRunner RUNNER = ScenarioRunner.reference().withImplementation(TINY);
  private static final Catalog CATALOG = new Catalog();

  @SimulationTest(count = 3)
  void survivesTheLabsUnreliableNetwork(SimulationRun run) {
    run.assertPassed(RUNNER.run(CATALOG.require("unreliable"), run.seed()));
  }

  @SimulationTest(seeds = {1, 2})
  void keepsEveryValueWhenServersCrashAndRestart(SimulationRun run) {
    run.assertPassed(RUNNER.run(CATALOG.require("persist-many"), run.seed()));
  }

  @SimulationTest(seeds = 1)
  void staysLinearizableWhenTheLeaderIsCutOff(SimulationRun run) {
    run.assertPassed(RUNNER.run(CATALOG.require("fig5b-many"), run.seed()));
  }

  /**
   * The checks are not for show: the same server without its duplicate table runs retries twice, and
   * is caught within the first few seeds of the lab's unreliable scenario (which seed first loses a
   * reply depends on the protocol's timing, so the test does not pin one).
   */
  @Test
  void withoutDuplicateDetectionTheSameScenarioFails() {
    ScenarioRunner broken = RUNNER.withImplementation(
        TINY.withServer((peer, snapshotEveryEntries) -> new TinyKvServer(peer, false)));
    long caughtAt = LongStream.rangeClosed(1, 10)
        .filter(seed -> !broken.run(CATALOG.require("unreliable"), seed).passed())
        .findFirst().orElse(-1);
    assertTrue(caughtAt > 0, "a server that executes retries twice passed unreliable with seeds 1..10");
    assertTrue(RUNNER.run(CATALOG.require("unreliable"), caughtAt).passed(),
        "the server with its duplicate table fails the seed that caught the broken one: " + caughtAt);
  }
}
