package dev.omnisim.baselines.vr;

import dev.omnisim.baselines.multipaxos.Chaos;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Viewstamped Replication alone under chaos ({@link Chaos}): agreement, a committed prefix that never
 * changes, at most one primary per view, checked after every step; progress once the network heals.
 */
class VrChaosProperties {

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
    Chaos.run(ViewstampedReplication::new, seed, size == 0 ? 3 : 5, dropPercent, duplicatePercent, lossyDisks,
        spikeLevel, schedule);
  }
}
