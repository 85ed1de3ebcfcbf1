package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.DiskMode;
import java.util.EnumMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The nemesis is a pure function of the seed, draws by its mix's weights, and over many seeds uses the whole fault model. */
class NemesisTest {
  private static final FuzzConfig FUZZ = FuzzScenarios.config("fuzz").orElseThrow();

  @Test
  void theSameSeedGivesTheSameScheduleAndOtherSeedsOtherOnes() {
    assertEquals(Nemesis.generate(FUZZ, 7), Nemesis.generate(FUZZ, 7));
    assertNotEquals(Nemesis.generate(FUZZ, 7), Nemesis.generate(FUZZ, 8));
  }

  @Test
  void overSwarmSeedsEveryKindOfActionAppears() {
    TreeSet<String> kinds = new TreeSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      for (TimedFault a : Nemesis.generate(Swarm.draw(seed), seed).actions()) {
        kinds.add(a.action().getClass().getSimpleName());
      }
    }
    TreeSet<String> all = new TreeSet<>();
    for (Class<?> c : FaultAction.class.getPermittedSubclasses()) {
      all.add(c.getSimpleName());
    }
    assertEquals(all, kinds, "fault kinds the nemesis never generates");
  }

  @Test
  void theClassicMixDrawsOnlyTheOriginalKinds() {
    TreeSet<String> kinds = new TreeSet<>();
    for (long seed = 1; seed <= 100; seed++) {
      for (TimedFault a : Nemesis.generate(FUZZ, seed).actions()) {
        kinds.add(a.action().getClass().getSimpleName());
      }
    }
    assertEquals(new TreeSet<>(java.util.List.of("Bridge", "Chain", "Clog", "Crash", "CrashLeader", "CutOneWay", "Heal",
        "LossBurst", "LossyDisk", "Partition", "QuorumLoss", "Restart", "Ring")), kinds);
  }

  @Test
  void aKindWithWeightZeroIsNeverDrawnAndAnOffTrackStaysQuiet() {
    EnumMap<FaultKind, Integer> onlyTopologies = new EnumMap<>(FaultKind.class);
    onlyTopologies.put(FaultKind.TOPOLOGY, 1);
    FuzzConfig config = new FuzzConfig("fuzz", 7, 2, 4, 10_000_000, 50_000, FuzzScenarios.LIVENESS_BOUND_MICROS, false,
        FUZZ.timings(), NetworkConditions.RELIABLE, FaultMix.of(onlyTopologies), DiskMode.LOSSY);
    for (long seed = 1; seed <= 30; seed++) {
      for (TimedFault a : Nemesis.generate(config, seed).actions()) {
        assertTrue(a.action() instanceof FaultAction.Topology || a.action() instanceof FaultAction.Heal, a.toString());
      }
    }
  }

  @Test
  void everyScheduleIsValidForItsScenarioAndEndsInAHealedNetworkWithServersRestarted() {
    for (FuzzConfig config : FuzzScenarios.CONFIGS) {
      for (long seed = 1; seed <= 50; seed++) {
        FaultSchedule s = Nemesis.generate(config, seed);
        s.validate(config.name() + " seed " + seed);
        assertTrue(s.size() > 0, "seed " + seed + " injects no fault");
        assertEquals(config, s.config());
        assertEquals(seed, s.seed());
      }
    }
    for (long seed = 1; seed <= 100; seed++) {
      Nemesis.generate(Swarm.draw(seed), seed).validate("swarm seed " + seed);
    }
  }
}
