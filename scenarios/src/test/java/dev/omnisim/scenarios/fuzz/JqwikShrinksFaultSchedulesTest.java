package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.scenarios.check.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * jqwik finds a consensus bug from generated fault schedules and shrinks the failure to a minimal
 * schedule: the failing property {@link FaultScheduleShrinkFixture} is run through the JUnit
 * Platform's engine test kit, and its one failure, the shrunk sample jqwik reports, is checked: a
 * handful of actions at most, failing the broken variant, passing the reference.
 */
class JqwikShrinksFaultSchedulesTest {
  /** Most actions of the shrunk sample (a crash is all it takes: the server forgets what it acknowledged). */
  private static final int MAX_SHRUNK = 2;

  @Test
  void jqwikShrinksAFailingScheduleOfAServerThatNeverSyncs() {
    FaultScheduleShrinkFixture.FAILING.clear();
    EngineExecutionResults results;
    FaultScheduleShrinkFixture.armed = true;
    try {
      results = EngineTestKit.engine("jqwik").selectors(selectClass(FaultScheduleShrinkFixture.class)).execute();
    } finally {
      FaultScheduleShrinkFixture.armed = false;
    }

    List<Event> failed = results.testEvents().failed().list();
    assertEquals(1, failed.size(), "the fixture property should fail once: " + results.testEvents().list());
    Throwable thrown = failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();

    List<List<TimedFault>> failing = FaultScheduleShrinkFixture.FAILING;
    assertFalse(failing.isEmpty());
    List<TimedFault> original = failing.get(0);
    List<TimedFault> shrunk = failing.get(failing.size() - 1);
    System.out.printf("jqwik shrank %d actions to %d (%d failing tries): %s%n", original.size(), shrunk.size(),
        failing.size(), shrunk);
    // What jqwik reports as the failure is the shrunk sample's (its report, "Shrunk Sample (n steps)",
    // goes to standard output, not to the platform's report entries).
    assertTrue(thrown.getMessage().contains(shrunk.size() + " actions: " + shrunk), thrown.getMessage());
    assertTrue(shrunk.size() <= MAX_SHRUNK, "jqwik shrank to " + shrunk.size() + " actions: " + shrunk);
    assertTrue(shrunk.size() <= original.size());

    // The shrunk sample is a real, replayable counterexample against the bug only.
    ScenarioResult broken = FaultScheduleProperties.run(BrokenConsensus.ACKNOWLEDGING_BEFORE_SYNC.runner(), shrunk);
    assertNotNull(broken.failure());
    assertTrue(FaultScheduleShrinkFixture.counts(broken.failure()), String.valueOf(broken.failure()));
    assertNull(FaultScheduleProperties.run(ScenarioRunner.reference(), shrunk).failure());
  }
}
