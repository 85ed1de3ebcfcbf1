package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.cli.OmnisimCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new-submission} writes a project that compiles against the API and, being empty, fails honestly. */
class GradeTemplateTest {
  @TempDir Path temp;

  @Test
  void theTemplateCompilesAndItsEmptyStubsScoreZero() throws Exception {
    Path project = temp.resolve("student");
    assertEquals(0, OmnisimCommand.execute("new-submission", project.toString()));
    assertTrue(Files.isRegularFile(project.resolve("src/main/java/student/MyOmniPaxos.java")));
    assertTrue(Files.readString(project.resolve("README.md")).contains("./omnisim grade --submission"));

    Rubric rubric = new Rubric("one", 1, List.of(new Rubric.Item("basic-one", 10)));
    Grade grade = new Grader(rubric, GradeOptions.defaults(), new Catalog()).grade(Grader.Input.of(project));

    assertEquals(0, grade.score());
    String failure = grade.scenarios().get(0).runs().get(0).failure();
    assertTrue(failure.startsWith("no progress"), failure);
    assertEquals(2, OmnisimCommand.execute("new-submission", project.toString()), "refuses a folder that is not empty");
  }

  @Test
  void aProjectThatOverridesNothingIsTheReferenceAndReplaysInProcess() throws Exception {
    Path project = temp.resolve("reference");
    OmnisimCommand.execute("new-submission", project.toString());
    Files.writeString(project.resolve("src/main/java/student/MySubmission.java"), """
        package student;
        public final class MySubmission implements dev.omnisim.scenarios.grading.api.Submission {}
        """);
    assertEquals(0, OmnisimCommand.execute("run", "fig5c-one", "--seed", "2", "--submission", project.toString(),
        "--out", temp.resolve("out").toString()));

    Files.writeString(project.resolve("src/main/java/student/MySubmission.java"), "package student; class Broken {");
    assertEquals(2, OmnisimCommand.execute("run", "basic-one", "--submission", project.toString()),
        "a submission that does not compile is bad input");
  }
}
