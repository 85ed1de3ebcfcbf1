package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.fuzz.Nemesis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fuzz campaign without partial connectivity on Viewstamped Replication: the fixed fuzz
 * scenarios' nemesis schedules (crashes, restarts, partitions, network changes, then heal and demand
 * progress), seeds 1..N, every one must pass (invariants, linearizability, progress after the heal).
 * N is 6 in CI; {@code -Dbaselines.fuzzSeeds=100} runs the campaign the README reports.
 */
class VrFuzzTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fuzz", "fuzz-3", "fuzz-7"})
  void everySeedPasses(String name) {
    int seeds = Integer.getInteger("baselines.fuzzSeeds", 6);
    var config = FuzzScenarios.config(name).orElseThrow();
    var runner = MultiPaxosFigure5Test.runner("vr");
    List<String> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (long seed = 1; seed <= seeds; seed++) {
      ScenarioResult r = runner.run(FuzzScenarios.withSchedule(Nemesis.generate(config, seed)), seed);
      if (r.failure() != null) {
        failures.add("seed " + seed + ": " + r.failure().describe());
      }
    }
    System.out.printf("vr %s: %d seeds, %d failed, %.1f s wall%n", name, seeds, failures.size(),
        (System.nanoTime() - t0) / 1e9);
    assertEquals(List.of(), failures);
  }
}
