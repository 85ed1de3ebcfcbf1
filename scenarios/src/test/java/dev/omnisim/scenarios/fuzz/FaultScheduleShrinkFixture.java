package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.scenarios.check.Failure;
import static org.junit.jupiter.api.Assertions.fail;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * A property that FAILS on purpose: "a server that acknowledges before it syncs (it never syncs)
 * keeps what it acknowledged". It is not a test of the build (its name matches none of surefire's includes);
 * {@link JqwikShrinksFaultSchedulesTest} runs it through the JUnit Platform and inspects what jqwik
 * shrank the failure to. Only a non-linearizable history or a broken durability invariant counts
 * as a failure, so shrinking cannot slip to another kind of failure. (It used a leader deciding
 * without a majority until the invariant "decisions rest on a quorum" caught that with no fault at
 * all, which left nothing to shrink.) Unless that test arms it, the property checks nothing, so that a
 * run selecting every class (e.g. {@code -Dtest='*'}) does not fail on it.
 */
class FaultScheduleShrinkFixture {
  /** Every schedule the property saw fail, in order; the last is the shrunk sample. */
  static final List<List<TimedFault>> FAILING = new ArrayList<>();
  static final String SEED = "4242";
  /** Set by {@link JqwikShrinksFaultSchedulesTest} around its run of this property. */
  static volatile boolean armed;

  private static final ScenarioRunner BROKEN = BrokenConsensus.ACKNOWLEDGING_BEFORE_SYNC.runner();

  @Property(tries = 50, seed = SEED, shrinking = ShrinkingMode.FULL, afterFailure = AfterFailureMode.RANDOM_SEED,
      edgeCases = EdgeCasesMode.NONE)
  void aServerThatNeverSyncsKeepsWhatItAcknowledged(@ForAll("schedules") List<TimedFault> actions) {
    if (!armed) {
      return;
    }
    ScenarioResult result = FaultScheduleProperties.run(BROKEN, actions);
    if (counts(result.failure())) {
      FAILING.add(List.copyOf(actions));
      fail("not linearizable with " + actions.size() + " actions: " + actions);
    }
  }

  @Provide
  Arbitrary<List<TimedFault>> schedules() {
    return FaultScheduleArbitraries.schedules(FaultScheduleProperties.FUZZ_3, 6);
  }

  /** What a server losing its unsynced writes at a crash breaks: durability invariants, or the history. */
  static boolean counts(Failure f) {
    return f instanceof Failure.NotLinearizable || f instanceof Failure.InvariantBroken b && DURABILITY.contains(b.invariant());
  }

  private static final List<String> DURABILITY = List.of("agreement", "decided prefix immutable",
      "acknowledged entries kept", "promise survives a restart", "decisions rest on a quorum");
}
