package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.baselines.raft.Raft;
import dev.omnisim.baselines.raft.RaftOptions;
import dev.omnisim.consensus.MemoryByteStore;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.check.Failure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
 * history checked for linearizability. The same run twice gives the same fingerprint, and a Raft that loses
 * its disk at every crash fails the persist scenario on the harness's invariants.
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

  @Test
  @DisplayName("the same seed gives the same run, fingerprint for fingerprint")
  void deterministic() {
    ScenarioRunner runner = new ScenarioRunner(Protocols.byName("raft").orElseThrow(), false, Duration.ofSeconds(30));
    ScenarioResult first = runner.run(CATALOG.require("persist-many"), 7);
    ScenarioResult second = runner.run(CATALOG.require("persist-many"), 7);
    assertEquals(first.fingerprint(), second.fingerprint());
  }

  @Test
  @DisplayName("a Raft whose state does not survive a crash is caught by the harness's invariants")
  void forgetfulRaftIsCaught() {
    Implementation forgetful = Protocols.byName("raft").orElseThrow()
        .withConsensus(setup -> new Raft<>(setup.withStore(new MemoryByteStore()), RaftOptions.PLAIN))
        .named("raft-forgets-its-disk");
    ScenarioResult r = new ScenarioRunner(forgetful, false, Duration.ofSeconds(30)).run(CATALOG.require("persist-one"), 1);
    assertFalse(r.passed(), "a Raft that forgets its state at a crash must fail persist-one");
    Failure.InvariantBroken broken = assertInstanceOf(Failure.InvariantBroken.class, r.failure(), r.failure().describe());
    assertTrue(broken.invariant().equals("decided prefix immutable") || broken.invariant().equals("promise survives a restart"),
        broken.describe());
  }
}
