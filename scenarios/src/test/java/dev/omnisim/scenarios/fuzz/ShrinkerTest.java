package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.scenarios.check.Failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The shrinker weakens actions step by step and sorts failures into kinds so it does not slip between bugs. */
class ShrinkerTest {

  @Test
  void lossBurstsAndClogsWeakenUntilTheyCannot() {
    assertEquals(new FaultAction.LossBurst(0.1, 0.05), Shrinker.simpler(new FaultAction.LossBurst(0.2, 0.1)));
    assertNull(Shrinker.simpler(new FaultAction.LossBurst(0.01, 0.0)));
    assertEquals(new FaultAction.Clog(0, 1, 200_000), Shrinker.simpler(new FaultAction.Clog(0, 1, 400_000)));
    assertNull(Shrinker.simpler(new FaultAction.Clog(0, 1, 10_000)));
    assertNull(Shrinker.simpler(new FaultAction.Crash(1)));
  }

  @Test
  void failuresAreSortedIntoKinds() {
    assertEquals("not linearizable", new Failure.NotLinearizable("history is not linearizable", false).kind());
    assertEquals("no progress", new Failure.NoProgress("after heal", "clients [0]").kind());
    assertEquals("check", new Failure.CheckFailed("get wrong value, key 0").kind());
    assertEquals("invariant agreement", new Failure.InvariantBroken("agreement", 5, 1, "tick", "x").kind());
  }
}
