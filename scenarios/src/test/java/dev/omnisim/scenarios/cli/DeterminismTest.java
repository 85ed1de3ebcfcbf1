package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.NetworkPreset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** --check-determinism names the first event where two runs of one seed part. */
class DeterminismTest {

  @Test
  void aScenarioThatActsDifferentlyOnItsSecondRunIsReportedWithTheFirstDivergentEvent() {
    AtomicInteger runs = new AtomicInteger(); // state outside the simulation: what breaks determinism
    Scenario flaky = new Scenario("flaky", "Flaky", "waits longer on every run", 3, NetworkPreset.RELIABLE, 0,
        (cluster, random) -> {
          cluster.runFor(100_000);
          cluster.sim().schedule(runs.incrementAndGet() * 1_000, "a step that depends on the run count", () -> { });
          cluster.runFor(100_000);
        });
    String report = Determinism.describe(ScenarioRunner.reference(), flaky, 7);
    assertTrue(report != null && report.startsWith("nondeterministic: fingerprints"), report);
    assertTrue(report.contains("runs diverge at event #"), report);
    assertTrue(report.contains("a step that depends on the run count") || report.contains("t=0.10"),
        "the divergent events are named: " + report);
  }

  @Test
  void aDeterministicScenarioIsReportedAsAgreeing() {
    Scenario steady = new Scenario("steady", "Steady", "always the same", 3, NetworkPreset.RELIABLE, 0,
        (cluster, random) -> cluster.runFor(200_000));
    String report = Determinism.describe(ScenarioRunner.reference(), steady, 7);
    assertTrue(report.startsWith("nondeterministic: fingerprints differed once, but two recorded replays agree"),
        "describe is only asked after a mismatch; two agreeing replays say so: " + report);
  }
}
