package dev.omnisim.scenarios.fuzz;

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
 * A property that FAILS on purpose: "a leader that decides without a majority keeps the history
 * linearizable". It is not a test of the build (its name matches none of surefire's includes);
 * {@link JqwikShrinksFaultSchedulesTest} runs it through the JUnit Platform and inspects what jqwik
 * shrank the failure to. Only non-linearizable histories count as failures, so shrinking cannot
 * slip to another kind of failure. Unless that test arms it, the property checks nothing, so that a
 * run selecting every class (e.g. {@code -Dtest='*'}) does not fail on it.
 */
class FaultScheduleShrinkFixture {
  /** Every schedule the property saw fail, in order; the last is the shrunk sample. */
  static final List<List<TimedFault>> FAILING = new ArrayList<>();
  static final String SEED = "4242";
  /** Set by {@link JqwikShrinksFaultSchedulesTest} around its run of this property. */
  static volatile boolean armed;

  private static final ScenarioRunner BROKEN = BrokenConsensus.DECIDING_WITHOUT_A_MAJORITY.runner();

  @Property(tries = 50, seed = SEED, shrinking = ShrinkingMode.FULL, afterFailure = AfterFailureMode.RANDOM_SEED,
      edgeCases = EdgeCasesMode.NONE)
  void aLeaderDecidingWithoutAMajorityStaysLinearizable(@ForAll("schedules") List<TimedFault> actions) {
    if (!armed) {
      return;
    }
    ScenarioResult result = FaultScheduleProperties.run(BROKEN, actions);
    if (result.failure() instanceof Failure.NotLinearizable || isAgreement(result.failure())) {
      FAILING.add(List.copyOf(actions));
      fail("not linearizable with " + actions.size() + " actions: " + actions);
    }
  }

  @Provide
  Arbitrary<List<TimedFault>> schedules() {
    return FaultScheduleArbitraries.schedules(FaultScheduleProperties.FUZZ_3, 6);
  }

  /** A leader deciding without a majority is named by the agreement invariant, or by the checker. */
  private static boolean isAgreement(Failure f) {
    return f instanceof Failure.InvariantBroken b && b.invariant().equals("agreement");
  }
}
