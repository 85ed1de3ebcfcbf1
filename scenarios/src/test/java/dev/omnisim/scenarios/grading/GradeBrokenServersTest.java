package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.cli.OmnisimCommand;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each broken server of {@link BrokenServers}, handed in as a jar, loses exactly the points of the lab
 * scenarios that catch it on the seeds graded — the same verdicts as running those scenarios in this
 * JVM — and no others. Seeds 1..2 here, to keep the test short.
 */
class GradeBrokenServersTest {
  @TempDir Path temp;

  @Test
  void aBatchOfBrokenServersLosesThePointsOfTheScenariosThatCatchThem() throws Exception {
    Path subs = temp.resolve("submissions");
    SubmissionJars.jar(subs, "no-duplicate-detection", BrokenSubmissions.NoDuplicateDetection.class, BrokenServers.class);
    SubmissionJars.jar(subs, "local-reads-at-the-leader", BrokenSubmissions.LocalReadsAtTheLeader.class, BrokenServers.class);
    SubmissionJars.jar(subs, "local-reads-anywhere", BrokenSubmissions.LocalReadsAnywhere.class, BrokenServers.class);
    Path out = temp.resolve("out");

    int status = OmnisimCommand.execute("grade", "--submissions", subs.toString(), "--seeds", "2", "--out", out.toString());

    assertEquals(0, status);
    List<String> gradebook = Files.readAllLines(out.resolve(GradeReports.GRADEBOOK));
    List<Scenario> lab = new Catalog().labSuite();
    assertEquals("submission,status,score,max," + String.join(",", lab.stream().map(Scenario::name).toList()), gradebook.get(0));
    // The rows the grader writes from child JVMs must be exactly what running the same scenarios and
    // seeds in this JVM earns: a scenario scores 10 only when both seeds pass. Which scenarios catch a
    // variant depends on the protocol's timing, so the expectation is computed, not written down.
    assertEquals(List.of(
        expectedRow("local-reads-anywhere", BrokenServers.READING_LOCALLY_ANYWHERE, lab),
        expectedRow("local-reads-at-the-leader", BrokenServers.READING_LOCALLY_AT_THE_LEADER, lab),
        expectedRow("no-duplicate-detection", BrokenServers.WITHOUT_DUPLICATE_DETECTION, lab)),
        gradebook.subList(1, gradebook.size()));
    // Not vacuous: the local reads are caught by the lab's scenarios on these seeds (a retried Append
    // applied twice needs a lost reply on the unreliable network, which seeds 1..2 may not bring).
    assertTrue(!gradebook.get(1).contains(",110,110,") && !gradebook.get(2).contains(",110,110,"),
        "servers reading locally lose points on the lab rubric: " + gradebook);
    for (String name : List.of("no-duplicate-detection", "local-reads-at-the-leader", "local-reads-anywhere")) {
      assertTrue(Files.isRegularFile(out.resolve(name).resolve(GradeReports.MARKDOWN)), name);
    }
    // The student's page names each failed run, what failed, and the command that replays it locally.
    String md = Files.readString(out.resolve("local-reads-anywhere").resolve(GradeReports.MARKDOWN));
    assertTrue(md.contains("### `"), md);
    assertTrue(java.util.regex.Pattern.compile("get wrong value|missing element|not linearizable").matcher(md).find(), md);
    assertTrue(md.contains("--submission " + subs.resolve("local-reads-anywhere.jar")), md);
  }

  /** The gradebook row {@code name} should get: 10 points for each lab scenario passing seeds 1 and 2. */
  private static String expectedRow(String name, BrokenServers variant, List<Scenario> lab) {
    StringBuilder row = new StringBuilder();
    int score = 0;
    for (Scenario s : lab) {
      boolean passes = variant.runner().run(s, 1).passed() && variant.runner().run(s, 2).passed();
      score += passes ? 10 : 0;
      row.append(',').append(passes ? 10 : 0);
    }
    return name + "," + (score == 110 ? "full marks" : "points lost") + "," + score + ",110" + row;
  }

  @Test
  void aServerThatForgetsToPersistFailsEveryPersistScenarioOnTheDecidedPrefixInvariant() throws Exception {
    Path jar = SubmissionJars.jar(temp, "forgets-to-persist", BrokenSubmissions.ForgetsToPersist.class, BrokenServers.class);
    Path rubric = temp.resolve("persistence.json");
    Files.writeString(rubric, """
        {"name": "persistence", "seeds": 2, "scenarios": [
          {"scenario": "persist-one", "points": 10},
          {"scenario": "persist-many", "points": 10},
          {"scenario": "persist-partitions-unreliable", "points": 20}]}
        """);
    Path out = temp.resolve("out");

    int status = OmnisimCommand.execute("grade", "--submission", jar.toString(), "--rubric", rubric.toString(),
        "--out", out.toString());

    assertEquals(1, status, "points were lost");
    String json = Files.readString(out.resolve(GradeReports.JSON));
    // Before the invariants, the lab's persist scenarios passed it (its clients never read a lost value).
    assertTrue(json.contains("\"score\" : 0,"), json);
    assertTrue(json.contains("\"max\" : 40,"), json);
    String md = Files.readString(out.resolve(GradeReports.MARKDOWN));
    assertTrue(md.contains("| `persist-one` | Persist One Client | 0 / 10 | 0 of 2 ✗ |"), md);
    assertTrue(md.contains("| `persist-partitions-unreliable` | Persist Partitions Unreliable | 0 / 20 | 0 of 2 ✗ |"), md);
    assertTrue(md.contains("invariant 'decided prefix immutable'"), md);
  }
}
