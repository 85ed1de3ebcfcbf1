package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schedule files written before the fault vocabulary changed (time inside each action, no format
 * number, no configuration) still load and replay with the fingerprints they had then. The files
 * were written by the nemesis of main at commit 69ab098 and replayed there with {@code ./omnisim run
 * --schedule FILE}; fuzz-partial seed 11 holds every one of the 13 action kinds of that time.
 * A fingerprint is a function of the code too: a later change to the kernel or to OmniPaxos that
 * alters a run changes it, and then the value here is re-recorded with that change, not before.
 */
class OldScheduleFilesReplayTest {

  @ParameterizedTest
  @CsvSource({
    // re-recorded after Ballot Leader Election began to announce new promises at once and to probe
    // while not quorum-connected, which changed the runs (before: f6936f9fa3561c46 and
    // aec0146871520494, after refusals began to name the leader; 56ed739431b5c66d and
    // 5cfacfcf6b5a0594 before that, after followers began to hold accept batches that overtook an
    // earlier one; b49ce202e1e29a5b and 6c05555b4baece56 before that)
    "old-format-fuzz-partial-seed11.json, fuzz-partial, 11, 54, a641e49414ecd2d1",
    "old-format-fuzz-seed11.json,         fuzz,         11, 54, 92d221ebeb9b3201",
  })
  void anOldFileReplaysWithItsOldFingerprint(String file, String scenario, long seed, int actions, String fingerprint)
      throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream(file)) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(!json.contains("\"format\"") && !json.contains("\"config\""), "the file is in the old format");
    FaultSchedule schedule = FaultSchedule.fromJson(json, file);
    assertEquals(scenario, schedule.scenario());
    assertEquals(FuzzScenarios.config(scenario).orElseThrow(), schedule.config());
    assertEquals(actions, schedule.size());
    ScenarioResult result = ScenarioRunner.reference().run(FuzzScenarios.withSchedule(schedule), seed);
    assertNull(result.failure());
    assertEquals(fingerprint, result.fingerprint(), "the old file no longer replays the run it recorded");

    // Written again in the new format, it is the same schedule and the same run.
    FaultSchedule rewritten = FaultSchedule.fromJson(schedule.toJson(), file + " rewritten");
    assertEquals(schedule, rewritten);
  }
}
