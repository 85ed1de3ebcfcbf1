package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The harsher faults keep runs reproducible: over random seeds and random settings of crash points,
 * partial and torn disks, stale messages and one-way group cuts, the same seed and setup give the same
 * run event for event, the same counters, and the same disks.
 */
class HarshFaultDeterminismProperties {
  private static final long RUN_MICROS = 1_500_000;
  private static final SimulationOptions RECORDING = SimulationOptions.DEFAULTS.withRecordTrace(true);

  /** Everything a run is set up with besides its seed. */
  record Setup(double staleProbability, double crashStepProbability, int effectsMax, DiskMode diskMode,
      double keepProbability, List<Integer> cutFrom, List<Integer> cutTo, int isolatedOutgoing) {}

  @Property(tries = 40, seed = "20261201")
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // coverage is still checked; quiet on success
  void theSameSeedAndSetupGiveTheSameRunEventForEvent(@ForAll long seed, @ForAll("setups") Setup setup) {
    Simulation first = build(seed, setup);
    Simulation second = build(seed, setup);

    assertEquals(first.fingerprint(), second.fingerprint(), "fingerprints of seed " + seed + " with " + setup);
    assertEquals(Optional.empty(), first.trace().firstDivergence(second.trace()), "divergence of identical runs");
    Counters a = first.counters();
    Counters b = second.counters();
    assertEquals(List.of(a.crashes(), a.crashesInsideSteps(), a.crashesWithUnsyncedWrites(), a.crashesThatLostWrites(),
        a.crashesThatToreWrites(), a.messagesStale()), List.of(b.crashes(), b.crashesInsideSteps(),
        b.crashesWithUnsyncedWrites(), b.crashesThatLostWrites(), b.crashesThatToreWrites(), b.messagesStale()));
    for (int i = 0; i < FixedScenario.NODES; i++) {
      assertEquals(new String(first.disk(i).read("counter")), new String(second.disk(i).read("counter")), "disk " + i);
    }
    // The property is about runs the new faults struck: fail when too few tries had them.
    Statistics.label("crashes inside steps").collect(a.crashesInsideSteps() > 0)
        .coverage(c -> c.check(true).percentage(p -> p >= 40));
    Statistics.label("crashes that lost writes").collect(a.crashesThatLostWrites() > 0)
        .coverage(c -> c.check(true).percentage(p -> p >= 25));
    Statistics.label("stale messages").collect(a.messagesStale() > 0)
        .coverage(c -> c.check(true).percentage(p -> p >= 60));
  }

  @Provide
  Arbitrary<Setup> setups() {
    Arbitrary<List<Integer>> group = Arbitraries.integers().between(0, FixedScenario.NODES - 1).list().uniqueElements()
        .ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(
            Arbitraries.doubles().between(0, 0.2),
            Arbitraries.doubles().between(0, 0.1),
            Arbitraries.integers().between(0, 5),
            Arbitraries.of(DiskMode.class),
            Arbitraries.doubles().between(0, 1),
            group, group,
            Arbitraries.integers().between(-1, FixedScenario.NODES - 1))
        .as(Setup::new);
  }

  /** The gossip scenario of {@link FixedScenario} with {@code setup}'s harsher faults, run. */
  static Simulation build(long seed, Setup setup) {
    Simulation sim = FixedScenario.build(seed, RECORDING);
    sim.network().setDefaultFaults(sim.network().defaultFaults()
        .withStaleMessages(setup.staleProbability(), new Latency.Uniform(200_000, 800_000)));
    for (int i = 0; i < FixedScenario.NODES; i++) {
      sim.disk(i).setMode(setup.diskMode());
      sim.disk(i).setKeepProbability(setup.keepProbability());
      if (i != 2) { // the fixed scenario crashes node 2 at a set time: it must be up then
        sim.setCrashPoints(i, new CrashPoints(setup.crashStepProbability(), setup.effectsMax(),
            new Latency.Uniform(1_000, 300_000)));
      }
    }
    sim.schedule(300_000, "one-way cut", () -> sim.network().cutOneWay(setup.cutFrom(), setup.cutTo()));
    if (setup.isolatedOutgoing() >= 0) {
      sim.schedule(600_000, "isolate outgoing", () -> sim.network().isolateOutgoing(setup.isolatedOutgoing()));
    }
    sim.schedule(1_000_000, "heal", () -> sim.network().heal());
    sim.runFor(RUN_MICROS);
    return sim;
  }
}
