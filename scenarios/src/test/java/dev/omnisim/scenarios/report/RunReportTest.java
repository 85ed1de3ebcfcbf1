package dev.omnisim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's HTML as text: escaping, the opening window, failing operations, determinism. */
class RunReportTest {

  /** A lost append on key x: client 1's get of "bc" cannot be linearised (append "a" vanished). */
  static List<Operation<KvOp, String>> lostAppend() {
    return List.of(
        Operation.completed(0, 1, 1_000, 2_000, new KvOp.Append("x", "a"), null),
        Operation.completed(1, 2, 1_500, 2_500, new KvOp.Put("y", "1"), null),
        Operation.completed(2, 2, 3_000, 4_000, new KvOp.Append("x", "b"), null),
        Operation.pending(3, 1, 3_500, new KvOp.Append("x", "c")),
        Operation.completed(4, 2, 5_000_000, 5_100_000, new KvOp.Get("x"), "bc"));
  }

  static List<TraceEvent> smallTrace() {
    List<TraceEvent> t = new ArrayList<>();
    t.add(new TraceEvent(0, 0, TraceKind.START, 0, -1, "start"));
    t.add(new TraceEvent(1, 0, TraceKind.START, 1, -1, "start"));
    t.add(new TraceEvent(2, 0, TraceKind.START, 2, -1, "start"));
    t.add(new TraceEvent(3, 10, TraceKind.TIMER, 0, -1, "heartbeat"));
    t.add(new TraceEvent(4, 500, TraceKind.DELIVER, 0, 1, "AcceptDecide[n=Ballot[0,1,0], entries=[<x & y>]]"));
    t.add(new TraceEvent(5, 600, TraceKind.DROP, 1, 0, "Accepted[n=1] dropped: link down"));
    t.add(new TraceEvent(6, 1_000_000, TraceKind.NETWORK, -1, -1, "partition 0 | 1"));
    t.add(new TraceEvent(7, 1_500_000, TraceKind.CRASH, 1, -1, "crash"));
    t.add(new TraceEvent(8, 2_000_000, TraceKind.NETWORK, -1, -1, "heal"));
    t.add(new TraceEvent(9, 2_500_000, TraceKind.RESTART, 1, -1, "restart"));
    t.add(new TraceEvent(10, 9_000_000, TraceKind.TIMER, 1, -1, "</script><script>alert(1)</script>"));
    return t;
  }

  @Test
  void detailsAndMessagesAreEscapedInTheHtmlAndInTheScriptData() {
    String html = RunReport.render(Runs.handMade(lostAppend(), smallTrace(), "a <b>bad</b> & sad failure"),
        "./omnisim run x --seed 42 && echo <done>");
    assertTrue(html.contains("a &lt;b&gt;bad&lt;/b&gt; &amp; sad failure"), "the failure message is escaped");
    assertTrue(html.contains("./omnisim run x --seed 42 &amp;&amp; echo &lt;done&gt;"), "the replay command is escaped");
    assertTrue(html.contains("Hand-made &lt;run&gt; &amp; co"), "the title is escaped");
    assertTrue(html.contains("entries=[\\u003cx \\u0026 y\\u003e]"), "a detail's < & > are JSON escapes in the data");
    assertFalse(html.contains("alert(1)</script>"), "no detail can close the script element");
    assertEquals(2, count(html, "<script"), "only the page's own two script elements");
    assertEquals(2, count(html, "</script>"));
  }

  @Test
  void theWindowOpensAroundTheFirstFailingOperation() {
    String html = RunReport.render(Runs.handMade(lostAppend(), smallTrace(), "not linearisable"), "replay");
    // The get at 5 s fails; a 2 s window puts it a quarter of the way in.
    assertTrue(html.contains("\"window\":[4500000,2000000]"), "window in " + dataHead(html));
  }

  @Test
  void withoutAFailingOperationTheWindowOpensAtTheStart() {
    List<Operation<KvOp, String>> ok = List.of(
        Operation.completed(0, 1, 3_000_000, 3_100_000, new KvOp.Put("x", "1"), null),
        Operation.completed(1, 1, 4_000_000, 4_100_000, new KvOp.Get("x"), "1"));
    String html = RunReport.render(Runs.handMade(ok, smallTrace(), null), "replay");
    assertTrue(html.contains("\"window\":[0,2000000]"), "window in " + dataHead(html));
    assertFalse(html.contains("data-failing=\"true\""), "nothing is marked failing");
  }

