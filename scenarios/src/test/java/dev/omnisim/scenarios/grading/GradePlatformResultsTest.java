package dev.omnisim.scenarios.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnisim.scenarios.cli.OmnisimCommand;
import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.grading.fixtures.BrokenSubmissions;
import dev.omnisim.scenarios.grading.fixtures.ReferenceSubmission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade --format gradescope} and {@code --format prairielearn} write the platforms'
 * {@code results.json} with exactly the fields their documentation names: for the reference, full
 * marks; for a server that reads locally, points lost with a hint and the checker's counterexample.
 * Gradescope (autograder specifications): top level {@code score}, {@code execution_time}, {@code
 * output}, {@code tests}; each test {@code name}, {@code score}, {@code max_score}, {@code status},
 * {@code output}, {@code visibility}. PrairieLearn (external grading): {@code gradable}, {@code score}
 * in 0..1, {@code message}, {@code tests} with {@code name}, {@code points}, {@code max_points}, {@code output}.
 */
class GradePlatformResultsTest {
  /**
   * On seed 1 local reads pass basic-one, fail fig5c-many on the lab's check ("get wrong value") and
   * many-clients on linearizability (so the checker's counterexample shows). (basic-many caught them
   * until followers stopped lagging a resend timeout behind after every reordered batch.)
   */
  private static final String RUBRIC = """
      {"name": "platforms", "seeds": 1, "scenarios": [
        {"scenario": "basic-one", "points": 10}, {"scenario": "fig5c-many", "points": 15},
        {"scenario": "many-clients", "points": 20}]}
      """;
  private static final Set<String> GRADESCOPE_TOP = Set.of("score", "execution_time", "output", "tests");
  private static final Set<String> GRADESCOPE_TEST = Set.of("name", "score", "max_score", "status", "output", "visibility");
  private static final Set<String> PRAIRIELEARN_TOP = Set.of("gradable", "score", "message", "tests");
  private static final Set<String> PRAIRIELEARN_TEST = Set.of("name", "points", "max_points", "output");

  @TempDir static Path temp;
  private final ObjectMapper json = new ObjectMapper();
  private static Path subs;
  private static Path rubric;

  @BeforeAll
  static void submissions() throws Exception {
    subs = temp.resolve("subs");
    SubmissionJars.jar(subs, "reference", ReferenceSubmission.class);
    SubmissionJars.jar(subs, "local-reads", BrokenSubmissions.LocalReadsAnywhere.class, BrokenServers.class);
    rubric = Files.writeString(temp.resolve("rubric.json"), RUBRIC);
  }

  @Test
  void gradescopeResultsGiveTheReferenceFullMarksAndTheBrokenServerItsLostPointsWithHints() throws Exception {
    Path outRef = temp.resolve("gs-ref");
    assertEquals(0, OmnisimCommand.execute("grade", "--submission", subs.resolve("reference.jar").toString(),
        "--rubric", rubric.toString(), "--format", "gradescope", "--out", outRef.toString()));
    JsonNode ref = gradescope(outRef.resolve(GradeReports.RESULTS));
    assertEquals(45, ref.get("score").asDouble());
    ref.get("tests").forEach(t -> assertEquals("passed", t.get("status").asText(), t.toString()));
    assertTrue(ref.get("output").asText().contains("commit"), "the summary records the omnisim that graded");

    Path outBad = temp.resolve("gs-bad");
    assertEquals(1, OmnisimCommand.execute("grade", "--submission", subs.resolve("local-reads.jar").toString(),
        "--rubric", rubric.toString(), "--format", "gradescope", "--out", outBad.toString()));
    JsonNode bad = gradescope(outBad.resolve(GradeReports.RESULTS));
    assertTrue(bad.get("score").asDouble() < 45, bad.toString());
    JsonNode failed = failedTest(bad, "status", "failed");
    assertEquals(0, failed.get("score").asDouble());
    assertHintAndCounterexample(bad);
  }

  @Test
  void prairielearnResultsGiveTheReferenceFullMarksAndTheBrokenServerItsLostPointsWithHints() throws Exception {
    Path out = temp.resolve("pl");
    assertEquals(0, OmnisimCommand.execute("grade", "--submissions", subs.toString(), "--rubric", rubric.toString(),
        "--format", "prairielearn", "--out", out.toString()));
    JsonNode ref = prairielearn(out.resolve("reference").resolve(GradeReports.RESULTS));
    assertEquals(1.0, ref.get("score").asDouble());
    assertTrue(ref.get("gradable").asBoolean());

    JsonNode bad = prairielearn(out.resolve("local-reads").resolve(GradeReports.RESULTS));
    assertTrue(bad.get("gradable").asBoolean(), "a submission that ran is gradable, whatever it scored");
    assertTrue(bad.get("score").asDouble() < 1.0, bad.toString());
    assertEquals(0, failedTest(bad, "points", null).get("points").asDouble());
    assertHintAndCounterexample(bad);
    assertTrue(Files.readString(out.resolve(GradeReports.GRADEBOOK)).contains("local-reads,points lost,"));
  }

