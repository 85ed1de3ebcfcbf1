package dev.omnisim.baselines.multipaxos;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Multi-Paxos alone under chaos ({@link Chaos}): agreement, a decided prefix that never changes, at
 * most one leader per ballot, checked after every step; progress once the network heals.
 */
class MultiPaxosChaosProperties {

  @Provide
  Arbitrary<List<Chaos.Step>> schedules() {
    return Chaos.schedules();
  }

  /** A fixed seed keeps CI deterministic; change it to explore other schedules. */
  @Property(tries = 150, seed = "1313")
  void agreementUnderChaos(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1) int size,
      @ForAll @IntRange(min = 0, max = 20) int dropPercent,
      @ForAll @IntRange(min = 0, max = 10) int duplicatePercent,
      @ForAll boolean lossyDisks,
      @ForAll @IntRange(min = 0, max = 3) int spikeLevel,
      @ForAll("schedules") List<Chaos.Step> schedule) {
    Chaos.run(MultiPaxos::new, seed, size == 0 ? 3 : 5, dropPercent, duplicatePercent, lossyDisks, spikeLevel,
        schedule);
  }
}
