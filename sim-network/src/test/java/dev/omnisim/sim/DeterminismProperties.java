package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Over random seeds and random fault settings (drop and duplication probabilities, latency
 * distributions, FIFO or not, cuts, crashes), a run is reproducible event for event, and an extra
 * action in one of two runs is exactly where they diverge.
 */
class DeterminismProperties {
  private static final long RUN_MICROS = 1_000_000;
  private static final SimulationOptions RECORDING = SimulationOptions.DEFAULTS.withRecordTrace(true);

  /** A link cut at one time and restored at another. */
  record Cut(int a, int b, long atMicros, long forMicros) {}

  /** A node crashed at one time and restarted after a while. */
  record CrashPlan(int node, long atMicros, long downForMicros) {}

  /** Everything a run is set up with besides its seed. */
  record Setup(double dropProbability, double duplicateProbability, Latency latency, boolean fifo,
      List<Cut> cuts, List<CrashPlan> crashes) {}

  @Property(tries = 40)
  void theSameSeedAndSetupGiveTheSameRunEventForEvent(@ForAll long seed, @ForAll("setups") Setup setup) {
    Simulation first = build(seed, setup);
    first.runFor(RUN_MICROS);
    Simulation second = build(seed, setup);
    second.runFor(RUN_MICROS);

    assertEquals(first.fingerprint(), second.fingerprint(), "fingerprints of seed " + seed + " with " + setup);
    assertEquals(Optional.empty(), first.trace().firstDivergence(second.trace()), "divergence of identical runs");
    assertTrue(first.trace().eventCount() > FixedScenario.NODES, "the run did something: " + first.trace().eventCount());
  }

  @Property(tries = 40)
  void oneExtraScheduledActionIsWhereTwoRunsDiverge(@ForAll long seed, @ForAll("setups") Setup setup,
      @ForAll @LongRange(min = 0, max = RUN_MICROS - 1) long perturbAtMicros) {
    Simulation first = build(seed, setup);
    first.runFor(RUN_MICROS);
    Simulation second = build(seed, setup);
    second.schedule(perturbAtMicros, "perturbation", () -> {});
    second.runFor(RUN_MICROS);

    Divergence d = first.trace().firstDivergence(second.trace())
        .orElseThrow(() -> new AssertionError("an extra action went unnoticed"));
    assertNotNull(d.second(), d.describe());
    assertEquals(TraceKind.EXTERNAL, d.second().kind(), d.describe());
    assertEquals("perturbation", d.second().detail(), d.describe());
    assertEquals(perturbAtMicros, d.second().timeMicros(), d.describe());
    assertTrue(first.fingerprint() != second.fingerprint(), "the extra action changes the fingerprint");
  }

  @Provide
  Arbitrary<Setup> setups() {
    Arbitrary<Double> probabilities = Arbitraries.doubles().between(0, 0.5);
    Arbitrary<List<Cut>> cuts = Combinators.combine(
            Arbitraries.integers().between(0, FixedScenario.NODES - 1),
            Arbitraries.integers().between(1, FixedScenario.NODES - 1),
            Arbitraries.longs().between(0, RUN_MICROS),
            Arbitraries.longs().between(1, RUN_MICROS))
        .as((a, offset, at, length) -> new Cut(a, (a + offset) % FixedScenario.NODES, at, length))
        .list().ofMaxSize(3);
    Arbitrary<List<CrashPlan>> crashes = Combinators.combine(
            Arbitraries.integers().between(0, FixedScenario.NODES - 1),
            Arbitraries.longs().between(0, RUN_MICROS),
            Arbitraries.longs().between(1, RUN_MICROS))
        .as(CrashPlan::new)
        .list().ofMaxSize(2);
    return Combinators.combine(probabilities, probabilities, latencies(), Arbitraries.of(true, false), cuts, crashes)
        .as(Setup::new);
  }

  static Arbitrary<Latency> latencies() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 5_000).map(Latency.Constant::new),
        Combinators.combine(Arbitraries.longs().between(0, 5_000), Arbitraries.longs().between(0, 30_000))
            .as((min, width) -> new Latency.Uniform(min, min + width)),
        Arbitraries.doubles().between(100, 20_000).map(Latency.Exponential::new),
        Combinators.combine(Arbitraries.doubles().between(5, 9), Arbitraries.doubles().between(0.1, 1.5))
            .as(Latency.LogNormal::new));
  }

  /** The gossip scenario of {@link FixedScenario} under {@code setup}'s faults. */
  static Simulation build(long seed, Setup setup) {
    Simulation sim = new Simulation(seed, RECORDING);
    sim.network().setDefaultFaults(new LinkFaults(setup.latency(), setup.dropProbability(),
        setup.duplicateProbability(), setup.fifo(), 0, new Latency.Constant(0)));
    for (int i = 0; i < FixedScenario.NODES; i++) {
      sim.addNode(i, FixedScenario.GossipNode::new);
    }
    for (Cut c : setup.cuts()) {
      sim.schedule(c.atMicros(), "cut", () -> sim.network().cut(c.a(), c.b()));
      sim.schedule(c.atMicros() + c.forMicros(), "link", () -> sim.network().link(c.a(), c.b()));
    }
    for (CrashPlan c : setup.crashes()) {
      sim.schedule(c.atMicros(), "crash", () -> {
        if (sim.isUp(c.node())) {
          sim.crash(c.node());
        }
      });
      sim.schedule(c.atMicros() + c.downForMicros(), "restart", () -> {
        if (!sim.isUp(c.node())) {
          sim.restart(c.node());
        }
      });
    }
    return sim;
  }
}
