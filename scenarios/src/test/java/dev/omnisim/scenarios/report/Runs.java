package dev.omnisim.scenarios.report;

import dev.omnisim.scenarios.check.Failure;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/** Runs for the report's tests: hand-made results, and a real run whose history was made wrong. */
final class Runs {
  private Runs() {}

  /** A scenario that does nothing: the hand-made results below say what "happened". */
  static final Scenario HAND_MADE = new Scenario("hand-made", "Hand-made <run> & co", "a result built by a test", 2,
      NetworkPreset.RELIABLE, 0, (cluster, random) -> {});

  /** A result of {@link #HAND_MADE} with this history and trace, judged by the checker. */
  static ScenarioResult handMade(List<Operation<KvOp, String>> ops, List<TraceEvent> trace, String failure) {
    History<KvOp, String> history = new History<>(ops);
    CheckResult<KvOp, String> check = new Checker().check(new KvModel(), history);
    long end = trace.isEmpty() ? 1 : trace.get(trace.size() - 1).timeMicros();
    return new ScenarioResult(HAND_MADE, 42, failure == null ? null : new Failure.CheckFailed(failure), end, trace.size(), ops.size(), "00000000000000ff", history, check,
        trace, ScenarioResult.CrashStats.NONE);
  }

  /**
   * A real run of {@code scenario} (with its trace) whose history is changed after the fact: the
   * first Get called after {@code afterMicros} answers {@code "wrong"} instead, so the checker finds
   * the history not linearisable. The trace is the run's own. This is how the report of a failing run
   * is tested without a broken server.
   */
  static ScenarioResult realRunWithWrongRead(String scenario, long seed, long afterMicros) {
    Scenario s = new Catalog().require(scenario);
    ScenarioResult real = ScenarioRunner.reference().withRecordTrace(true).run(s, seed);
    List<Operation<KvOp, String>> ops = new ArrayList<>(real.history().operations());
    for (int i = 0; i < ops.size(); i++) {
      Operation<KvOp, String> op = ops.get(i);
      if (op.input() instanceof KvOp.Get && !op.pending() && op.callTime() > afterMicros) {
        ops.set(i, Operation.completed(op.id(), op.client(), op.callTime(), op.returnTime().getAsLong(), op.input(),
            "wrong").withIndices(op.callIndex(), op.returnIndex()));
        History<KvOp, String> history = new History<>(ops);
        CheckResult<KvOp, String> check = new Checker().check(new KvModel(), history);
        return new ScenarioResult(s, seed, new Failure.NotLinearizable("history is not linearizable (a test changed"
            + " the answer of get op " + op.id() + ")", false), real.virtualMicros(), real.rpcs(), real.ops(), real.fingerprint(), history, check,
            real.trace(), real.crashes());
      }
    }
    throw new IllegalStateException("no Get after " + afterMicros + " µs in " + scenario + " seed " + seed);
  }
}
