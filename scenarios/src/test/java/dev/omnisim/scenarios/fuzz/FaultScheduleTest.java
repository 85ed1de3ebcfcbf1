package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.DiskMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule is an explicit value: JSON round-trips exactly, and bad files are refused in one line saying where and why. */
class FaultScheduleTest {
  private static final FuzzConfig FUZZ = FuzzScenarios.config("fuzz").orElseThrow();
  private static final FaultSchedule EVERY_KIND = new FaultSchedule(FUZZ, 42L, List.of(
      new TimedFault(100, new FaultAction.Partition(List.of(List.of(0, 1), List.of(2, 3, 4)))),
      new TimedFault(200, new FaultAction.Bridge(2, List.of(0, 1), List.of(3, 4))),
      new TimedFault(300, new FaultAction.Ring(List.of(4, 3, 2, 1, 0))),
      new TimedFault(400, new FaultAction.QuorumLoss(3)),
      new TimedFault(410, new FaultAction.ConstrainedElection(0, 3)),
      new TimedFault(420, new FaultAction.Chained(1, 4)),
      new TimedFault(500, new FaultAction.Chain(List.of(1, 0, 2))),
      new TimedFault(550, new FaultAction.Topology(List.of(List.of(0, 1), List.of(1, 2)))),
      new TimedFault(600, new FaultAction.CutOneWay(1, 2)),
      new TimedFault(650, new FaultAction.OneWay(List.of(0), List.of(1, 2, 3, 4))),
      new TimedFault(700, new FaultAction.Clog(0, 4, 300_000)),
      new TimedFault(800, new FaultAction.LossBurst(0.25, 0.1)),
      new TimedFault(900, new FaultAction.Crash(1)),
      new TimedFault(1_000, new FaultAction.CrashLeader()),
      new TimedFault(1_100, new FaultAction.Restart(1)),
      new TimedFault(1_200, new FaultAction.LossyDisk(2, true)),
      new TimedFault(1_210, new FaultAction.Disk(3, DiskMode.TORN)),
      new TimedFault(1_220, new FaultAction.CrashInStep(4, 2, 500_000)),
      new TimedFault(1_230, new FaultAction.CrashAfterWrite(3, 1, 400_000)),
      new TimedFault(1_230, new FaultAction.StaleMessages(0.05, 200_000, 800_000)),
      new TimedFault(1_300, new FaultAction.Heal())));

  @Test
  void everyActionKindSurvivesAJsonRoundTripWithTheConfiguration() {
    String json = EVERY_KIND.toJson();
    FaultSchedule back = FaultSchedule.fromJson(json, "test");
    assertEquals(EVERY_KIND, back);
    assertEquals(json, back.toJson(), "writing is deterministic");
    assertEquals(21, FaultAction.class.getPermittedSubclasses().length,
        "a new action kind needs a case in this test and a JSON name");
    assertTrue(json.contains("\"format\" : 2") && json.contains("\"config\""), json);
  }

  @Test
  void aSwarmConfigurationSurvivesTheRoundTripExactly() {
    for (long seed = 1; seed <= 20; seed++) {
      FaultSchedule s = Nemesis.generate(Swarm.draw(seed), seed);
      FaultSchedule back = FaultSchedule.fromJson(s.toJson(), "swarm seed " + seed);
      assertEquals(s, back);
      assertEquals(s.config(), back.config());
    }
  }

  @Test
  void theTimeStaysOutsideTheActionAndTheTraceLabelKeepsTheOldForm() {
    assertEquals("Crash[atMicros=900, server=1]", new TimedFault(900, new FaultAction.Crash(1)).traceLabel());
    assertEquals("Heal[atMicros=5]", new TimedFault(5, new FaultAction.Heal()).traceLabel());
    assertEquals("Star[atMicros=7, center=3]", new TimedFault(7, new FaultAction.QuorumLoss(3)).traceLabel(),
        "a quorum loss was saved as a star: its old label keeps old fingerprints");
  }

  @Test
  void actionsAreKeptInTimeOrderAndSameTimeActionsKeepTheirOrder() {
    FaultSchedule s = new FaultSchedule(FUZZ, null, List.of(new TimedFault(50, new FaultAction.Restart(1)),
        new TimedFault(10, new FaultAction.Crash(1)), new TimedFault(50, new FaultAction.Restart(0))));
    assertEquals(List.of(new TimedFault(10, new FaultAction.Crash(1)), new TimedFault(50, new FaultAction.Restart(1)),
        new TimedFault(50, new FaultAction.Restart(0))), s.actions());
  }