  @Test
  void windowsAreClampedToTheRun() {
    assertEquals(new ReportWindow(0, 2_000_000), ReportWindow.around(-1, 10_000_000));
    assertEquals(new ReportWindow(4_500_000, 2_000_000), ReportWindow.around(5_000_000, 10_000_000));
    assertEquals(new ReportWindow(0, 2_000_000), ReportWindow.around(100_000, 10_000_000), "not before the start");
    assertEquals(new ReportWindow(8_000_000, 2_000_000), ReportWindow.around(9_900_000, 10_000_000), "not past the end");
    assertEquals(new ReportWindow(0, 700_000), ReportWindow.around(600_000, 700_000), "a short run is shown whole");
  }

  @Test
  void exactlyTheOperationsTheCheckerCouldNotLineariseAreMarkedFailing() {
    ScenarioResult result = Runs.handMade(lostAppend(), smallTrace(), "not linearisable");
    Set<String> stuck = new TreeSet<>();
    result.check().partitions().forEach(p -> p.stuck().forEach(s -> stuck.add(String.valueOf(s.operation().id()))));
    assertEquals(Set.of("4"), stuck);
    String html = RunReport.render(result, "replay");
    assertEquals(stuck, ids(html, "<li class=\"op failing\" data-failing=\"true\" data-op-id=\"(\\d+)\""));
    assertEquals(1, count(html, "data-failing=\"true\""), "only the failing get, and only once in the static page");
    // One name per operation on every page: the Clerk's number as in history.jsonl, then its node.
    assertTrue(html.contains("— client 2 (node 3), op 4"), "the failing operation by its history client and id");
    // In the diagram's data the operation's verdict is 2 (failing); client 2 is Clerk 2, node 3.
    assertTrue(html.contains("4,3,5000000,5100000,2,"), "ops in " + dataHead(html));
    assertTrue(Pattern.compile("\\b3,2,3500,-1,[01],").matcher(html).find(),
        "the pending append is open-ended (-1) on client 1's lane (node 2)");
  }

  @Test
  void faultsAndLeaderAreDerivedFromTheTrace() {
    List<TraceEvent> t = new ArrayList<>(smallTrace());
    t.add(5, new TraceEvent(5, 500, TraceKind.LEADERSHIP, 0, 0, "leading in term 1"));
    for (int i = 6; i < t.size(); i++) {
      TraceEvent e = t.get(i);
      t.set(i, new TraceEvent(i, e.timeMicros(), e.kind(), e.from(), e.to(), e.detail()));
    }
    String html = RunReport.render(Runs.handMade(lostAppend(), t, null), "replay");
    assertTrue(html.contains("\"cuts\":[1000000,2000000,"), "links cut from the partition to the heal: " + dataHead(html));
    assertTrue(html.contains("\"down\":[1,1500000,2500000]"), "server 1 down from crash to restart");
    assertTrue(html.contains("\"leaders\":[0,500,9000000,1]"), "server 0 leads from its leadership event to the end: "
        + dataHead(html));
    assertTrue(html.contains("\"lanes\":[[0,\"server 0\"],[1,\"server 1\"],[2,\"client 1 (node 2)\"],[3,\"client 2 (node 3)\"]]"),
        "lanes: servers, then the clients' nodes: " + dataHead(html));
  }

  @Test
  void sendTimesAreTheSendersLatestEarlierEvent() {
    List<TraceEvent> t = smallTrace();
    long[] sends = RunData.inferredSendTimes(t, List.of());
    assertEquals(10, sends[4], "server 0's timer at 10 µs is its latest event before the delivery at 500");
    assertEquals(-1, sends[5], "a message dropped as it was sent has no flight");
    assertEquals(-1, sends[3], "a timer is not a message");
    List<TraceEvent> inFlight = List.of(
        new TraceEvent(0, 0, TraceKind.START, 0, -1, "start"),
        new TraceEvent(1, 100, TraceKind.DELIVER, 1, 0, "Promise[]"),
        new TraceEvent(2, 300, TraceKind.DROP, 0, 1, "Decide[] dropped: receiver crashed in flight"));
    assertEquals(100, RunData.inferredSendTimes(inFlight, List.of())[2], "lost in flight: it flew from the send");
  }

