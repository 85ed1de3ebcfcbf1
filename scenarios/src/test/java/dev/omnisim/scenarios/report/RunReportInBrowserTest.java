package dev.omnisim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.omnisim.lincheck.Verdict;
import dev.omnisim.scenarios.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opens the report of a failing run in headless Chromium: after the page's script ran, the diagram
 * has a lane per server and client and message arrows, and exactly the operations the checker could
 * not linearise are marked. It also leaves a screenshot in {@code target/run-report/} for people to
 * look at. Outside CI the test is skipped when Chromium is missing; in CI ({@code CI=true}) it fails.
 */
class RunReportInBrowserTest {
  private static final Path OUT = Path.of("target", "run-report");

  @Test
  void aFailingRunsReportShowsItsLanesArrowsAndFailingOperations() throws Exception {
    Path chromium = findChromium();
    // fuzz-3 seed 3: crashes, partitions and a leader change; a read after 3 s is made to answer wrong.
    ScenarioResult result = Runs.realRunWithWrongRead("fuzz-3", 3, 3_000_000);
    assertEquals(Verdict.ILLEGAL, result.check().verdict());
    Files.createDirectories(OUT);
    Path page = OUT.resolve("fuzz-3-seed3-wrong-read.html").toAbsolutePath();
    RunReport.write(page, result, result.replayCommand());

    String dom = run(chromium, "--dump-dom", page.toUri().toString());

    assertTrue(dom.contains("data-scripts-ran=\"true\""), "the page's script ran");
    assertEquals(Set.of("0", "1", "2", "3", "4", "5"), RunReportTest.ids(dom, "<g class=\"lane\" data-node=\"(\\d+)\""),
        "a lane per server (0-2) and per client (3-5)");
    assertTrue(dom.contains("<text class=\"lane-label\" x=\"6\" y=\"") && dom.contains(">server 0</text>")
        && dom.contains(">client 3 (node 5)</text>"), "lanes are labelled, clients by their Clerk as in history.jsonl");
    int arrows = RunReportTest.ids(dom, "<line class=\"msg[^\"]*\" data-i=\"(\\d+)\"").size();
    assertTrue(arrows > 100, "the default window shows the messages around the failure, drew " + arrows);
    Set<String> stuck = new TreeSet<>();
    result.check().partitions().forEach(p -> p.stuck().forEach(s -> stuck.add(String.valueOf(s.operation().id()))));
    assertFalse(stuck.isEmpty());
    assertEquals(stuck, RunReportTest.ids(dom, "<g class=\"op failing[^\"]*\" data-op-id=\"(\\d+)\" data-failing=\"true\""),
        "the failing operations are marked in the diagram's opening window");
    assertEquals(stuck, RunReportTest.ids(dom, "<li class=\"op failing\" data-failing=\"true\" data-op-id=\"(\\d+)\""),
        "and listed above it");
    assertEquals(Set.of(), RunReportTest.ids(dom, "<g class=\"op (?!failing)[^\"]*\" data-op-id=\"(\\d+)\" data-failing=\"true\""),
        "no other operation is marked");

    Path screenshot = OUT.resolve("fuzz-3-seed3-wrong-read.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    run(chromium, "--window-size=1500,1300", "--screenshot=" + screenshot, page.toUri().toString());
    assertTrue(Files.size(screenshot) > 50_000, "a screenshot with something on it: " + screenshot);
  }

  static Path findChromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("Chromium is missing; CI must have it (.ci/run installs Debian's chromium package)");
    }
    Assumptions.abort("Chromium is not installed; the browser test runs in CI");
    return null;
  }

  /** Runs headless Chromium with a throwaway profile and returns what it printed. */
  static String run(Path chromium, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("omnisim-chromium-profile");
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("omnisim-chromium", ".out");
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("Chromium did not finish within 90 s");
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
