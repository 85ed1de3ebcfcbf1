package dev.omnisim.scenarios.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The grade as reports: a console table like the lab's {@code go test} output, {@code grade.json},
 * {@code grade-junit.xml} and {@code grade.md} for the student, and {@code gradebook.csv} for a batch.
 * The same grade gives the same bytes, except the wall-time fields: the console's {@code wall}
 * column, {@code grade.json}'s {@code wallTime} object and the JUnit {@code time} attributes.
 * {@code grade.md} and {@code gradebook.csv} hold no wall time at all.
 */
public final class GradeReports {
  /** The report files of one submission. */
  public static final String JSON = "grade.json";
  public static final String JUNIT = "grade-junit.xml";
  public static final String MARKDOWN = "grade.md";
  public static final String GRADEBOOK = "gradebook.csv";
  /** Gradescope's and PrairieLearn's file name for an autograder's result. */
  public static final String RESULTS = "results.json";

  /** The course platforms {@code grade --format} writes a {@link #RESULTS} for, besides the usual reports. */
  public enum Platform {
    /** Gradescope's autograder {@code results.json}: score, execution_time, output, tests. */
    GRADESCOPE,
    /** PrairieLearn's external grader {@code results.json}: gradable, score in 0..1, message, tests. */
    PRAIRIELEARN
  }

  private GradeReports() {}

