package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.grading.fixtures.MisbehavingSubmissions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that hangs, exits, throws or exhausts its heap fails the scenarios where it does so,
 * with the reason, and grading carries on: the next scenario runs in a fresh child JVM, and the
 * other submissions are graded. A submission whose two runs of a seed differ scores 0 there.
 */
class GradeIsolationTest {
  @TempDir Path temp;

  /** basic-one and basic-many have 3 servers, fig5a-one 5: the fixtures misbehave only with 5. */
  private static final Rubric RUBRIC = new Rubric("isolation", 1, List.of(
      new Rubric.Item("basic-one", 10), new Rubric.Item("fig5a-one", 10), new Rubric.Item("basic-many", 10)));

  @Test
  void misbehavingSubmissionsFailOnlyWhereTheyMisbehaveWithTheReason() throws Exception {
    List<Grader.Input> inputs = List.of(
        input("hangs", MisbehavingSubmissions.Hangs.class),
        input("exits", MisbehavingSubmissions.Exits.class),
        input("throws", MisbehavingSubmissions.Throws.class),
        input("exhausts-the-heap", MisbehavingSubmissions.ExhaustsTheHeap.class));
    // The limit leaves room for a loaded machine: at load 27 on 2 cores a cold child needs 13-18 s for
    // basic-many, and 8 s timed out the runs that should pass. Only the hanging run waits it out.
    GradeOptions options = GradeOptions.defaults().withTimeLimitSeconds(40).withHeapMegabytes(128);

    List<Grade> grades = new Grader(RUBRIC, options, new Catalog()).gradeAll(inputs);

    assertFailsFig5aOnly(grades.get(0), "timeout: no result within 40 s of wall time");
    assertFailsFig5aOnly(grades.get(1), "exited with status 42");
    assertFailsFig5aOnly(grades.get(2), "student bug: submit is not implemented for 5 servers");
    assertFailsFig5aOnly(grades.get(3), "out of memory (heap limit 128 MB)");
  }

  @Test
  void aSubmissionThatReadsTheWallClockIsNondeterministicAndScoresZero() throws Exception {
    Rubric one = new Rubric("one", 1, List.of(new Rubric.Item("basic-many", 10)));
    Grade grade = new Grader(one, GradeOptions.defaults(), new Catalog())
        .grade(input("wall-clock", MisbehavingSubmissions.ReadsTheWallClock.class));

    assertEquals(0, grade.score());
    String failure = grade.scenarios().get(0).runs().get(0).failure();
    assertTrue(failure.startsWith("nondeterministic (uses threads, the wall clock or unseeded randomness?)"), failure);
  }

  @Test
  void aSubmissionThatCannotBeLoadedScoresZeroWithTheReason() throws Exception {
    Path empty = java.nio.file.Files.createDirectories(temp.resolve("empty/src/main/java"));
    Grade grade = new Grader(RUBRIC, GradeOptions.defaults(), new Catalog()).grade(Grader.Input.of(empty.getParent().getParent().getParent()));

    assertEquals(0, grade.score());
    assertTrue(grade.loadError() != null && grade.loadError().contains("holds no .java file"), grade.loadError());
    assertEquals("cannot load", grade.status());
    assertTrue(grade.scenarios().stream().allMatch(s -> s.runs().isEmpty()), "the reason is said once, no run made");
  }

  private Grader.Input input(String name, Class<? extends dev.omnisim.scenarios.grading.api.Submission> provider)
      throws Exception {
    return Grader.Input.of(SubmissionJars.jar(temp, name, provider, MisbehavingSubmissions.class));
  }

  private static void assertFailsFig5aOnly(Grade grade, String reason) {
    String report = GradeReports.markdown(grade);
    assertEquals(20, grade.score(), report);
    assertTrue(grade.scenarios().get(0).passed(), report);
    assertTrue(grade.scenarios().get(2).passed(), "grading carried on after the child died: " + report);
    String failure = grade.scenarios().get(1).runs().get(0).failure();
    assertTrue(failure.contains(reason), grade.submission() + ": wanted '" + reason + "', got: " + failure);
  }
}
