package dev.omnisim.scenarios.report;

import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run as compact JSON for the page's script, which draws only the window shown: numbers in flat
 * arrays and every distinct text once in a string table. Send times are inferred here (the trace
 * records delivery times only), see {@link #inferredSendTimes}.
 */
final class RunData {
  /** Longer details are cut: a message's first 160 characters say what it is; trace.txt has all. */
  static final int DETAIL_CHARS_MAX = 160;

  /** Numbers per event in {@code ev}: time, kind, from, to, inferred send time (-1: none), text. */
  // ops: id, client node, call time, return time (-1: pending), verdict (OperationView.Verdict's ordinal), text
  static final int EVENT_STRIDE = 6;

  private final LinkedHashMap<String, Integer> strings = new LinkedHashMap<>();

  private RunData() {}

  /** The page's data for {@code result}. */
  static String json(ScenarioResult result, List<OperationView> ops, LeaderTimeline leaders, ReportWindow window) {
    return new RunData().build(result, ops, leaders, window);
  }

  /** The last virtual time the run shows: its end, its last event or its last operation's return. */
  static long endMicros(ScenarioResult result) {
    long end = result.virtualMicros();
    for (TraceEvent e : result.trace()) {
      end = Math.max(end, e.timeMicros());
    }
    for (var op : result.history().operations()) {
      end = Math.max(end, op.returnTime().orElse(op.callTime()));
    }
    return Math.max(end, 1);
  }

  private String build(ScenarioResult result, List<OperationView> ops, LeaderTimeline leaders, ReportWindow window) {
    List<TraceEvent> trace = result.trace();
    long end = endMicros(result);
    StringBuilder out = new StringBuilder(trace.size() * 40 + 4096);
    out.append("{\"end\":").append(end).append(",\"window\":[").append(window.fromMicros()).append(',')
        .append(window.widthMicros()).append(']');
    out.append(",\"kinds\":[");
    for (TraceKind k : TraceKind.values()) {
      out.append(k.ordinal() == 0 ? "" : ",");
      Text.json(out, k.name());
    }
    out.append("],\"verdicts\":[");
    for (OperationView.Verdict v : OperationView.Verdict.values()) {
      out.append(v.ordinal() == 0 ? "" : ",");
      Text.json(out, v.cssClass);
    }
    out.append("],\n\"lanes\":[");
    int lane = 0;
    java.util.TreeMap<Integer, Integer> clerkOfNode = new java.util.TreeMap<>();
    ops.forEach(v -> clerkOfNode.putIfAbsent(v.node(), v.operation().client()));
    for (int node : lanes(result, ops)) {
      out.append(lane++ == 0 ? "" : ",").append('[').append(node).append(',');
      Text.json(out, laneName(result, clerkOfNode, node));
      out.append(']');
    }
    out.append("],\n\"cuts\":");
    cutPeriods(out, trace, end);
    out.append(",\n\"down\":");
    downPeriods(out, trace, end);
    out.append(",\n\"leaders\":[");
    for (int i = 0; i < leaders.periods().size(); i++) {
      LeaderTimeline.Period p = leaders.periods().get(i);
      out.append(i == 0 ? "" : ",").append(p.server()).append(',').append(p.fromMicros()).append(',')
          .append(p.toMicros()).append(',').append(p.messages());
    }
    out.append("],\n\"ops\":[");
    for (int i = 0; i < ops.size(); i++) {
      OperationView v = ops.get(i);
      out.append(i == 0 ? "" : ",\n").append(v.operation().id()).append(',').append(v.node()).append(',')
          .append(v.operation().callTime()).append(',').append(v.operation().returnTime().orElse(-1)).append(',')
          .append(v.verdict().ordinal()).append(',').append(string(v.description() + (v.operation().output() == null ? ""
              : " → " + v.operation().output())));
    }
    long[] sends = inferredSendTimes(trace, ops);
    Span span = span(trace, window);
    out.append("],\n\"evFirst\":").append(span.first()).append(",\"ev\":[");
    for (int i = span.first(); i < span.end(); i++) {
      TraceEvent e = trace.get(i);
      out.append(i == span.first() ? "" : i % 8 == 0 ? ",\n" : ",").append(e.timeMicros()).append(',').append(e.kind().ordinal())
          .append(',').append(e.from()).append(',').append(e.to()).append(',').append(sends[i]).append(',')
          .append(string(cut(e.detail())));
    }
    out.append("],\n\"strings\":[");
    int n = 0;
    for (String s : strings.keySet()) {
      out.append(n++ == 0 ? "" : ",\n");
      Text.json(out, s);
    }
    out.append("]}");
    return out.toString();
  }

  /**
   * The events a page holds, {@code [first, end)}: all of them, or for a huge trace the {@value
   * #EVENTS_EMBEDDED_MAX} around the opening window (the page would be hundreds of megabytes).
   */
  record Span(int first, int end) {}

  /** Events a page holds at most: some 20 MB of page. */
  static final int EVENTS_EMBEDDED_MAX = 200_000;

  static Span span(List<TraceEvent> trace, ReportWindow window) {
    if (trace.size() <= EVENTS_EMBEDDED_MAX) {
      return new Span(0, trace.size());
    }
    int at = 0;
    while (at < trace.size() && trace.get(at).timeMicros() < window.fromMicros()) {
      at++;
    }
    int first = Math.max(0, Math.min(at - EVENTS_EMBEDDED_MAX / 4, trace.size() - EVENTS_EMBEDDED_MAX));
    return new Span(first, first + EVENTS_EMBEDDED_MAX);
  }

  private int string(String s) {
    Integer known = strings.get(s);
    if (known != null) {
      return known;
    }
    strings.put(s, strings.size());
    return strings.size() - 1;
  }

  private static String cut(String detail) {
    return detail.length() <= DETAIL_CHARS_MAX ? detail : detail.substring(0, DETAIL_CHARS_MAX - 1) + "…";
  }

  /**
   * A lane's name: clients go by their Clerk's number, as in history.jsonl and the checker's report,
   * with the node they run on, so that one operation has one name on every page.
   */
  static String laneName(ScenarioResult result, java.util.Map<Integer, Integer> clerkOfNode, int node) {
    if (node < result.scenario().servers()) {
      return "server " + node;
    }
    Integer clerk = clerkOfNode.get(node);
    return clerk == null ? "client node " + node : "client " + clerk + " (node " + node + ")";
  }

  /** The nodes that are not servers: the clients' lanes, as the header counts them. */
  static int clientLanes(ScenarioResult result, List<OperationView> ops) {
    return (int) lanes(result, ops).stream().filter(n -> n >= result.scenario().servers()).count();
  }

  /** Servers 0..n-1, then every other node the trace or the history mentions (the clients). */
  private static TreeSet<Integer> lanes(ScenarioResult result, List<OperationView> ops) {
    TreeSet<Integer> nodes = new TreeSet<>();
    for (int i = 0; i < result.scenario().servers(); i++) {
      nodes.add(i);
    }
    for (TraceEvent e : result.trace()) {
      if (e.kind() == TraceKind.NETWORK || e.kind() == TraceKind.EXTERNAL || e.kind() == TraceKind.LEADERSHIP) {
        continue;
      }
      if (e.from() >= 0) {
        nodes.add(e.from());
      }
      if (e.to() >= 0) {
        nodes.add(e.to());
      }
    }
    ops.forEach(v -> nodes.add(v.node()));
    return nodes;
  }

  /**
   * For each event, when its message was most likely sent; -1 for events that are not messages in
   * flight and for messages dropped as they were sent (those happen at the send time).
   *
   * <p>The trace records when a message arrived, not when it left. Nodes only act while handling an
   * event (a delivery, a timer, a start, a failed call, a client invocation), so a message left its
   * sender at the time of one of the sender's events before its delivery. We take the latest such
   * event: the latest moment it can have been sent if the sending was triggered by a recorded event.
   * The arrow drawn is therefore never longer than the real flight; sends made by a scenario's body
   * between events have no event to pair with and start at the sender's previous event.
   */
  static long[] inferredSendTimes(List<TraceEvent> trace, List<OperationView> ops) {
    long[] sends = new long[trace.size()];
    TreeMap<Integer, Long> lastAt = new TreeMap<>();
    List<OperationView> byCall = new ArrayList<>(ops); // already in call order
    int nextCall = 0;
    for (int i = 0; i < trace.size(); i++) {
      TraceEvent e = trace.get(i);
      while (nextCall < byCall.size() && byCall.get(nextCall).operation().callTime() <= e.timeMicros()) {
        OperationView v = byCall.get(nextCall++);
        lastAt.merge(v.node(), v.operation().callTime(), Math::max);
      }
      boolean inFlight = e.kind() == TraceKind.DELIVER || (e.kind() == TraceKind.DROP && droppedInFlight(e.detail()));
      sends[i] = inFlight ? lastAt.getOrDefault(e.from(), e.timeMicros()) : -1;
      int actor = switch (e.kind()) {
        case DELIVER -> e.to();
        case TIMER, START, RESTART, CALL_FAILED, CLIENT -> e.from();
        case DROP -> inFlight ? -1 : e.from();
        case CRASH, NETWORK, EXTERNAL, LEADERSHIP -> -1;
      };
      if (actor >= 0) {
        lastAt.put(actor, e.timeMicros());
      }
    }
    return sends;
  }

  /** True for the drops that happen on arrival (the rest happen as the message is sent). */
  static boolean droppedInFlight(String detail) {
    return detail.endsWith("dropped: link went down in flight") || detail.endsWith("dropped: receiver crashed in flight");
  }

  /**
   * Periods in which some links were cut: from a change that cuts links (cut, partition, isolate,
   * disconnect, star, chain) to the next {@code heal}, as [from, to, text] with the changes' text.
   */
  private void cutPeriods(StringBuilder out, List<TraceEvent> trace, long end) {
    out.append('[');
    long from = -1;
    StringBuilder what = new StringBuilder();
    int n = 0;
    for (TraceEvent e : trace) {
      if (e.kind() != TraceKind.NETWORK) {
        continue;
      }
      String d = e.detail();
      if (d.equals("heal") && from >= 0) {
        out.append(n++ == 0 ? "" : ",").append(from).append(',').append(e.timeMicros()).append(',')
            .append(string(cut(what.toString())));
        from = -1;
        what.setLength(0);
      } else if (d.matches("^(cut|partition|isolate|disconnect|star|chain) .*")) {
        from = from < 0 ? e.timeMicros() : from;
        what.append(what.isEmpty() ? "" : "; ").append(Text.seconds(e.timeMicros())).append(": ").append(d);
      }
    }
    if (from >= 0) {
      out.append(n == 0 ? "" : ",").append(from).append(',').append(end).append(',').append(string(cut(what.toString())));
    }
    out.append(']');
  }

  /** Periods in which a node was down, from its crash to its restart (or the end): [node, from, to]. */
  private static void downPeriods(StringBuilder out, List<TraceEvent> trace, long end) {
    TreeMap<Integer, Long> crashedAt = new TreeMap<>();
    out.append('[');
    int n = 0;
    for (TraceEvent e : trace) {
      if (e.kind() == TraceKind.CRASH) {
        crashedAt.putIfAbsent(e.from(), e.timeMicros());
      } else if (e.kind() == TraceKind.RESTART && crashedAt.containsKey(e.from())) {
        out.append(n++ == 0 ? "" : ",").append(e.from()).append(',').append(crashedAt.remove(e.from())).append(',')
            .append(e.timeMicros());
      }
    }
    for (var open : crashedAt.entrySet()) {
      out.append(n++ == 0 ? "" : ",").append(open.getKey()).append(',').append(open.getValue()).append(',').append(end);
    }
    out.append(']');
  }
}
