package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.fuzz.FaultSchedule;
import dev.omnisim.scenarios.fuzz.FaultScheduleArbitraries;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.sim.fault.TimedFault;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A jqwik property over fault schedules: whatever crashes, restarts, partitions, one-way cuts, clogs
 * and loss bursts omnisim's generators draw in the fault window of {@code fuzz-3} (3 servers, 3
 * clients), {@link TinyKvServer} keeps the history linearizable and serves every client after the
 * heal. Should it fail, jqwik shrinks the schedule to a minimal one and prints it; omnisim's
 * {@code ./omnisim run --schedule FILE --seed 7} replays a schedule saved with {@link FaultSchedule#save}.
 */
class FaultSchedulePropertyTest {
  static final FuzzConfig FUZZ_3 = FuzzScenarios.config("fuzz-3").orElseThrow();
  /** The clients' workload is drawn from this seed: fixed, so only the schedule varies between tries. */
  static final long WORKLOAD_SEED = 7;

  // A fixed jqwik seed keeps the build reproducible; drop it to explore new schedules on every run.
  @Property(tries = 10, seed = "20261202")
  void survivesEveryGeneratedFaultSchedule(@ForAll("schedules") List<TimedFault> actions) {
    FaultSchedule schedule = new FaultSchedule(FUZZ_3, WORKLOAD_SEED, actions);
    ScenarioResult result = TinyKvServerTest.RUNNER.run(FuzzScenarios.withSchedule(schedule), WORKLOAD_SEED);
    assertTrue(result.passed(), () -> "fails the schedule " + schedule.toJson() + "\n" + result.failure());
  }

  @Provide
  Arbitrary<List<TimedFault>> schedules() {
    return FaultScheduleArbitraries.schedules(FUZZ_3, 10);
  }
}
