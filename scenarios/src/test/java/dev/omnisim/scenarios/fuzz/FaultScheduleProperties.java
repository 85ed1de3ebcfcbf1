package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reference survives fault schedules that jqwik generates (next to {@link Nemesis}'s, which are
 * tested by the fuzz command): any mix of crashes, restarts, partitions, chains, stars, one-way
 * cuts, clogs and loss bursts in the window of {@code fuzz-3}, then the heal and the demand for
 * progress. A failure here would be shrunk by jqwik to a minimal schedule; see
 * {@link JqwikShrinksFaultSchedulesTest} for that on a broken variant.
 */
class FaultScheduleProperties {
  static final FuzzConfig FUZZ_3 = FuzzScenarios.config("fuzz-3").orElseThrow();
  /** The workload's seed: fixed, so only the schedule varies between tries. */
  static final long WORKLOAD_SEED = 7;

  @Property(tries = 30, seed = "20251125")
  void theReferencePassesEveryGeneratedSchedule(@ForAll("fuzz3Schedules") List<TimedFault> actions) {
    ScenarioResult result = run(ScenarioRunner.reference(), actions);
    assertNull(result.failure(), () -> "the reference fails schedule " + actions + ": " + result.failure());
  }

  @Provide
  Arbitrary<List<TimedFault>> fuzz3Schedules() {
    return FaultScheduleArbitraries.schedules(FUZZ_3, 12);
  }

  static ScenarioResult run(ScenarioRunner runner, List<TimedFault> actions) {
    FaultSchedule schedule = new FaultSchedule(FUZZ_3, WORKLOAD_SEED, actions);
    return runner.run(FuzzScenarios.withSchedule(schedule), WORKLOAD_SEED);
  }
}