  @Test
  void aSubmissionThatDoesNotCompileGetsItsResultsJsonOnceWithTheReasonAndExit2() throws Exception {
    Path project = Files.createDirectories(temp.resolve("broken/src/main/java/student"));
    Files.writeString(project.resolve("MySubmission.java"), "package student;\nclass MySubmission { int x = ; }\n");
    Path out = temp.resolve("pl-broken");
    assertEquals(2, OmnisimCommand.execute("grade", "--submission", temp.resolve("broken").toString(),
        "--rubric", rubric.toString(), "--format", "prairielearn", "--out", out.toString()));
    JsonNode results = prairielearn(out.resolve(GradeReports.RESULTS));
    assertFalse(results.get("gradable").asBoolean(), "PrairieLearn's way to say the submission could not be graded");
    String message = results.get("message").asText();
    assertTrue(message.contains("does not compile") && message.contains("MySubmission.java:2"), message);
    assertEquals(1, message.split("does not compile", -1).length - 1, "the compile error is said once: " + message);
  }

  private JsonNode gradescope(Path file) throws Exception {
    JsonNode root = json.readTree(file.toFile());
    assertEquals(GRADESCOPE_TOP, names(root), "Gradescope's documented top-level fields");
    assertTrue(root.get("score").isNumber() && root.get("execution_time").isNumber() && root.get("output").isTextual());
    double sum = 0;
    for (JsonNode t : root.get("tests")) {
      assertEquals(GRADESCOPE_TEST, names(t), "Gradescope's documented test fields: " + t);
      assertTrue(Set.of("passed", "failed").contains(t.get("status").asText()), t.toString());
      assertTrue(Set.of("hidden", "after_due_date", "after_published", "visible").contains(t.get("visibility").asText()));
      assertTrue(t.get("score").asDouble() <= t.get("max_score").asDouble(), t.toString());
      sum += t.get("score").asDouble();
    }
    assertEquals(3, root.get("tests").size(), "one test per rubric scenario");
    assertEquals(sum, root.get("score").asDouble(), "the score is the tests' sum");
    return root;
  }

  private JsonNode prairielearn(Path file) throws Exception {
    JsonNode root = json.readTree(file.toFile());
    assertEquals(PRAIRIELEARN_TOP, names(root), "PrairieLearn's documented top-level fields");
    assertTrue(root.get("gradable").isBoolean() && root.get("message").isTextual());
    double score = root.get("score").asDouble();
    assertTrue(score >= 0 && score <= 1, "PrairieLearn's score is a fraction: " + score);
    double points = 0;
    double max = 0;
    for (JsonNode t : root.get("tests")) {
      assertEquals(PRAIRIELEARN_TEST, names(t), "PrairieLearn's documented test fields: " + t);
      assertTrue(t.get("points").asDouble() <= t.get("max_points").asDouble(), t.toString());
      points += t.get("points").asDouble();
      max += t.get("max_points").asDouble();
    }
    assertEquals(45, max);
    assertEquals(points / max, score, 1e-9, "the score is the tests' points over their maximum");
    return root;
  }

  /** The first test that lost points ({@code field} 0, or {@code field} equal to {@code value}). */
  private static JsonNode failedTest(JsonNode root, String field, String value) {
    for (JsonNode t : root.get("tests")) {
      if (value != null ? t.get(field).asText().equals(value) : t.get(field).asDouble() == 0) {
        return t;
      }
    }
    throw new AssertionError("no test lost points: " + root);
  }

  /** fig5c-many's failure hints at a stale read; many-clients' shows the checker's counterexample in words. */
  private static void assertHintAndCounterexample(JsonNode results) {
    String fig5cMany = results.get("tests").get(1).get("output").asText();
    assertTrue(fig5cMany.contains("get wrong value"), fig5cMany);
    assertTrue(fig5cMany.contains("hint: ") && fig5cMany.contains("stale read"), "a failure comes with its hint: " + fig5cMany);
    assertTrue(fig5cMany.contains("./omnisim run fig5c-many --seed 1 --submission "), "and its replay: " + fig5cMany);
    String manyClients = results.get("tests").get(2).get("output").asText();
    assertTrue(manyClients.contains("not linearizable") && manyClients.contains("counterexample: "), manyClients);
    assertTrue(manyClients.contains("cannot come next: client "), "the operations that break it, in words: " + manyClients);
    assertFalse(manyClients.contains("PartitionResult[") || manyClients.contains("Operation["), "no raw records: " + manyClients);
  }

  private static Set<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return Set.copyOf(names);
  }
}