  @Test
  void leaderPeriodsFollowLeadershipEventsAndEndAtACrashOrANewView() {
    LeaderTimeline timeline = LeaderTimeline.fromTrace(List.of(
        new TraceEvent(0, 100, TraceKind.LEADERSHIP, 1, 1, "leading in term 0.100000001"),
        new TraceEvent(1, 900_000, TraceKind.DELIVER, 1, 2, "AcceptDecide[n=Ballot[0,1,1]]"),
        new TraceEvent(2, 950_000, TraceKind.LEADERSHIP, 0, 1, "following 1 in term 0.100000001"),
        new TraceEvent(3, 1_000_000, TraceKind.CRASH, 1, -1, "crash"),
        new TraceEvent(4, 1_200_000, TraceKind.LEADERSHIP, 2, 2, "leading in term 0.200000002"),
        new TraceEvent(5, 2_000_000, TraceKind.LEADERSHIP, 2, 0, "following 0 in term 1.0"),
        new TraceEvent(6, 2_500_000, TraceKind.LEADERSHIP, 0, 0, "following 0 in term 1.0"),
        new TraceEvent(7, 3_000_000, TraceKind.LEADERSHIP, 0, 0, "leading in term 1.0"),
        new TraceEvent(8, 4_000_000, TraceKind.DELIVER, 0, 2, "Decide[n=Ballot[1,0,0]]")));
    assertEquals(List.of(
        new LeaderTimeline.Period(1, 100, 1_000_000, 1),
        new LeaderTimeline.Period(2, 1_200_000, 2_000_000, 1),
        new LeaderTimeline.Period(0, 3_000_000, 4_000_000, 1)), timeline.periods(),
        "a follower's view of itself (still preparing) is not leading; a message's text is not a view");
  }

  @Test
  void observedLeaderSamplesBecomePeriods() {
    LeaderTimeline timeline = LeaderTimeline.fromSamples(List.of(
        new LeaderTimeline.Sample(0, -1),
        new LeaderTimeline.Sample(100, 2),
        new LeaderTimeline.Sample(200, 2),
        new LeaderTimeline.Sample(300, -1),
        new LeaderTimeline.Sample(400, 0)), 1_000);
    assertEquals(List.of(new LeaderTimeline.Period(2, 100, 300, 2), new LeaderTimeline.Period(0, 400, 1_000, 1)),
        timeline.periods());
    String html = RunReport.render(Runs.handMade(lostAppend(), smallTrace(), null), "replay", timeline);
    assertTrue(html.contains("\"leaders\":[2,100,300,2,0,400,1000,1]"), "the caller's periods are drawn");
  }

  @Test
  void aRunWithoutATraceStillShowsItsOperations() {
    String html = RunReport.render(Runs.handMade(lostAppend(), List.of(), "not linearisable"), "replay");
    assertTrue(html.contains("\"ev\":[]"), "no events");
    assertTrue(html.contains("2 client lanes"), "the header counts the client lanes the diagram draws");
    assertTrue(html.contains("none recorded"), "the header says why the diagram is empty");
    assertTrue(html.contains("[2,\"client 1 (node 2)\"],[3,\"client 2 (node 3)\"]"), "client lanes come from the history");
  }

  @Test
  void aHugeTraceIsEmbeddedAroundTheOpeningWindowOnly() {
    int size = RunData.EVENTS_EMBEDDED_MAX * 2;
    List<TraceEvent> huge = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      huge.add(new TraceEvent(i, i * 10L, TraceKind.TIMER, 0, -1, "tick"));
    }
    int max = RunData.EVENTS_EMBEDDED_MAX;
    assertEquals(new RunData.Span(max - max / 4, 2 * max - max / 4),
        RunData.span(huge, new ReportWindow(max * 10L, 1_000)), "a quarter before the window, the rest after");
    assertEquals(new RunData.Span(0, max), RunData.span(huge, new ReportWindow(0, 1_000)));
    assertEquals(new RunData.Span(max, 2 * max), RunData.span(huge, new ReportWindow(size * 10L, 1_000)));
    assertEquals(new RunData.Span(0, 3), RunData.span(smallTrace().subList(0, 3), new ReportWindow(5, 10)),
        "a small trace is embedded whole");
  }

  @Test
  void theSameRunGivesTheSameBytes() {
    ScenarioRunner runner = ScenarioRunner.reference().withRecordTrace(true);
    var scenario = new Catalog().require("unreliable");
    ScenarioResult first = runner.run(scenario, 7);
    ScenarioResult second = runner.run(scenario, 7);
    assertFalse(first.trace().isEmpty());
    String html = RunReport.render(first, first.replayCommand());
    assertEquals(html, RunReport.render(second, second.replayCommand()), "two runs of one seed, one page");
    assertEquals(html, RunReport.render(first, first.replayCommand()), "rendering twice, one page");
    assertTrue(html.contains("<code>unreliable</code>") && html.contains("./omnisim run unreliable --seed 7"));
  }

  private static String dataHead(String html) {
    int at = html.indexOf("id=\"run-data\">");
    return html.substring(at, Math.min(html.length(), at + 600));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  static Set<String> ids(String html, String regex) {
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile(regex).matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