  /** Writes {@code grade.json}, {@code grade-junit.xml} and {@code grade.md} into {@code folder}. */
  public static void write(Grade grade, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(JSON), json(grade), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(JUNIT), junit(grade), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(MARKDOWN), markdown(grade), StandardCharsets.UTF_8);
  }

  /** The console table: the lab's lines per scenario and seed, the points, and the score. */
  public static void console(Grade grade, PrintWriter out) {
    if (grade.loadError() != null) {
      out.println("cannot grade " + grade.submission() + ": " + grade.loadError().replace("\n", "\n    "));
    }
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      if (s.runs().isEmpty()) {
        continue;
      }
      out.println("Test: " + s.title() + " (" + s.scenario() + ") ...");
      for (RunOutcome r : s.runs()) {
        out.printf(Locale.ROOT, "%-42s   seed %d  wall %d ms%n", r.labLine(), r.seed(), r.wallMillis());
        if (!r.passed()) {
          out.println("    " + firstLines(r.failure(), 6).replace("\n", "\n    "));
          if (!r.hint().isEmpty()) {
            out.println("    hint:     " + r.hint());
          }
          out.println("    replay:   " + grade.replayCommand(r));
        }
      }
      out.printf(Locale.ROOT, "  %3d/%d  %s%n", s.points(), s.maxPoints(), s.scenario());
    }
    out.println(grade.score() == grade.maxPoints() ? "PASS" : "FAIL");
    out.printf(Locale.ROOT, "score: %d/%d  (%s%s, rubric %s, seeds 1..%d, %s, %d ms wall in child JVMs)%n", grade.score(),
        grade.maxPoints(), grade.submission(), onProtocol(grade), grade.rubric().name(), grade.rubric().seeds(),
        grade.build().describe(), grade.wallMillis());
    out.flush();
  }

  /** {@code grade.json}: everything deterministic first, the wall times apart under {@code wallTime}. */
  public static String json(Grade grade) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("submission", grade.submission()).put("path", grade.path()).put("protocol", grade.protocol())
        .put("rubric", grade.rubric().name())
        .put("seeds", grade.rubric().seeds()).put("score", grade.score()).put("max", grade.maxPoints())
        .put("status", grade.status());
    if (grade.loadError() != null) {
      root.put("loadError", grade.loadError());
    }
    root.putObject("omnisim").put("version", grade.build().version()).put("commit", grade.build().commit());
    root.set("rubricItems", rubricNode(mapper, grade.rubric()));
    ArrayNode scenarios = root.putArray("scenarios");
    ObjectNode wall = mapper.createObjectNode();
    wall.put("totalMillis", grade.wallMillis());
    ObjectNode wallRuns = wall.putObject("runsMillis");
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      ObjectNode n = scenarios.addObject();
      n.put("scenario", s.scenario()).put("title", s.title()).put("points", s.points()).put("max", s.maxPoints())
          .put("passed", s.passed());
      ArrayNode runs = n.putArray("runs");
      for (RunOutcome r : s.runs()) {
        ObjectNode rn = runs.addObject();
        rn.put("seed", r.seed()).put("passed", r.passed()).put("failure", r.failure()).put("labLine", r.labLine().strip())
            .put("fingerprint", r.fingerprint());
        if (!r.passed()) {
          rn.put("kind", r.kind()).put("hint", r.hint()).put("replay", grade.replayCommand(r));
        }
        wallRuns.put(r.scenario() + " seed " + r.seed(), r.wallMillis());
      }
    }
    root.set("wallTime", wall);
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code grade-junit.xml}: one test case per scenario × seed; {@code time} attributes are wall seconds. */
  public static String junit(Grade grade) {
    long failures = grade.scenarios().stream().flatMap(s -> s.runs().stream()).filter(r -> !r.passed()).count();
    long tests = grade.scenarios().stream().mapToLong(s -> s.runs().size()).sum();
    if (grade.loadError() != null) {
      tests++;
      failures++;
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%s\">%n",
        xml("omnisim grade " + grade.submission()), tests, failures, seconds(grade.wallMillis())));
    x.append("  <properties>\n");
    x.append("    <property name=\"rubric\" value=\"").append(xml(grade.rubric().name())).append("\"/>\n");
    x.append("    <property name=\"seeds\" value=\"1..").append(grade.rubric().seeds()).append("\"/>\n");
    x.append("    <property name=\"score\" value=\"").append(grade.score()).append('/').append(grade.maxPoints()).append("\"/>\n");
    x.append("    <property name=\"status\" value=\"").append(xml(grade.status())).append("\"/>\n");
    x.append("    <property name=\"omnisim.version\" value=\"").append(xml(grade.build().version())).append("\"/>\n");
    x.append("    <property name=\"omnisim.commit\" value=\"").append(xml(grade.build().commit())).append("\"/>\n");
    x.append("  </properties>\n");
    if (grade.loadError() != null) {
      // One failure, said once: every run would fail the same way.
      x.append("  <testcase classname=\"omnisim.submission\" name=\"load\" time=\"0.000\">\n    <failure message=\"")
          .append(xml(grade.loadError())).append("\">").append(xml(grade.loadError()).replace("&#10;", "\n"))
          .append("</failure>\n  </testcase>\n");
    }
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      for (RunOutcome r : s.runs()) {
        x.append(String.format(Locale.ROOT, "  <testcase classname=\"omnisim.%s\" name=\"seed %d\" time=\"%s\"",
            xml(s.scenario()), r.seed(), seconds(r.wallMillis())));
        if (r.passed()) {
          x.append("/>\n");
        } else {
          // The whole failure in message= (newlines as &#10;): CI tools often show only the attribute.
          x.append(">\n    <failure type=\"").append(xml(r.kind())).append("\" message=\"").append(xml(r.failure())).append("\">")
              .append(xml(r.failure() + (r.hint().isEmpty() ? "" : "\nhint: " + r.hint()) + "\nreplay: "
                  + grade.replayCommand(r)).replace("&#10;", "\n")).append("</failure>\n  </testcase>\n");
        }
      }
    }
    return x.append("</testsuite>\n").toString();
  }

  /** ", over raft" when the submission ran over another protocol than the default, else empty. */
  private static String onProtocol(Grade grade) {
    return grade.protocolArgument().isEmpty() ? "" : ", over " + grade.protocol();
  }

  /** {@code grade.md}: the score, a table of scenarios, and for every failure its check, seed and replay command. */
  public static String markdown(Grade grade) {
    StringBuilder m = new StringBuilder();
    m.append("# Grade: ").append(grade.submission()).append("\n\n");
    m.append("**Score: ").append(grade.score()).append(" / ").append(grade.maxPoints()).append("** — rubric `")
        .append(grade.rubric().name()).append("`, seeds 1..").append(grade.rubric().seeds())
        .append(" per scenario; a scenario earns its points only when every seed passes, and every seed runs twice "
            + "(the two runs must be identical).\n\n");
    m.append("Graded by ").append(grade.build().describe()).append("; rubric `").append(grade.rubric().name())
        .append("`: ").append(String.join(", ", grade.rubric().items().stream()
            .map(i -> "`" + i.scenario() + "` " + i.points()).toList())).append(".\n\n");
    if (!grade.protocolArgument().isEmpty()) {
      m.append("The submission's key-value layer ran over `").append(grade.protocol()).append("` (`grade --protocol ")
          .append(grade.protocol()).append("`), held to that protocol's guarantees.\n\n");
    }
    if (grade.loadError() != null) {
      String fence = grade.loadError().contains("```") ? "~~~~" : "```";
      return m.append("## The submission could not be graded\n\nNo scenario ran: ").append(FailureHints.forKind(
          FailureHints.UNLOADABLE, "")).append("\n\n").append(fence).append("text\n").append(grade.loadError())
          .append('\n').append(fence).append('\n').toString();
    }
    m.append("| scenario | title | points | seeds passed |\n|---|---|---:|---|\n");
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      long passed = s.runs().stream().filter(RunOutcome::passed).count();
      m.append("| `").append(s.scenario()).append("` | ").append(s.title()).append(" | ").append(s.points())
          .append(" / ").append(s.maxPoints()).append(" | ").append(passed).append(" of ").append(s.runs().size())
          .append(passed == s.runs().size() ? "" : " ✗").append(" |\n");
    }
    List<RunOutcome> failed = grade.scenarios().stream().flatMap(s -> s.runs().stream()).filter(r -> !r.passed()).toList();
    if (failed.isEmpty()) {
      return m.append("\nEvery scenario passed on every seed.\n").toString();
    }
    m.append("\n## Failures\n\nEach failure replays exactly, event for event, with the command under it "
        + "(run it in the omnisim repository; add `--report run.html` for a space-time diagram of the run).\n");
    for (RunOutcome r : failed) {
      m.append("\n### `").append(r.scenario()).append("`, seed ").append(r.seed()).append("\n\n");
      String fence = r.failure().contains("```") ? "~~~~" : "```"; // a fence the failure text cannot close
      m.append("Result: `").append(r.labLine().strip()).append("`").append(r.kind().isEmpty() ? "" : " — **" + r.kind() + "**")
          .append("\n\n");
      if (!r.hint().isEmpty()) {
        m.append("Hint: ").append(r.hint()).append("\n\n");
      }
      m.append("The check that failed").append(r.failure().contains("counterexample") ? ", with the checker's counterexample" : "")
          .append(":\n\n").append(fence).append("text\n").append(r.failure()).append('\n').append(fence)
          .append("\n\nReplay (from the omnisim repository):\n\n```sh\n").append(grade.replayCommand(r)).append("\n```\n");
    }
    return m.toString();
  }

  /** {@code gradebook.csv}: one row per submission, sorted by name; points per scenario in rubric order. */
  public static String gradebook(List<Grade> grades, Rubric rubric) {
    StringBuilder csv = new StringBuilder("submission,status,score,max");
    rubric.items().forEach(i -> csv.append(',').append(csvField(i.scenario())));
    csv.append('\n');
    grades.stream().sorted(java.util.Comparator.comparing(Grade::submission)).forEach(g -> {
      csv.append(csvField(g.submission())).append(',').append(csvField(g.status())).append(',').append(g.score())
          .append(',').append(g.maxPoints());
      g.scenarios().forEach(s -> csv.append(',').append(s.points()));
      csv.append('\n');
    });
    return csv.toString();
  }

  /**
   * The course platform's {@code results.json}: Gradescope's (one test per scenario; {@code score},
   * {@code max_score}, {@code status}, {@code output}, {@code visibility}) or PrairieLearn's ({@code
   * gradable}, {@code score} in 0..1, {@code message}, one test per scenario with {@code points},
   * {@code max_points}, {@code output}). {@code executionSeconds} is the wall time of the whole grading,
   * Gradescope's {@code execution_time}.
   */
  public static String platform(Grade grade, Platform platform, long executionSeconds) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    String summary = "Score " + grade.score() + " / " + grade.maxPoints() + " on rubric " + grade.rubric().name()
        + " (seeds 1.." + grade.rubric().seeds() + " per scenario; a scenario earns its points only when every seed "
        + "passes, twice, identically). Graded by " + grade.build().describe() + "."
        + (grade.loadError() == null ? "" : "\n\nThe submission could not be graded: " + grade.loadError());
    if (platform == Platform.GRADESCOPE) {
      root.put("score", grade.score()).put("execution_time", executionSeconds).put("output", summary);
    } else {
      root.put("gradable", grade.loadError() == null)
          .put("score", grade.maxPoints() == 0 ? 0.0 : grade.score() / (double) grade.maxPoints())
          .put("message", summary);
    }
    ArrayNode tests = root.putArray("tests");
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      ObjectNode t = tests.addObject();
      t.put("name", s.scenario() + ": " + s.title());
      if (platform == Platform.GRADESCOPE) {
        t.put("score", s.points()).put("max_score", s.maxPoints()).put("status", s.passed() ? "passed" : "failed")
            .put("output", testOutput(grade, s)).put("visibility", "visible");
      } else {
        t.put("points", s.points()).put("max_points", s.maxPoints()).put("output", testOutput(grade, s));
      }
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One scenario as a platform's test output: the lab's line per seed, and per failure its check, hint and replay. */
  private static String testOutput(Grade grade, Grade.ScenarioGrade s) {
    if (s.runs().isEmpty()) {
      return "not run: the submission could not be graded (see the summary).";
    }
    StringBuilder o = new StringBuilder();
    for (RunOutcome r : s.runs()) {
      o.append("seed ").append(r.seed()).append(": ").append(r.labLine().strip()).append('\n');
    }
    for (RunOutcome r : s.runs()) {
      if (!r.passed()) {
        o.append("\nseed ").append(r.seed()).append(" failed (").append(r.kind()).append("):\n").append(r.failure())
            .append('\n');
        if (!r.hint().isEmpty()) {
          o.append("hint: ").append(r.hint()).append('\n');
        }
        // The platform's path to the submission means nothing on the student's machine.
        o.append("replay on your machine, in the omnisim repository: ./omnisim run ").append(r.scenario())
            .append(" --seed ").append(r.seed()).append(" --submission YOUR-SUBMISSION-FOLDER")
            .append(grade.protocolArgument()).append('\n');
      }
    }
    return o.toString().strip();
  }

  private static ArrayNode rubricNode(ObjectMapper mapper, Rubric rubric) {
    ArrayNode items = mapper.createArrayNode();
    rubric.items().forEach(i -> items.addObject().put("scenario", i.scenario()).put("points", i.points()));
    return items;
  }

  private static String firstLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return lines.size() <= n ? text : String.join("\n", lines.subList(0, n)) + "\n… (" + (lines.size() - n)
        + " more lines in grade.md)";
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String xml(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        default -> {
          if (c < 0x20 && c != '\t') {
            out.append('?'); // not allowed in XML 1.0
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
