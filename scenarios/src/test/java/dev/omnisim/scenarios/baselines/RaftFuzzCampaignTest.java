package dev.omnisim.scenarios.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.FuzzConfig;
import dev.omnisim.scenarios.fuzz.FuzzScenarios;
import dev.omnisim.scenarios.fuzz.Nemesis;
import dev.omnisim.sim.DiskMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fuzz campaign without partial connectivity ({@link RaftFuzz}) on Raft and Raft PV+CQ: every seed must
 * pass the simulator's invariants, the linearizability check and progress after the heal. CI runs a few
 * seeds; a longer campaign: {@code ./mvnw -B -o test -pl scenarios -am -Dtest=RaftFuzzCampaignTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Draft.fuzz.from=1000 -Draft.fuzz.count=300}.
 */
class RaftFuzzCampaignTest {

  @ParameterizedTest(name = "{0} on {1} disks")
  @CsvSource({"raft, TORN", "raft-pvcq, TORN", "raft, LOSSY", "raft-pvcq, PARTIAL"})
  void everySeedPasses(String protocol, DiskMode disk) {
    long from = Long.getLong("raft.fuzz.from", 1);
    long count = Long.getLong("raft.fuzz.count", 6);
    ScenarioRunner runner = new ScenarioRunner(Protocols.byName(protocol).orElseThrow(), false, Duration.ofSeconds(30));
    FuzzConfig config = RaftFuzz.config(disk);
    List<String> failures = new ArrayList<>();
    for (long seed = from; seed < from + count; seed++) {
      ScenarioResult r = runner.run(FuzzScenarios.withSchedule(Nemesis.generate(config, seed)), seed);
      if (!r.passed()) {
        failures.add("seed " + seed + ": " + r.failure().describe());
      }
    }
    assertEquals(List.of(), failures, protocol + " on " + disk + " disks, seeds " + from + ".." + (from + count - 1));
  }
}
