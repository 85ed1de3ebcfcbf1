package dev.omnisim.scenarios.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link SimulationTest} runs a method once per seed and, when a seed fails, prints the seed, the
 * command that replays it and the evidence folder, and writes the evidence there; a passing seed
 * prints and writes nothing. The methods are {@link SimulationTestFixture}'s, run through the JUnit
 * Platform's engine test kit with standard error captured.
 */
class SimulationTestExtensionTest {
  @TempDir Path evidence;

  /** What one run of a fixture method showed: the test kit's events and what was printed on stderr. */
  private record Outcome(EngineExecutionResults results, String stderr) {
    List<String> passed() {
      return results.testEvents().succeeded().list().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    List<Event> failed() {
      return results.testEvents().failed().list();
    }
  }

  private Outcome run(String method, String... parameters) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SimulationTestFixture.ARMED, "true")
        .configurationParameter(SimulationTestExtension.EVIDENCE, evidence.toString())
        .selectors(selectMethod(SimulationTestFixture.class, method, parameterType(method)));
    for (int i = 0; i < parameters.length; i += 2) {
      kit = kit.configurationParameter(parameters[i], parameters[i + 1]);
    }
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      EngineExecutionResults results = kit.execute();
      return new Outcome(results, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  private static String parameterType(String method) {
    return method.equals("failsOnSeedTwo") ? "long" : SimulationRun.class.getName();
  }

  @Test
  void aPassingMethodRunsOncePerSeedAndPrintsAndWritesNothing() throws IOException {
    Outcome outcome = run("theReferencePassesBasicOne");
    assertEquals(List.of("seed 1", "seed 2"), outcome.passed());
    assertTrue(outcome.failed().isEmpty());
    assertFalse(outcome.stderr().contains("omnisim:"), outcome.stderr());
    try (var files = Files.list(evidence)) {
      assertEquals(0, files.count(), "a passing seed writes no evidence");
    }
  }

  @Test
  void aFailingSeedPrintsItsSeedReplayCommandAndEvidenceFolder() throws IOException {
    Outcome outcome = run("aServerReadingLocallyPassesFig5cMany");
    assertEquals(1, outcome.failed().size(), outcome.results().testEvents().list().toString());
    Path folder = evidence.resolve("SimulationTestFixture.aServerReadingLocallyPassesFig5cMany-seed1").toAbsolutePath();
    String method = "dev.omnisim.scenarios.junit.SimulationTestFixture#aServerReadingLocallyPassesFig5cMany";
    List<String> lines = outcome.stderr().lines().filter(l -> l.startsWith("omnisim:") || l.startsWith("  ")).toList();
    assertEquals(3, lines.size(), outcome.stderr());
    assertEquals("omnisim: SimulationTestFixture.aServerReadingLocallyPassesFig5cMany failed with seed 1", lines.get(0));
    assertTrue(lines.get(1).matches("  replay:   (\\./mvnw|mvn) test -Dtest='" + method.replace("$", "\\$")
        + "' -Domnisim\\.seed=1"), lines.get(1));
    assertEquals("  evidence: " + folder, lines.get(2));

    // The failure itself is the test's own, with the same notice attached for IDEs and Surefire's report.
    Throwable thrown = outcome.failed().get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    assertTrue(thrown instanceof AssertionError, thrown.toString());
    assertTrue(thrown.getMessage().startsWith("fig5c-many failed with seed 1: "), thrown.getMessage());
    assertEquals(1, thrown.getSuppressed().length);
    assertTrue(thrown.getSuppressed()[0].toString().contains("evidence: " + folder), thrown.getSuppressed()[0].toString());

    // The evidence: what failed and how to replay it, the client history the checker reads, the attachment.
    String failure = Files.readString(folder.resolve("failure.txt"));
    assertTrue(failure.contains("seed:        1\n"), failure);
    assertTrue(failure.contains("scenario:    fig5c-many\n"), failure);
    assertTrue(failure.contains("-Domnisim.seed=1"), failure);
    assertTrue(failure.contains(thrown.getMessage()), failure);
    List<String> history = Files.readAllLines(folder.resolve("history.jsonl"));
    assertFalse(history.isEmpty());
    assertTrue(history.get(0).contains("\"client\""), history.get(0));
    assertEquals("reads bypass the log on every server", Files.readString(folder.resolve("note.txt")));
  }

  @Test
  void onlyTheFailingSeedOfASeedParameterIsReported() {
    Outcome outcome = run("failsOnSeedTwo");
    assertEquals(List.of("seed 1", "seed 3"), outcome.passed());
    assertEquals(1, outcome.failed().size());
    assertEquals("seed 2", outcome.failed().get(0).getTestDescriptor().getDisplayName());
    assertTrue(outcome.stderr().contains("omnisim: SimulationTestFixture.failsOnSeedTwo failed with seed 2\n"),
        outcome.stderr());
    assertFalse(outcome.stderr().contains("with seed 1") || outcome.stderr().contains("with seed 3"), outcome.stderr());
  }

  @Test
  void theReplayPropertyRunsOnlyThatSeed() {
    Outcome outcome = run("failsOnSeedTwo", SimulationTestExtension.SEED, "3");
    assertEquals(List.of("seed 3"), outcome.passed());
    assertTrue(outcome.failed().isEmpty());

    Outcome replayed = run("failsOnSeedTwo", SimulationTestExtension.SEED, "2");
    assertEquals(1, replayed.failed().size());
    assertEquals(List.of(), replayed.passed());
  }

  @Test
  void aSeedRangeReplacesTheAnnotationsSeeds() {
    Outcome outcome = run("failsOnSeedTwo", SimulationTestExtension.SEEDS, "3..6");
    assertEquals(List.of("seed 3", "seed 4", "seed 5", "seed 6"), outcome.passed());
  }

  @Test
  void aMalformedSeedFailsWithOneLineNamingItAndItsValue() {
    for (String[] bad : List.of(new String[] {SimulationTestExtension.SEED, "abc",
            "omnisim.seed: 'abc' is not a seed (a whole number)"},
        new String[] {SimulationTestExtension.SEEDS, "9..3",
            "omnisim.seeds: '9..3' is not a range A..B with A <= B and at most 1000000 seeds"},
        new String[] {SimulationTestExtension.SEEDS, "-9000000000000000000..9000000000000000000",
            "omnisim.seeds: '-9000000000000000000..9000000000000000000' is not a range A..B with A <= B and at most"
                + " 1000000 seeds"},
        new String[] {SimulationTestExtension.SEEDS, "1,x", "omnisim.seeds: '1,x' is not A..B or a comma list of seeds"
            + " (whole numbers)"})) {
      Outcome outcome = run("failsOnSeedTwo", bad[0], bad[1]);
      List<Event> failed = outcome.results().containerEvents().failed().list();
      assertEquals(1, failed.size(), outcome.results().allEvents().list().toString());
      Throwable thrown = failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      assertEquals(bad[2], thrown.getMessage());
      assertTrue(outcome.passed().isEmpty());
    }
  }
}
