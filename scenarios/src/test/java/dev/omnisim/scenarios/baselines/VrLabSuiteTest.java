package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lab suite's scenarios without partial connectivity (basic, unreliable, persist) pass on
 * Viewstamped Replication, with the harness's invariants checked after every step and the
 * history checked for linearizability.
 */
class VrLabSuiteTest {

  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({
    "basic-one, 1", "basic-one, 2", "basic-many, 1", "basic-many, 2",
    "unreliable, 1", "unreliable, 2", "unreliable, 3", "unreliable, 4",
    "persist-one, 1", "persist-one, 2", "persist-many, 1", "persist-many, 2",
  })
  void passes(String name, long seed) {
    ScenarioResult r = MultiPaxosFigure5Test.runner("vr").run(new Catalog().require(name), seed);
    assertNull(r.failure(), () -> name + " seed " + seed + ": " + r.failure().describe());
  }

  /** Determinism: the same scenario and seed give the same run, event for event. */
  @Test
  void sameSeedSameFingerprint() {
    var scenario = new Catalog().require("persist-one");
    ScenarioResult first = MultiPaxosFigure5Test.runner("vr").run(scenario, 7);
    ScenarioResult second = MultiPaxosFigure5Test.runner("vr").run(scenario, 7);
    assertEquals(first.fingerprint(), second.fingerprint());
  }
}
