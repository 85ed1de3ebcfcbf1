package dev.omnisim.scenarios;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of the catalog, the lab's and the extended set, passes on the reference servers on
 * several seeds with its op count, replays to the same fingerprint, and differs from seed to seed.
 * Runs are shared between the tests of a scenario (one instance for the class), so each seed runs
 * once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTest {
  private static final long[] SEEDS = {1, 2, 3};
  /** The lab's op counts, as its graded output prints them. */
  private static final Map<String, Long> LAB_OPS = labOps();

  private final Catalog catalog = new Catalog();
  private final ScenarioRunner runner = ScenarioRunner.reference();
  private final Map<String, ScenarioResult> runs = new LinkedHashMap<>();

  private static Map<String, Long> labOps() {
    Map<String, Long> ops = new LinkedHashMap<>();
    ops.put("basic-one", 306L);
    ops.put("basic-many", 918L);
    ops.put("unreliable", 15L);
    ops.put("fig5a-one", 918L);
    ops.put("fig5a-many", 216L);
    ops.put("fig5b-one", 678L);
    ops.put("fig5b-many", 216L);
    ops.put("fig5c-one", 678L);
    ops.put("fig5c-many", 216L);
    ops.put("persist-one", 192L);
    ops.put("persist-many", 576L);
    return ops;
  }

  /** Every scenario of the catalog. */
  Stream<String> scenarioNames() {
    return catalog.all().stream().map(Scenario::name);
  }

  private ScenarioResult run(String name, long seed) {
    return runs.computeIfAbsent(name + "#" + seed, k -> runner.run(catalog.require(name), seed));
  }

  @Test
  void theLabSuiteIsTheLabsElevenScenariosInTheLabsOrderWithTheLabsOpCounts() {
    List<Scenario> lab = catalog.labSuite();
    assertEquals(List.copyOf(LAB_OPS.keySet()), lab.stream().map(Scenario::name).toList(),
        "labSuite() must be the lab's 11 scenarios, in order");
    for (Scenario s : lab) {
      assertEquals(LAB_OPS.get(s.name()), s.expectedOps(), s.name() + " must expect the lab's op count");
    }
  }

  @Test
  void theExtendedSetFollowsTheLabsScenariosInTheCatalogAndTheFuzzScenariosComeLast() {
    List<String> names = catalog.all().stream().map(Scenario::name).toList();
    assertEquals(List.copyOf(LAB_OPS.keySet()), names.subList(0, LAB_OPS.size()), "the lab's scenarios come first");
    List<String> extended = List.of("concurrent", "unreliable-many", "one-key-concurrent-appends", "one-partition",
        "many-partitions", "persist-partitions-unreliable", "many-clients", "stale-acknowledgements");
    assertEquals(extended, names.subList(LAB_OPS.size(), LAB_OPS.size() + extended.size()),
        "the extended set follows, in 6.824's order, then ours");
    assertEquals(List.of("fuzz", "fuzz-3", "fuzz-7", "fuzz-partial", "swarm"), names.subList(LAB_OPS.size() + extended.size(), names.size()),
        "the fuzz scenarios come last");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioNames")
  void everyScenarioHasATitleAndAOneLineDescription(String name) {
    Scenario s = catalog.require(name);
    assertAll(
        () -> assertFalse(s.title().isBlank(), name + " needs a title"),
        () -> assertFalse(s.description().isBlank(), name + " needs a description"),
        () -> assertFalse(s.description().contains("\n"), name + "'s description must be one line"),
        () -> assertTrue(s.description().length() <= 120,
            name + "'s description must fit a line of 'omnisim list', was " + s.description().length()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioNames")
  void everyScenarioPassesOnSeveralSeedsWithItsExpectedOpCountWellUnderTheTimeLimit(String name) {
    Scenario scenario = catalog.require(name);
    for (long seed : SEEDS) {
      ScenarioResult r = run(name, seed);
      assertTrue(r.passed(), () -> r.replayCommand() + " failed: " + r.failure());
      if (scenario.expectedOps() > 0) {
        assertEquals(scenario.expectedOps(), r.ops(), r.replayCommand() + " completed another number of operations");
      } else {
        assertTrue(r.ops() > 0, r.replayCommand() + " completed no operation");
      }
      assertTrue(r.virtualMicros() < References.LAB_TIME_LIMIT_MICROS / 2, () -> r.replayCommand()
          + " took " + r.virtualMicros() / 1e6 + " s of virtual time, more than half the lab's 120 s limit");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioNames")
  void runningTheSameSeedTwiceGivesTheSameFingerprint(String name) {
    ScenarioResult first = run(name, SEEDS[0]);
    ScenarioResult again = runner.run(catalog.require(name), SEEDS[0]);
    assertEquals(first.fingerprint(), again.fingerprint(), first.replayCommand() + " is not deterministic");
    assertEquals(first.ops(), again.ops(), first.replayCommand() + " completed another number of operations on replay");
    assertEquals(first.virtualMicros(), again.virtualMicros(), first.replayCommand() + " ended at another time on replay");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarioNames")
  void differentSeedsGiveDifferentFingerprints(String name) {
    List<String> fingerprints = Stream.of(SEEDS[0], SEEDS[1], SEEDS[2]).map(seed -> run(name, seed).fingerprint())
        .toList();
    assertNotEquals(fingerprints.get(0), fingerprints.get(1), name + ": seeds 1 and 2 gave the same run");
    assertNotEquals(fingerprints.get(1), fingerprints.get(2), name + ": seeds 2 and 3 gave the same run");
    assertNotEquals(fingerprints.get(0), fingerprints.get(2), name + ": seeds 1 and 3 gave the same run");
  }
}
