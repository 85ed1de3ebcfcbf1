package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the faults, every call of a caller that stays up completes exactly once. */
class RpcProperties {
  private static final int CALLS = 300;

  @Property(tries = 30)
  void everyCallCompletesExactlyOnceUnderDropsDuplicationCutsAndCalleeCrashes(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double drop,
      @ForAll @DoubleRange(min = 0, max = 1) double duplicate,
      @ForAll("latencies") Latency latency,
      @ForAll boolean fifo,
      @ForAll @LongRange(min = 1_000, max = 200_000) long timeoutMicros) {
    Simulation sim = TestNodes.recordingNodes(seed, 3);
    sim.network().setDefaultFaults(new LinkFaults(latency, drop, duplicate, fifo, 0, new Latency.Constant(0)));
    DeterministicRandom plan = sim.randomStream("test plan");
    int[] completions = new int[CALLS];
    for (int i = 0; i < CALLS; i++) {
      int call = i;
      int callee = 1 + plan.nextInt(2);
      sim.schedule(plan.nextLong(1_000_000), "call " + i, () -> recorder(sim, 0).ctx.call(
          callee, "request " + call, timeoutMicros, r -> completions[call]++));
    }
    for (int i = 0; i < 6; i++) {
      int node = 1 + plan.nextInt(2);
      sim.schedule(plan.nextLong(1_000_000), "toggle " + node,
          () -> { if (sim.isUp(node)) { sim.crash(node); } else { sim.restart(node); } });
      sim.schedule(plan.nextLong(1_000_000), "cut 0-" + node, () -> sim.network().cut(0, node));
      sim.schedule(plan.nextLong(1_000_000), "link 0-" + node, () -> sim.network().link(0, node));
    }
    sim.runUntilIdle();
    for (int i = 0; i < CALLS; i++) {
      assertEquals(1, completions[i], "completions of call " + i);
    }
    assertEquals(CALLS, sim.counters().rpcsSent(), "calls counted");
  }

  @Provide
  Arbitrary<Latency> latencies() {
    return DeterminismProperties.latencies();
  }
}
