package dev.omnisim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.compare.CompareReport;
import dev.omnisim.scenarios.compare.CompareResults;
import dev.omnisim.scenarios.compare.CompareRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Opens the page of {@code omnisim compare --html} in headless Chromium: Table 1 has a row per protocol
 * with each verdict in its cell, and each scenario has its two bar charts with one bar per protocol and
 * timeout. Leaves a screenshot in {@code target/compare-report/}. Skipped outside CI without Chromium.
 */
class CompareReportInBrowserTest {
  private static final Path OUT = Path.of("target", "compare-report");

  @Test
  void thePageShowsTable1AndTheBarCharts() throws Exception {
    Path chromium = RunReportInBrowserTest.findChromium();
    List<CompareRun> runs = new ArrayList<>();
    for (String scenario : List.of("quorum-loss", "constrained-election", "chained")) {
      for (long timeout : List.of(50L, 500L, 5000L)) {
        for (long seed = 1; seed <= 3; seed++) {
          runs.add(new CompareRun("omnipaxos", scenario, timeout, seed, true, 2 * timeout + seed, 4000 + seed, 1, null));
          boolean stuck = !scenario.equals("chained");
          runs.add(new CompareRun("weak", scenario, timeout, seed, !stuck, stuck ? 60_000 : 20, stuck ? 0 : 3900, 0, null));
          runs.add(new CompareRun("restless", scenario, timeout, seed, !stuck, stuck ? 60_000 : 20, stuck ? 0 : 3900,
              stuck ? 200 : 50, null));
        }
      }
    }
    Files.createDirectories(OUT);
    Path page = OUT.resolve("compare.html").toAbsolutePath();
    Files.writeString(page, CompareReport.html(new CompareResults(runs), "a hand-made matrix"), StandardCharsets.UTF_8);

    String dom = RunReportInBrowserTest.run(chromium, "--dump-dom", page.toUri().toString());

    assertEquals(Set.of("omnipaxos", "weak", "restless"), RunReportTest.ids(dom, "<tr data-protocol=\"([a-z]+)\""));
    assertTrue(dom.contains("<tr data-protocol=\"omnipaxos\"><th>omnipaxos</th><td class=\"recovers\" "
        + "data-scenario=\"quorum-loss\">recovers</td>"), "OmniPaxos recovers in quorum loss");
    assertTrue(dom.contains("<td class=\"deadlock\" data-scenario=\"quorum-loss\">deadlock</td>"), "the weak one deadlocks");
    assertTrue(dom.contains("<td class=\"livelock\" data-scenario=\"constrained-election\">livelock</td>"),
        "the restless one livelocks");
    assertEquals(6, count(dom, "<svg class=\"chart\""), "two charts per scenario");
    assertEquals(6 * 3 * 3, count(dom, "<rect class=\"bar\""), "a bar per protocol and timeout in every chart");

    Path screenshot = OUT.resolve("compare.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    RunReportInBrowserTest.run(chromium, "--window-size=1300,1400", "--screenshot=" + screenshot, page.toUri().toString());
    assertTrue(Files.size(screenshot) > 20_000, "a screenshot with something on it: " + screenshot);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
