package dev.omnisim.lincheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a failing history in headless Chromium and checks, on the DOM after its
 * script ran, that exactly the operations that could not be linearised are marked. Outside CI the
 * test is skipped when Chromium is missing; in CI ({@code CI=true}) it fails instead.
 */
class HtmlReportInBrowserTest {

  /** A lost append on key x among three clients, and a healthy key y beside it. */
  static History<KvOp, String> lostAppendHistory() {
    return new History<>(List.of(
        Operation.completed(0, 0, 0, 10, new KvOp.Append("x", "a"), null),
        Operation.completed(1, 1, 5, 15, new KvOp.Put("y", "1"), null),
        Operation.completed(2, 1, 20, 30, new KvOp.Append("x", "b"), null),
        Operation.pending(3, 2, 25, new KvOp.Append("x", "c")),
        Operation.completed(4, 0, 40, 50, new KvOp.Get("x"), "bc"),
        Operation.completed(5, 2, 41, 45, new KvOp.Get("y"), "1")));
  }

  @Test
  void failingOperationsAreMarkedAfterScriptsRan(@TempDir Path dir) throws Exception {
    Path chromium = findChromium();
    CheckResult<KvOp, String> result = new Checker().check(new KvModel(), lostAppendHistory());
    assertEquals(Verdict.ILLEGAL, result.verdict());
    Path report = dir.resolve("report.html");
    HtmlReport.write(report, new KvModel(), result, "lost append");

    String dom = run(chromium, dir, "--dump-dom", report.toUri().toString());

    assertTrue(dom.contains("data-scripts-ran=\"true\""), "the report's script ran");
    Set<String> markedInTimeline = ids(dom, "<g class=\"op failing[^\"]*\" data-op-id=\"(\\d+)\" data-failing=\"true\"");
    Set<String> stuck = new TreeSet<>();
    result.partitions().forEach(p -> p.stuck().forEach(s -> stuck.add(String.valueOf(s.operation().id()))));
    assertEquals(Set.of("4"), stuck, "the get of \"bc\" is the one that cannot be linearised: append a was lost");
    assertEquals(stuck, markedInTimeline);
    assertEquals(stuck, ids(dom, "<li class=\"failing-link\" data-target-op-id=\"(\\d+)\""),
        "the script lists the failing operations in #failing-summary");
    assertEquals(Set.of(), ids(dom, "<g class=\"op(?! failing)[^\"]*\" data-op-id=\"(\\d+)\" data-failing=\"true\""),
        "no other operation is marked");
  }

  private static Set<String> ids(String dom, String regex) {
    Set<String> ids = new TreeSet<>();
    Matcher matcher = Pattern.compile(regex).matcher(dom);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
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
  static String run(Path chromium, Path dir, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish within 60 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
