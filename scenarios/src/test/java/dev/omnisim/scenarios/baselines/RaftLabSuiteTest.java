package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raft and Raft PV+CQ under the reference key-value server and Clerk pass the lab's scenarios that have no
 * partial connectivity, with the simulator's safety invariants checked after every step and the client
 * history checked for linearizability.
 */
class RaftLabSuiteTest {
  private static final Catalog CATALOG = new Catalog();

  @ParameterizedTest(name = "{0} passes {1}")
  @CsvSource({
      "raft, basic-one", "raft, basic-many", "raft, unreliable", "raft, persist-one", "raft, persist-many",
      "raft-pvcq, basic-one", "raft-pvcq, basic-many", "raft-pvcq, unreliable", "raft-pvcq, persist-one",
      "raft-pvcq, persist-many"})
  void passes(String protocol, String scenario) {
    ScenarioRunner runner = new ScenarioRunner(Protocols.byName(protocol).orElseThrow(), false, Duration.ofSeconds(30));
    ScenarioResult r = runner.run(CATALOG.require(scenario), 1);
    assertTrue(r.passed(), () -> protocol + " " + scenario + ": " + r.failure().describe() + "; replay: "
        + r.replayCommand() + " --protocol " + protocol);
  }
}
