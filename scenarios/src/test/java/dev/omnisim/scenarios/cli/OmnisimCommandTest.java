package dev.omnisim.scenarios.cli;

import static dev.omnisim.scenarios.cli.CommandRun.omnisim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: bad input is one error line and exit status 2; a passing run prints the lab's line. */
class OmnisimCommandTest {
  @TempDir Path out;



  private static void assertOneErrorLine(CommandRun o, String... mustMention) {
    assertEquals(2, o.status(), "bad input must exit with status 2; err was: " + o.err());
    assertEquals(1, o.errLines().size(), "bad input must print exactly one error line, printed:\n" + o.err());
    String line = o.errLines().get(0);
    assertTrue(line.startsWith("omnisim: "), "the error line must say who speaks: " + line);
    for (String word : mustMention) {
      assertTrue(line.contains(word), "the error line must mention '" + word + "': " + line);
    }
    assertEquals("", o.out(), "bad input must run nothing, but stdout got:\n" + o.out());
  }

  @Test
  void runOfAnUnknownScenarioPrintsOneErrorLineNamingItAndExits2() {
    CommandRun o = omnisim("run", "no-such-scenario", "--out", out.toString());
    assertOneErrorLine(o, "unknown scenario 'no-such-scenario'", "basic-one", "many-clients");
  }

  @Test
  void runWithASeedThatIsNotANumberPrintsOneErrorLineAndExits2() {
    CommandRun o = omnisim("run", "basic-one", "--seed", "abc", "--out", out.toString());
    assertOneErrorLine(o, "--seed", "abc");
  }

  @Test
  void runWithAnOutFolderThatIsARegularFilePrintsOneErrorLineAndExits2() throws IOException {
    Path file = Files.writeString(out.resolve("a-file"), "not a folder");
    CommandRun o = omnisim("run", "basic-one", "--out", file.toString());
    assertOneErrorLine(o, "cannot write to", "--out", file.toString());
  }

  @Test
  void suiteWithAnOutFolderThatIsARegularFilePrintsOneErrorLineAndExits2() throws IOException {
    Path file = Files.writeString(out.resolve("a-file"), "not a folder");
    CommandRun o = omnisim("suite", "--out", file.toString());
    assertOneErrorLine(o, "cannot write to", "--out", file.toString());
  }

  @Test
  void listNamesEveryScenarioOfTheCatalogInAlignedColumns() {
    CommandRun o = omnisim("list");
    assertEquals(0, o.status(), "list exits 0; err was: " + o.err());
    List<String> rows = o.out().lines().toList();
    int descriptionColumn = rows.get(0).indexOf("DESCRIPTION");
    for (var scenario : new Catalog().all()) {
      String row = rows.stream().filter(r -> r.startsWith(scenario.name() + " ")).findFirst()
          .orElseThrow(() -> new AssertionError("list does not name " + scenario.name() + ":\n" + o.out()));
      assertEquals(descriptionColumn, row.indexOf(scenario.description()),
          "the description of " + scenario.name() + " is not in the DESCRIPTION column: '" + row + "'");
    }
  }

  @Test
  void runOfAPassingScenarioExits0AndPrintsTheLabsLineWithSeedAndFingerprint() throws IOException {
    CommandRun o = omnisim("run", "basic-one", "--seed", "7", "--out", out.toString());
    assertEquals(0, o.status(), "a passing run exits 0; printed:\n" + o.out() + o.err());
    assertEquals("", o.err(), "a passing run prints nothing on stderr");
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size(), "a passing run prints the test's title and its result line:\n" + o.out());
    assertEquals("Test: Basic One Client ...", lines.get(0));
    Matcher m = Pattern.compile(
        "  \\.\\.\\. Passed -- +\\d+\\.\\d +3 +\\d+ +306   seed 7  wall \\d+ ms  fingerprint ([0-9a-f]{16})")
        .matcher(lines.get(1));
    assertTrue(m.matches(), "not the lab's line with seed, wall time and fingerprint: '" + lines.get(1) + "'");
    ScenarioResult same = ScenarioRunner.reference().run(new Catalog().require("basic-one"), 7);
    assertEquals(same.fingerprint(), m.group(1), "the printed fingerprint must be the run's");
    try (var left = Files.list(out)) {
      assertEquals(0, left.count(), "a passing run leaves no evidence in the out folder");
    }
  }
}
