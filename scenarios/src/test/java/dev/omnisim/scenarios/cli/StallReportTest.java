package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.compare.FixedLeader;
import org.junit.jupiter.api.Test;

/**
 * A protocol that stalls in a Fig 5 scenario fails it with a message that names the stall, and the
 * line that {@code run} and {@code suite} print under it says whether leaders kept changing (a
 * livelock) or not (a deadlock), with the last changes.
 */
class StallReportTest {

  private static String[] failAndDescribe(Implementation implementation) {
    ScenarioRunner runner = ScenarioRunner.reference().withImplementation(implementation);
    ScenarioResult result = runner.run(new Catalog().require("fig5a-one"), 1);
    assertFalse(result.passed(), "a protocol that cannot hand leadership over fails quorum loss");
    return new String[] {result.failure().describe(), StallReport.describe(runner, result)};
  }

  @Test
  void aLeaderThatNeverHandsOverIsReportedAsADeadlock() {
    String[] text = failAndDescribe(FixedLeader.neverReelects());
    assertTrue(text[0].contains("only server") && text[0].contains("quorum-connected"), text[0]);
    assertTrue(text[1].contains("no leader change since the last network change") && text[1].contains("deadlock"), text[1]);
    assertTrue(text[1].startsWith("1 leader change in the run"), "server 0 led from the start: " + text[1]);
  }

  @Test
  void followersThatKeepClaimingLeadershipAreReportedAsALivelock() {
    String[] text = failAndDescribe(FixedLeader.restless());
    assertTrue(text[1].contains("a livelock, leaders keep changing") && text[1].contains("; last: server "), text[1]);
    assertFalse(text[1].contains("deadlock"), text[1]);
  }

  /**
   * VR in quorum loss with many clients, seed 1: the cut comes before the first primary reports leading,
   * so one leader change follows it and then nothing for the rest of the 2 s. Named a deadlock (the line
   * named no stall when one or two changes followed the cut).
   */
  @Test
  void oneChangeAfterTheCutAndThenNoneIsADeadlock() {
    ScenarioRunner runner = ScenarioRunner.reference().withImplementation(Protocols.byName("vr").orElseThrow());
    ScenarioResult result = runner.run(new Catalog().require("fig5a-many"), 1);
    assertFalse(result.passed(), "VR deadlocks in quorum loss (the paper's Table 1)");
    String text = StallReport.describe(runner, result);
    assertTrue(text.contains("1 leader change since the last network change") && text.contains(", then none for ")
        && text.endsWith(": a deadlock; last: server 0 leading in term 0 at t=0.010000s"), text);
  }

  @Test
  void omniPaxosPassesTheSameScenario() {
    assertTrue(ScenarioRunner.reference().run(new Catalog().require("fig5a-one"), 1).passed());
  }
}
