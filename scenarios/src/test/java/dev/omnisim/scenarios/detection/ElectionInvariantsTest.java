package dev.omnisim.scenarios.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.check.Failure;
import dev.omnisim.scenarios.check.Invariants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The election invariants, proven on the election bugs of the detection set (source-level mutants of
 * the real Ballot Leader Election): each is named by the invariant made for it on a run that the
 * reference passes. Before these invariants all three escaped 854 runs each.
 */
class ElectionInvariantsTest {

  @ParameterizedTest(name = "{0} on {1} seed {2}")
  @CsvSource({
    "TAKEOVER_WITHOUT_QUORUM_CONNECTIVITY, one-partition, 1, " + Invariants.QUORUM_CONNECTED_TAKEOVER,
    "LEADER_NEVER_GIVES_UP,                fig5a-one,     1, " + Invariants.STABLE_LEADER,
  })
  void theElectionInvariantNamesTheBug(BrokenVariant variant, String scenario, long seed, String invariant)
      throws Exception {
    Catalog catalog = new Catalog();
    try (MutantCompiler compiler = new MutantCompiler()) {
      ScenarioResult broken = ScenarioRunner.reference().withImplementation(variant.implementation(compiler))
          .run(catalog.require(scenario), seed);
      Failure.InvariantBroken f = assertInstanceOf(Failure.InvariantBroken.class, broken.failure(),
          () -> String.valueOf(broken.failure()));
      assertEquals(invariant, f.invariant(), f::describe);
    }
    assertNull(ScenarioRunner.reference().run(catalog.require(scenario), seed).failure(),
        "the reference passes the same run");
  }
}
