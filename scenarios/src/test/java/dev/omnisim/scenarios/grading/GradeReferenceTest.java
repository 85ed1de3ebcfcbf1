package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.grading.fixtures.ReferenceSubmission;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference implementation, handed in as a jar, earns every point of the lab's rubric on its default seeds. */
class GradeReferenceTest {
  @TempDir Path temp;

  @Test
  void theReferenceHandedInAsAJarScoresFullMarksOnTheLabRubric() throws Exception {
    Path jar = SubmissionJars.jar(temp, "reference", ReferenceSubmission.class);
    Catalog catalog = new Catalog();
    Rubric lab = Rubric.suite("lab", catalog);
    assertEquals(11, lab.items().size());
    assertEquals(3, lab.seeds());
    assertEquals(110, lab.maxPoints());

    Grade grade = new Grader(lab, GradeOptions.defaults(), catalog).grade(Grader.Input.of(jar));

    assertEquals(110, grade.score(), () -> GradeReports.markdown(grade));
    assertEquals("reference", grade.submission());
    GradeReports.write(grade, temp.resolve("out"));
    String junit = Files.readString(temp.resolve("out").resolve(GradeReports.JUNIT));
    assertEquals(33, junit.split("<testcase ", -1).length - 1, "one test case per scenario x seed");
    assertTrue(junit.contains("failures=\"0\""), junit);
    assertTrue(Files.readString(temp.resolve("out").resolve(GradeReports.MARKDOWN))
        .contains("**Score: 110 / 110**"));
    assertTrue(Files.readString(temp.resolve("out").resolve(GradeReports.JSON)).contains("\"score\" : 110"));
  }
}
