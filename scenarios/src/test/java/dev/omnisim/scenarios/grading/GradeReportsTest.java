package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same submission, rubric and seeds give the same report bytes, wall-time fields aside. */
class GradeReportsTest {
  @TempDir Path temp;

  @Test
  void gradingTwiceGivesByteIdenticalReportsApartFromWallTimes() throws Exception {
    Path jar = SubmissionJars.jar(temp, "local-reads", BrokenSubmissions.LocalReadsAnywhere.class, BrokenServers.class);
    Rubric rubric = new Rubric("two", 1, List.of(new Rubric.Item("basic-one", 5), new Rubric.Item("fig5c-many", 15)));
    Grader grader = new Grader(rubric, GradeOptions.defaults(), new Catalog());

    Grade first = grader.grade(Grader.Input.of(jar));
    GradeReports.write(first, temp.resolve("a"));
    Grade second = grader.grade(Grader.Input.of(jar));
    GradeReports.write(second, temp.resolve("b"));

    assertEquals(5, first.score(), GradeReports.markdown(first));
    String md = read("a", GradeReports.MARKDOWN);
    assertEquals(md, read("b", GradeReports.MARKDOWN));
    assertEquals(withoutWallTime(read("a", GradeReports.JSON)), withoutWallTime(read("b", GradeReports.JSON)));
    assertEquals(withoutTimes(read("a", GradeReports.JUNIT)), withoutTimes(read("b", GradeReports.JUNIT)));
    assertTrue(md.contains("### `fig5c-many`, seed 1"), md);
    assertTrue(md.contains("./omnisim run fig5c-many --seed 1 --submission " + jar), md);
    // The replay command's in-process run is the graded run, event for event.
    RunOutcome graded = first.scenarios().get(1).runs().get(0);
    assertEquals(graded.fingerprint(), SubmissionLoader.runner(SubmissionLoader.loadFrom(jar), "jar")
        .run(new Catalog().require("fig5c-many"), 1).fingerprint());
  }

  @Test
  void theWallTimesAreTheOnlyFieldsThatDependOnTheClock() {
    Grade fast = grade(3);
    Grade slow = grade(4_000);
    assertEquals(GradeReports.markdown(fast), GradeReports.markdown(slow));
    assertEquals(withoutWallTime(GradeReports.json(fast)), withoutWallTime(GradeReports.json(slow)));
    assertNotEquals(GradeReports.json(fast), GradeReports.json(slow));
    assertEquals(withoutTimes(GradeReports.junit(fast)), withoutTimes(GradeReports.junit(slow)));
    assertEquals(GradeReports.gradebook(List.of(fast), fast.rubric()), GradeReports.gradebook(List.of(slow), slow.rubric()));
  }

  @Test
  void theJunitReportEscapesWhatXmlCannotHoldAndTheGradebookIsSortedByName() {
    Grade g = grade(1);
    String junit = GradeReports.junit(g);
    // The whole failure in message=, not only its first line: CI tools often show only the attribute.
    assertTrue(junit.contains("message=\"history is not linearizable &lt;&amp;&gt; &quot;x&quot;&#10;  counterexample\""), junit);
    assertTrue(junit.contains("<testcase classname=\"omnisim.basic-one\" name=\"seed 1\" time=\"0.001\"/>"), junit);
    Grade other = new Grade("alice", "subs/alice.jar", g.rubric(), g.scenarios(), 0);
    assertEquals("submission,status,score,max,basic-one,unreliable\nalice,points lost,10,30,10,0\nbob,points lost,10,30,10,0\n",
        GradeReports.gradebook(List.of(g, other), g.rubric()));
  }

  private static Grade grade(long wallMillis) {
    Rubric rubric = new Rubric("r", 1, List.of(new Rubric.Item("basic-one", 10), new Rubric.Item("unreliable", 20)));
    RunOutcome pass = new RunOutcome("basic-one", 1, null, "  ... Passed --   0.7  3  2300  306", "32478b63efc49156", wallMillis);
    RunOutcome fail = new RunOutcome("unreliable", 1, "history is not linearizable <&> \"x\"\n  counterexample", "  ... FAILED --   1.7  3   270   15",
        "f1f5b01ac5047e62", wallMillis);
    return new Grade("bob", "subs/bob.jar", rubric, List.of(
        new Grade.ScenarioGrade("basic-one", "Basic One Client", 10, List.of(pass)),
        new Grade.ScenarioGrade("unreliable", "Unreliable", 20, List.of(fail))), wallMillis);
  }

  private String read(String folder, String file) throws Exception {
    return Files.readString(temp.resolve(folder).resolve(file));
  }

  private static String withoutWallTime(String json) {
    int at = json.indexOf("\"wallTime\"");
    assertTrue(at > 0, json);
    return json.substring(0, at);
  }

  private static String withoutTimes(String junit) {
    return junit.replaceAll(" time=\"[0-9.]+\"", "");
  }
}
