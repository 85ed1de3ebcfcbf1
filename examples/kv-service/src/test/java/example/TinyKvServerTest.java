package example;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.junit.SimulationRun;
import dev.omnisim.scenarios.junit.SimulationTest;
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

  /** The checks are not for show: the same server without its duplicate table runs retries twice, and is caught. */
  @Test
  void withoutDuplicateDetectionTheSameScenarioFails() {
    ScenarioRunner broken = RUNNER.withImplementation(
        TINY.withServer((peer, snapshotEveryEntries) -> new TinyKvServer(peer, false)));
    ScenarioResult result = broken.run(CATALOG.require("unreliable"), 1);
    assertFalse(result.passed(), "a server that executes retries twice passed unreliable with seed 1");
  }
}
