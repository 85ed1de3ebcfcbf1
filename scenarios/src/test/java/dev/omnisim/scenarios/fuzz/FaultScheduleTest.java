package dev.omnisim.scenarios.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule is an explicit value: JSON round-trips exactly, and bad files are refused with where and why. */
class FaultScheduleTest {
  private static final FaultSchedule EVERY_KIND = new FaultSchedule("fuzz", 42L, List.of(
      new FaultAction.Partition(100, List.of(List.of(0, 1), List.of(2, 3, 4))),
      new FaultAction.Bridge(200, 2, List.of(0, 1), List.of(3, 4)),
      new FaultAction.Ring(300, List.of(4, 3, 2, 1, 0)),
      new FaultAction.Star(400, 3),
      new FaultAction.Chain(500, List.of(1, 0, 2)),
      new FaultAction.CutOneWay(600, 1, 2),
      new FaultAction.Clog(700, 0, 4, 300_000),
      new FaultAction.LossBurst(800, 0.25, 0.1),
      new FaultAction.Crash(900, 1),
      new FaultAction.CrashLeader(1_000),
      new FaultAction.Restart(1_100, 1),
      new FaultAction.LossyDisk(1_200, 2, true),
      new FaultAction.Heal(1_300)));

  @Test
  void everyActionKindSurvivesAJsonRoundTrip() {
    String json = EVERY_KIND.toJson();
    FaultSchedule back = FaultSchedule.fromJson(json, "test");
    assertEquals(EVERY_KIND, back);
    assertEquals(json, back.toJson(), "writing is deterministic");
    assertEquals(13, FaultAction.class.getPermittedSubclasses().length,
        "a new action kind needs a case in this test and a JSON name");
  }

  @Test
  void actionsAreKeptInTimeOrderAndSameTimeActionsKeepTheirOrder() {
    FaultSchedule s = new FaultSchedule("fuzz", null, List.of(
        new FaultAction.Restart(50, 1), new FaultAction.Crash(10, 1), new FaultAction.Restart(50, 0)));
    assertEquals(List.of(new FaultAction.Crash(10, 1), new FaultAction.Restart(50, 1), new FaultAction.Restart(50, 0)),
        s.actions());
  }

  @Test
  void anUnknownActionIsRefusedNamingTheSourceAndTheKnownKinds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultSchedule.fromJson(
        "{\"scenario\":\"fuzz\",\"actions\":[{\"action\":\"explode\",\"atMicros\":5}]}", "bad.json"));
    assertTrue(e.getMessage().startsWith("bad.json at line 1"), e.getMessage());
    assertTrue(e.getMessage().contains("crash-leader"), e.getMessage());
  }

  @Test
  void malformedJsonIsRefusedWithItsPosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FaultSchedule.fromJson("{\"scenario\": \"fuzz\", \"actions\": [", "cut.json"));
    assertTrue(e.getMessage().startsWith("cut.json at line 1"), e.getMessage());
  }

  @Test
  void aServerOutsideTheScenarioOrATimeOutsideTheWindowIsRefused() {
    FaultSchedule badServer = new FaultSchedule("fuzz", 1L, List.of(new FaultAction.Crash(5, 7)));
    IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
        () -> badServer.validate(5, 10_000_000, "s.json"));
    assertTrue(e1.getMessage().contains("names server 7") && e1.getMessage().contains("0..4"), e1.getMessage());
    FaultSchedule late = new FaultSchedule("fuzz", 1L, List.of(new FaultAction.Heal(20_000_000)));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> late.validate(5, 10_000_000, "s.json"));
    assertTrue(e2.getMessage().contains("outside the fault window"), e2.getMessage());
    EVERY_KIND.validate(5, 10_000_000, "ok"); // a valid schedule passes
  }
}
