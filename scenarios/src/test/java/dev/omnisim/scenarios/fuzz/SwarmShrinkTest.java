package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * Swarm fuzzing finds a planted bug, and shrinking its schedule keeps the configuration the seed
 * drew: the shrunk file, saved and loaded, replays the failure on its own.
 */
class SwarmShrinkTest {
  private static final int MAX_SEEDS = 20;

  @Test
  void aSwarmFailureShrinksUnderTheConfigurationItsSeedDrew() {
    ScenarioRunner broken = BrokenConsensus.DECIDING_WITHOUT_A_MAJORITY.runner();
    FaultSchedule failing = null;
    long seed = 0;
    for (long s = 1; s <= MAX_SEEDS && failing == null; s++) {
      FaultSchedule candidate = Nemesis.generate(Swarm.draw(s), s);
      if (broken.run(FuzzScenarios.withSchedule(candidate), s).failure() != null) {
        failing = candidate;
        seed = s;
      }
    }
    assertNotNull(failing, "swarm seeds 1.." + MAX_SEEDS + " missed a leader that decides without a majority");

    Shrinker.Outcome shrunk = new Shrinker(seed, broken, 8, () -> true).shrink(failing);
    assertEquals(Swarm.draw(seed), shrunk.schedule().config(), "shrinking must keep the drawn configuration");
    assertTrue(shrunk.schedule().size() <= failing.size());

    FaultSchedule loaded = FaultSchedule.fromJson(shrunk.schedule().toJson(), "shrunk swarm schedule");
    ScenarioResult replayed = broken.run(FuzzScenarios.withSchedule(loaded), seed);
    assertNotNull(replayed.failure(), "the shrunk schedule, loaded alone, must still fail");
    assertEquals(shrunk.failure().kind(), replayed.failure().kind());
  }
}
