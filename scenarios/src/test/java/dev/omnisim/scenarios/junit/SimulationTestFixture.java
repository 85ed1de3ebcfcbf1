package dev.omnisim.scenarios.junit;

import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioRunner;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a library user writes, one passing and one failing method, for {@link SimulationTestExtensionTest}
 * to run through the JUnit Platform. Not a test of the build: its name matches none of Surefire's
 * includes, and unless that test sets the configuration parameter {@value #ARMED}, every method is
 * skipped, so that a run selecting every class does not fail on the failing one.
 */
@ExtendWith(SimulationTestFixture.OnlyWhenArmed.class)
class SimulationTestFixture {
  static final String ARMED = "omnisim.test.fixture.armed";
  private static final Catalog CATALOG = new Catalog();

  /** The reference passes the lab's first scenario on every seed it is given. */
  @SimulationTest(seeds = {1, 2})
  void theReferencePassesBasicOne(SimulationRun run) {
    run.assertPassed(ScenarioRunner.reference().run(CATALOG.require("basic-one"), run.seed()));
  }

  /** A server that answers Gets from its own map, on followers too, reads stale values (caught at seed 1). */
  @SimulationTest(seeds = 1)
  void aServerReadingLocallyPassesFig5cMany(SimulationRun run) {
    run.attach("note.txt", "reads bypass the log on every server");
    run.assertPassed(BrokenServers.READING_LOCALLY_ANYWHERE.runner().run(CATALOG.require("fig5c-many"), run.seed()));
  }

  /** Takes the seed as a plain {@code long}: fails on seed 2 only, without a simulation. */
  @SimulationTest(count = 3)
  void failsOnSeedTwo(long seed) {
    if (seed == 2) {
      throw new IllegalStateException("seed two is unlucky");
    }
  }

  /** Runs the fixture only when the test that inspects it asks for it. */
  static final class OnlyWhenArmed implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ARMED).map(Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("armed") : ConditionEvaluationResult.disabled("a fixture, not a test");
    }
  }
}
