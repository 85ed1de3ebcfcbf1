package dev.omnisim.scenarios.report;

import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.StuckOperation;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.report.HtmlReport;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.sim.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The run report: one self-contained HTML page showing what happened in a run.
 *
 * <ul>
 *   <li>A header: scenario, seed, fingerprint, the verdict or failure message and the replay command.
 *   <li>The linearizability check: the verdict, the explanation of every partition that is not
 *       linearisable, and the operations that could not be linearised next ({@code class="op
 *       failing"}, {@code data-failing="true"}, with a button that shows them in the diagram).
 *   <li>A space-time diagram, drawn by the page's script over a window that can be moved and zoomed:
 *       one lane per server and per client; messages as arrows to their delivery; drops as red
 *       crosses; crashes and cut links shaded; the leader over time; client operations as bars with
 *       the checker's verdict. It opens around the first failing operation, or at the start.
 *   <li>The checker's own report, folded away.
 * </ul>
 *
 * <p>The result must carry its trace ({@code ScenarioRunner.withRecordTrace(true)}) for the diagram
 * to show messages; without one the page still shows the header, the check and the operations.
 * Markers for tools and tests: {@code #diagram svg} holds {@code g.lane[data-node]} per lane and
 * {@code line.msg} per message arrow drawn; the script sets {@code data-scripts-ran} on the body.
 */
public final class RunReport {
  private static final String CSS = resource("run-report.css");
  private static final String SCRIPT = resource("run-report.js");

  private RunReport() {}

  /** The report of {@code result}, with the leader derived from its trace. */
  public static String render(ScenarioResult result, String replayCommand) {
    return render(result, replayCommand, LeaderTimeline.fromTrace(result.trace()), DERIVED_LEADER);
  }

  /** The report of {@code result}, with the leader periods the caller observed. */
  public static String render(ScenarioResult result, String replayCommand, LeaderTimeline leaders) {
    return render(result, replayCommand, leaders, OBSERVED_LEADER);
  }

  private static String render(ScenarioResult result, String replayCommand, LeaderTimeline leaders, String leaderNote) {
    List<OperationView> ops = OperationView.of(result);
    long firstFailingCall = ops.stream().filter(OperationView::failing)
        .mapToLong(v -> v.operation().callTime()).min().orElse(-1);
    ReportWindow window = ReportWindow.around(firstFailingCall, RunData.endMicros(result));
    StringBuilder html = new StringBuilder(result.trace().size() * 60 + 64 * 1024);
    String title = result.scenario().name() + " seed " + result.seed();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>omnisim run: ")
        .append(Text.html(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    header(html, result, replayCommand, window, RunData.clientLanes(result, ops));
    check(html, result, ops);
    diagram(html, leaderNote);
    html.append("<details id=\"checker-report\"><summary>The linearizability checker's own report</summary>\n")
        .append("<iframe title=\"checker report\" srcdoc=\"")
        .append(Text.html(HtmlReport.render(new KvModel(), result.check(), result.scenario().title()
            + " (seed " + result.seed() + ")")))
        .append("\"></iframe></details>\n");
    html.append("<script type=\"application/json\" id=\"run-data\">")
        .append(RunData.json(result, ops, leaders, window)).append("</script>\n");
    html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return html.toString();
  }

  /** Writes the report of {@code result} to {@code file} (UTF-8). */
  public static void write(Path file, ScenarioResult result, String replayCommand) throws IOException {
    Files.writeString(file, render(result, replayCommand), StandardCharsets.UTF_8);
  }

  private static void header(StringBuilder html, ScenarioResult result, String replayCommand, ReportWindow window,
      int clientLanes) {
    html.append("<header><h1>").append(Text.html(result.scenario().title())).append(" <span class=\"verdict ")
        .append(result.passed() ? "verdict-OK\">passed" : "verdict-ILLEGAL\">failed").append("</span></h1>\n");
    html.append("<table class=\"facts\">\n");
    fact(html, "scenario", "<code>" + Text.html(result.scenario().name()) + "</code> — "
        + Text.html(result.scenario().description()));
    fact(html, "seed", "<code>" + result.seed() + "</code>");
    fact(html, "fingerprint", "<code>" + Text.html(result.fingerprint()) + "</code>");
    fact(html, "virtual time", Text.seconds(result.virtualMicros()));
    fact(html, "servers", String.valueOf(result.scenario().servers()));
    // Counted from the lanes drawn below (the workload's clients and any the scenario adds, e.g. to
    // read the final state), not from the scenario's title, so the header and the diagram agree.
    fact(html, "clients", clientLanes + (clientLanes == 1 ? " client lane" : " client lanes"));
    fact(html, "client operations", result.ops() + " completed, " + result.history().size() + " in the history");
    fact(html, "messages sent", String.valueOf(result.rpcs()));
    fact(html, "trace events", traceEvents(result.trace(), window));
    fact(html, "replay", "<code id=\"replay\">" + Text.html(replayCommand) + "</code>");
    html.append("</table>\n");
    if (!result.passed()) {
      html.append("<pre class=\"failure\" id=\"failure\">").append(Text.html(result.failure().describe())).append("</pre>\n");
    }
    html.append("</header>\n");
  }

  private static String traceEvents(List<TraceEvent> trace, ReportWindow window) {
    if (trace.isEmpty()) {
      return "none recorded (run with trace recording to see them)";
    }
    RunData.Span span = RunData.span(trace, window);
    if (span.end() - span.first() == trace.size()) {
      return String.valueOf(trace.size());
    }
    return trace.size() + "; the diagram holds events " + span.first() + " to " + (span.end() - 1) + " ("
        + Text.seconds(trace.get(span.first()).timeMicros()) + " – " + Text.seconds(trace.get(span.end() - 1).timeMicros())
        + "), around the opening window, to keep the page small; trace.txt has all";
  }

  private static void fact(StringBuilder html, String name, String valueHtml) {
    html.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static void check(StringBuilder html, ScenarioResult result, List<OperationView> ops) {
    var check = result.check();
    html.append("<section id=\"check\"><h2>Linearizability check</h2>\n<p class=\"verdict verdict-")
        .append(check.verdict()).append("\">").append(switch (check.verdict()) {
          case OK -> "Linearisable";
          case ILLEGAL -> "Not linearisable";
          case UNKNOWN -> "Undecided: the checker ran out of budget";
        }).append("</p> <span class=\"meta\">").append(check.operationCount()).append(" operations in ")
        .append(check.partitions().size()).append(" partitions</span>\n");
    TreeMap<Integer, String> reasons = new TreeMap<>();
    for (PartitionResult<KvOp, String> p : check.partitions()) {
      if (p.verdict() == Verdict.OK) {
        continue;
      }
      html.append("<p class=\"explanation\"><span class=\"badge badge-").append(p.verdict()).append("\">")
          .append(p.verdict()).append("</span> <b>").append(Text.html(p.label())).append("</b>: ")
          .append(Text.html(p.explanation())).append("</p>\n");
      for (StuckOperation<KvOp, String> s : p.stuck()) {
        reasons.put(s.operation().id(), s.reason());
      }
    }
    List<OperationView> failing = ops.stream().filter(OperationView::failing).toList();
    if (!failing.isEmpty()) {
      html.append("<h3>Operations that could not be linearised next</h3>\n<ul id=\"failing-ops\">\n");
      for (OperationView v : failing) {
        html.append("<li class=\"op failing\" data-failing=\"true\" data-op-id=\"").append(v.operation().id())
            .append("\"><button type=\"button\" class=\"show-op\" data-op-id=\"").append(v.operation().id())
            .append("\">show</button> <code>").append(Text.html(v.description())).append("</code> — client ")
            .append(v.operation().client()).append(" (node ").append(v.node()).append("), op ").append(v.operation().id()).append(", ").append(Text.html(v.interval()))
            .append(": ").append(Text.html(reasons.getOrDefault(v.operation().id(), ""))).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("</section>\n");
  }

  private static void diagram(StringBuilder html, String leaderNote) {
    html.append("""
        <section id="diagram-section"><h2>Space-time diagram</h2>
        <div id="controls">
          <button type="button" data-act="start" title="the start of the run">⇤</button>
          <button type="button" data-act="back" title="back one window (←)">◀◀</button>
          <button type="button" data-act="step-back" title="back a quarter window">◀</button>
          <button type="button" data-act="step" title="on a quarter window">▶</button>
          <button type="button" data-act="on" title="on one window (→)">▶▶</button>
          <button type="button" data-act="end" title="the end of the run">⇥</button>
          <button type="button" data-act="zoom-in" title="show half as much time (+)">zoom in</button>
          <button type="button" data-act="zoom-out" title="show twice as much time (−)">zoom out</button>
          <button type="button" data-act="all" title="the whole run">whole run</button>
          <button type="button" data-act="failing" title="the first operation the checker could not linearise">first failing op</button>
          <input type="range" id="position" min="0" max="1000" value="0" aria-label="window position">
          <span id="window-label"></span>
        </div>
        <div id="diagram"></div>
        <p id="diagram-note" class="note"></p>
        <div id="event-detail" class="detail">Click an arrow, mark or bar for its details.</div>
        """).append(LEGEND.replace("LEADER_NOTE", leaderNote)).append("</section>\n");
  }

  private static final String LEGEND = """
      <details class="legend" open><summary>Legend and how the diagram is derived</summary>
      <svg width="1000" height="46" aria-hidden="true">
        <defs>
          <marker id="legend-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#5b8fd6"/></marker>
          <marker id="legend-arrow-call" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#7a5bd6"/></marker>
          <marker id="legend-arrow-reply" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#3aa17e"/></marker>
        </defs>
        <line class="msg" style="marker-end:url(#legend-arrow)" x1="6" y1="10" x2="46" y2="36"/><text x="52" y="30">message (ends at delivery)</text>
        <line class="msg call" style="marker-end:url(#legend-arrow-call)" x1="240" y1="10" x2="280" y2="36"/><text x="286" y="30">RPC call</text>
        <line class="msg reply" style="marker-end:url(#legend-arrow-reply)" x1="356" y1="10" x2="396" y2="36"/><text x="402" y="30">RPC reply</text>
        <text class="drop" x="484" y="30">✕</text><text x="500" y="30">dropped</text>
        <rect class="down" x="570" y="14" width="40" height="20"/><text x="616" y="30">server down</text>
        <rect class="cut" x="710" y="14" width="40" height="20"/><text x="756" y="30">links cut</text>
        <rect class="leader" x="840" y="18" width="40" height="8"/><text x="886" y="30">leader</text>
      </svg>
      <svg width="900" height="28" aria-hidden="true">
        <g class="op linearized"><rect x="6" y="4" width="90" height="18" rx="3"/><text x="10" y="17">linearised</text></g>
        <g class="op unlinearized"><rect x="104" y="4" width="110" height="18" rx="3"/><text x="108" y="17">not linearised</text></g>
        <g class="op failing"><rect x="222" y="4" width="150" height="18" rx="3"/><text x="226" y="17">could not come next</text></g>
        <g class="op pending unlinearized"><rect x="380" y="4" width="120" height="18" rx="3"/><text x="384" y="17">outcome unknown</text></g>
        <circle class="timer" cx="520" cy="13" r="2.5"/><text x="528" y="17">timer</text>
        <path class="callfail" d="M580 8 l5 5 l-5 5 l-5 -5 z"/><text x="592" y="17">call failed</text>
      </svg>
      <ul>
        <li><b>Send times are inferred.</b> The trace records when a message was delivered, not when it was
          sent. An arrow starts at the sender's latest recorded event before the delivery (a delivery to it,
          a timer, a start, a failed call, a client invocation): nodes act only while handling events, so that
          is the latest moment it can have been sent. The real send may be earlier; the arrow is never longer
          than the real flight. Hover or click for the exact delivery time.</li>
        <li><b>Drops.</b> A message lost as it was sent (link down, random loss, receiver down) is a cross on
          the sender's lane; one lost on arrival (link went down or receiver crashed in flight) is a dashed
          arrow ending in a cross on the receiver's lane. The reason is in the tooltip.</li>
        <li><b>Leader.</b> LEADER_NOTE</li>
        <li><b>Links cut</b> is shaded from a cut, partition, isolation, star or chain until the next heal;
          on the network row, orange marks are network changes, purple marks scheduled actions (a fuzz run's
          faults), short grey marks the workload's pacing. A red dashed line marks a failing operation's call.
          The page's address ends in <code>#t=FROM,WIDTH</code> (µs): a link to the window shown.</li>
        <li><b>Client operations</b> are bars on the client lanes from call to return, coloured by the
          checker's verdict; an operation whose outcome is unknown is open-ended.</li>
      </ul></details>
      """;

  private static final String DERIVED_LEADER = "Derived from the trace: a server is shown as leader while it sends "
      + "messages only a leader sends (Prepare, AcceptSync, AcceptDecide, Decide), with silences up to 1 s bridged "
      + "and a crash ending it. Two leaders at once means two servers both acted as leader (e.g. an old leader cut "
      + "off in a minority).";

  private static final String OBSERVED_LEADER = "As the harness observed it while the run went on (who claimed to "
      + "lead at each sample).";

  private static String resource(String name) {
    try (InputStream in = RunReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
