package dev.omnisim.scenarios.report;

import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.StuckOperation;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client operation as the report draws it: on which node's lane, and what the checker made of
 * it.
 *
 * @param operation the operation from the history
 * @param node the client's node id (the history names clients by Clerk id)
 * @param verdict what the checker made of it
 * @param description the operation as the key-value model describes it
 */
record OperationView(Operation<KvOp, String> operation, int node, Verdict verdict, String description) {

  /** What the checker made of an operation; the names are the checker report's CSS classes. */
  enum Verdict {
    /** Part of the linearisation found (or of the longest linearisable prefix). */
    LINEARIZED("linearized"),
    /** Not part of it: after the point where the search got stuck, or a pending call left out. */
    UNLINEARIZED("unlinearized"),
    /** One of the operations that could not be linearised next: where the history goes wrong. */
    FAILING("failing");

    /** The CSS class, as in the checker's report. */
    final String cssClass;

    Verdict(String cssClass) {
      this.cssClass = cssClass;
    }
  }

  private static final Pattern CLERK_ID = Pattern.compile("^call #\\d+ \\w+\\[clientId=(\\d+),");

  /** The operations of {@code result}, by call time then id. */
  static List<OperationView> of(ScenarioResult result) {
    TreeMap<Integer, Verdict> verdicts = new TreeMap<>();
    for (PartitionResult<KvOp, String> p : result.check().partitions()) {
      p.linearization().forEach(op -> verdicts.put(op.id(), Verdict.LINEARIZED));
      for (StuckOperation<KvOp, String> s : p.stuck()) {
        verdicts.put(s.operation().id(), Verdict.FAILING);
      }
    }
    TreeMap<Integer, Integer> nodeOfClerk = clientNodes(result.trace());
    KvModel model = new KvModel();
    List<OperationView> views = new ArrayList<>();
    for (Operation<KvOp, String> op : result.history().operations()) {
      // KvCluster numbers Clerks from 1 and gives each the next node after the servers; the trace
      // confirms it when it holds the Clerk's calls.
      int node = nodeOfClerk.getOrDefault(op.client(), result.scenario().servers() + op.client() - 1);
      views.add(new OperationView(op, node, verdicts.getOrDefault(op.id(), Verdict.UNLINEARIZED),
          model.describeOperation(op)));
    }
    views.sort(Comparator.comparingLong((OperationView v) -> v.operation().callTime())
        .thenComparingInt(v -> v.operation().id()));
    return views;
  }

  /** True when the checker could not linearise this operation next. */
  boolean failing() {
    return verdict == Verdict.FAILING;
  }

  /** Clerk id to node id, from the calls the trace shows (a call's detail names its Clerk). */
  private static TreeMap<Integer, Integer> clientNodes(List<TraceEvent> trace) {
    TreeMap<Integer, Integer> nodes = new TreeMap<>();
    for (TraceEvent e : trace) {
      if (e.kind() == TraceKind.DELIVER || e.kind() == TraceKind.DROP) {
        Matcher m = CLERK_ID.matcher(e.detail());
        if (m.find()) {
          nodes.putIfAbsent(Integer.parseInt(m.group(1)), e.from());
        }
      }
    }
    return nodes;
  }

  /** The call and return times for people. */
  String interval() {
    return operation.pending() ? "called at " + Text.seconds(operation.callTime()) + ", outcome unknown"
        : Text.seconds(operation.callTime()) + " – " + Text.seconds(operation.returnTime().getAsLong());
  }
}
