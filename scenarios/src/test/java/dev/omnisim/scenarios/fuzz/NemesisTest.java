package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The nemesis is a pure function of the seed, and over many seeds it uses the whole fault model. */
class NemesisTest {
  private static final FuzzConfig FUZZ = FuzzScenarios.config("fuzz").orElseThrow();

  @Test
  void theSameSeedGivesTheSameScheduleAndOtherSeedsOtherOnes() {
    assertEquals(Nemesis.generate(FUZZ, 7), Nemesis.generate(FUZZ, 7));
    assertNotEquals(Nemesis.generate(FUZZ, 7), Nemesis.generate(FUZZ, 8));
  }

  @Test
  void overAHundredSeedsEveryKindOfFaultAppears() {
    TreeSet<String> kinds = new TreeSet<>();
    for (long seed = 1; seed <= 100; seed++) {
      for (FaultAction a : Nemesis.generate(FUZZ, seed).actions()) {
        kinds.add(a.getClass().getSimpleName());
      }
    }
    TreeSet<String> all = new TreeSet<>();
    for (Class<?> c : FaultAction.class.getPermittedSubclasses()) {
      all.add(c.getSimpleName());
    }
    assertEquals(all, kinds, "fault kinds the nemesis never generates");
  }

  @Test
  void everyScheduleIsValidForItsScenarioAndEndsInAHealedNetworkWithServersRestarted() {
    for (FuzzConfig config : FuzzScenarios.CONFIGS) {
      for (long seed = 1; seed <= 50; seed++) {
        FaultSchedule s = Nemesis.generate(config, seed);
        s.validate(config.servers(), config.faultWindowMicros(), config.name() + " seed " + seed);
        assertTrue(s.size() > 0, "seed " + seed + " injects no fault");
        assertEquals(config.name(), s.scenario());
        assertEquals(seed, s.seed());
      }
    }
  }
}
