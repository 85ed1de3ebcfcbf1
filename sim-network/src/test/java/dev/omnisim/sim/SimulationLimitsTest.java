package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Caps on events and on virtual time stop a runaway simulation with a clear message instead of a hang. */
class SimulationLimitsTest {

  /** Nodes 0 and 1 ping-pong forever over 1 ms links. */
  private static Simulation pingPong(long seed, SimulationOptions options) {
    Simulation sim = new Simulation(seed, options);
    sim.network().setDefaultFaults(LinkFaults.NONE);
    sim.addNode(0, ctx -> new TestNodes.PingPongNode(ctx, 1, false));
    sim.addNode(1, ctx -> new TestNodes.PingPongNode(ctx, 0, true));
    return sim;
  }

  @Test
  void theEventCapStopsTwoNodesPingPongingForever() {
    Simulation sim = pingPong(91, SimulationOptions.DEFAULTS.withMaxEvents(10_000));
    SimulationLimitExceeded e = assertThrows(SimulationLimitExceeded.class, sim::runUntilIdle);
    assertTrue(e.getMessage().contains("10000 events"), e.getMessage());
    assertTrue(e.getMessage().contains("seed 91"), e.getMessage());
    assertTrue(e.getMessage().contains("maxEvents"), "the message names the setting to raise: " + e.getMessage());
    assertEquals(10_000_000, sim.now(), "10 000 one-millisecond hops ran before the cap");
  }

  @Test
  void theVirtualTimeCapStopsTwoNodesPingPongingForever() {
    Simulation sim = pingPong(92, SimulationOptions.DEFAULTS.withMaxTimeMicros(5_000_000));
    SimulationLimitExceeded e = assertThrows(SimulationLimitExceeded.class, () -> sim.runFor(3_600_000_000L));
    assertTrue(e.getMessage().contains("virtual time cap of 5.000000s"), e.getMessage());
    assertTrue(e.getMessage().contains("maxTimeMicros"), "the message names the setting to raise: " + e.getMessage());
    assertTrue(sim.now() <= 5_000_000, "no event ran past the cap: t=" + sim.now());
  }

  @Test
  void runUntilAConditionThatNeverHoldsIsStoppedByTheCaps() {
    Simulation sim = pingPong(93, SimulationOptions.DEFAULTS.withMaxTimeMicros(2_000_000));
    assertThrows(SimulationLimitExceeded.class, () -> sim.runUntil(() -> false, Long.MAX_VALUE / 2));
  }

  @Test
  void aRunWithinTheCapsIsNotStopped() {
    Simulation sim = pingPong(94, SimulationOptions.DEFAULTS.withMaxEvents(1_001).withMaxTimeMicros(1_000_000));
    sim.runFor(1_000_000);
    assertEquals(1_000_000, sim.now(), "the clock reads the end of the run");
    assertEquals(1_000, sim.eventsRun(), "one event per millisecond");
  }

  @Test
  void theEventCapAllowsExactlyThatManyEvents() {
    Simulation exact = new Simulation(95, SimulationOptions.DEFAULTS.withMaxEvents(5));
    Simulation over = new Simulation(95, SimulationOptions.DEFAULTS.withMaxEvents(5));
    for (int i = 0; i < 5; i++) {
      exact.schedule(i, "step " + i, () -> {});
      over.schedule(i, "step " + i, () -> {});
    }
    over.schedule(5, "one too many", () -> {});
    exact.runUntilIdle();
    assertEquals(5, exact.eventsRun(), "five events under a cap of five");
    assertThrows(SimulationLimitExceeded.class, over::runUntilIdle, "a sixth event under a cap of five");
  }

  @Test
  void runUntilStopsAsSoonAsTheConditionHolds() {
    Simulation sim = pingPong(96, SimulationOptions.DEFAULTS);
    boolean held = sim.runUntil(() -> sim.eventsRun() >= 42, 60_000_000);
    assertTrue(held, "the condition held");
    assertEquals(42, sim.eventsRun(), "no event ran after the condition held");
    assertTrue(!sim.runUntil(() -> false, 10_000), "a condition that never holds times out");
    assertEquals(42_000 + 10_000, sim.now(), "the clock reads the deadline after a timeout");
  }

  @Test
  void aCompletedCallsTimeoutOrACancelledTimerBeyondTheTimeCapDoesNotTripIt() {
    Simulation sim = TestNodes.recordingNodes(97, 2, SimulationOptions.DEFAULTS.withMaxTimeMicros(5_000_000));
    NodeContext ctx = TestNodes.recorder(sim, 0).ctx;
    java.util.List<CallResult> results = new java.util.ArrayList<>();
    ctx.call(1, "quick", 60_000_000, results::add);
    ctx.setTimer(60_000_000, "never mind", () -> {}).cancel();
    sim.runUntilIdle();
    assertEquals(1, results.size(), "the call completed");
    assertTrue(results.getFirst().ok(), "with the reply");
    assertTrue(sim.now() < 5_000_000, "the clock stopped at the last live event, not at a dead one: t=" + sim.now());
  }

  @Test
  void theLongestTimeoutsMeanForeverNotAnOverflowIntoThePast() {
    Simulation sim = pingPong(98, SimulationOptions.DEFAULTS);
    assertTrue(sim.runUntil(() -> sim.eventsRun() >= 100, Long.MAX_VALUE), "runUntil with no real deadline runs");
    assertEquals(100, sim.eventsRun(), "events run");
    long before = sim.now();
    java.util.List<String> fired = new java.util.ArrayList<>();
    Simulation quiet = TestNodes.recordingNodes(98, 2);
    quiet.runFor(1_000);
    NodeContext ctx = TestNodes.recorder(quiet, 0).ctx;
    ctx.setTimer(Long.MAX_VALUE, "far future", () -> fired.add("far future"));
    quiet.schedule(Long.MAX_VALUE - 1, "far future too", () -> fired.add("far future too"));
    java.util.List<CallResult> results = new java.util.ArrayList<>();
    ctx.call(1, "no hurry", Long.MAX_VALUE, results::add);
    quiet.runFor(1_000_000);
    assertEquals(java.util.List.of(), fired, "nothing scheduled for the far future fired now");
    assertEquals(1, results.size(), "the call completed");
    assertTrue(results.getFirst().ok(), "with its reply, not a timeout: " + results.getFirst());
    assertEquals(1_001_000, quiet.now(), "the clock never ran backwards");
    assertTrue(before > 0, "the ping-pong advanced its clock");
    Simulation capped = pingPong(99, SimulationOptions.DEFAULTS.withMaxTimeMicros(1_000_000));
    assertThrows(SimulationLimitExceeded.class, () -> capped.runFor(Long.MAX_VALUE), "runFor(forever) runs into the cap");
  }
}