  @Test
  void anOldFileWithAStarReadsAsAQuorumLossUnderItsNamedScenario() {
    FaultSchedule s = FaultSchedule.fromJson("{\"scenario\":\"fuzz-3\",\"seed\":3,\"actions\":["
        + "{\"action\":\"star\",\"atMicros\":5,\"center\":2}]}", "old.json");
    assertEquals(FuzzScenarios.config("fuzz-3").orElseThrow(), s.config());
    assertEquals(List.of(new TimedFault(5, new FaultAction.QuorumLoss(2))), s.actions());
  }

  @Test
  void anUnknownFaultIsRefusedInOneLineNamingTheFileTheEntryAndTheKnownKinds() {
    String m = refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"heal\",\"atMicros\":1},"
        + "{\"action\":\"explode\",\"atMicros\":5}]}");
    assertTrue(m.startsWith("bad.json: action 1: unknown fault 'explode'; known: partition,"), m);
    assertTrue(m.contains("quorum-loss") && m.contains("crash-leader"), m);
  }

  @Test
  void aServerOutOfRangeIsRefusedNamingTheEntryAndTheServers() {
    String m = refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"crash\",\"atMicros\":5,\"server\":7}]}");
    assertTrue(m.startsWith("bad.json: action 0 (at 5 µs: Crash[server=7]) names server 7, but scenario fuzz has"
        + " servers 0..4"), m);
  }

  @Test
  void aNegativeTimeIsRefused() {
    String m = refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"crash\",\"atMicros\":-5,\"server\":1}]}");
    assertEquals("bad.json: action 0 (crash): negative time -5 µs", m);
  }

  @Test
  void aTimeAfterTheFaultWindowIsRefused() {
    String m = refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"heal\",\"atMicros\":20000000}]}");
    assertTrue(m.contains("action 0") && m.contains("outside the fault window"), m);
  }

  @Test
  void missingUnknownAndMistypedFieldsAreNamed() {
    assertEquals("bad.json: action 0 (crash): missing field 'server'",
        refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"crash\",\"atMicros\":5}]}"));
    assertEquals("bad.json: action 0 (crash): unknown field 'srv'; crash takes server besides atMicros",
        refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"crash\",\"atMicros\":5,\"server\":1,\"srv\":2}]}"));
    assertEquals("bad.json: action 0 (crash): field 'server': expected a whole number",
        refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"crash\",\"atMicros\":5,\"server\":\"x\"}]}"));
    assertEquals("bad.json: action 0 (chained): chained: the cut link joins two different servers, got 2 twice",
        refused("{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"chained\",\"atMicros\":5,\"a\":2,\"b\":2}]}"));
  }

  @Test
  void aConfigurationNamingAnUnknownFaultKindIsRefused() {
    String json = Nemesis.generate(Swarm.draw(1), 1).toJson();
    int faults = json.indexOf("\"faults\" : {");
    String bad = json.substring(0, faults) + "\"faults\" : { \"explode\" : 3, "
        + json.substring(faults + "\"faults\" : {".length());
    String m = refused(bad);
    assertTrue(m.startsWith("bad.json: config: unknown fault kind 'explode'; known: halves,"), m);
  }

  @Test
  void aConfigurationOutOfRangeIsRefused() {
    String json = Nemesis.generate(Swarm.draw(1), 1).toJson().replaceFirst("\"servers\" : \\d+", "\"servers\" : 0");
    String m = refused(json);
    assertTrue(m.startsWith("bad.json: config: fuzz scenario swarm: servers, clients and keys must be >= 1"), m);
  }

  @Test
  void malformedJsonAndUnknownScenariosAreRefusedInOneLineWithoutTheLibrarysInternals() {
    String cut = refused("{\"scenario\": \"fuzz\", \"actions\": [");
    assertTrue(cut.startsWith("bad.json at line 1"), cut);
    String unknown = refused("{\"scenario\":\"nope\",\"actions\":[]}");
    assertTrue(unknown.startsWith("bad.json: names scenario 'nope'"), unknown);
    for (String m : List.of(cut, unknown)) {
      assertFalse(m.contains("\n") || m.contains("Source:") || m.contains("jackson"), m);
    }
  }

  private static String refused(String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultSchedule.fromJson(json, "bad.json"));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }
}
