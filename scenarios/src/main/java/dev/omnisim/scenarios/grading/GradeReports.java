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
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      out.println("Test: " + s.title() + " (" + s.scenario() + ") ...");
      for (RunOutcome r : s.runs()) {
        out.printf(Locale.ROOT, "%-42s   seed %d  wall %d ms%n", r.labLine(), r.seed(), r.wallMillis());
        if (!r.passed()) {
          out.println("    " + firstLines(r.failure(), 6).replace("\n", "\n    "));
          out.println("    replay:   " + grade.replayCommand(r));
        }
      }
      out.printf(Locale.ROOT, "  %3d/%d  %s%n", s.points(), s.maxPoints(), s.scenario());
    }
    out.println(grade.score() == grade.maxPoints() ? "PASS" : "FAIL");
    out.printf(Locale.ROOT, "score: %d/%d  (%s, rubric %s, seeds 1..%d, %d ms wall in child JVMs)%n", grade.score(),
        grade.maxPoints(), grade.submission(), grade.rubric().name(), grade.rubric().seeds(), grade.wallMillis());
    out.flush();
  }

  /** {@code grade.json}: everything deterministic first, the wall times apart under {@code wallTime}. */
  public static String json(Grade grade) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("submission", grade.submission()).put("path", grade.path()).put("rubric", grade.rubric().name())
        .put("seeds", grade.rubric().seeds()).put("score", grade.score()).put("max", grade.maxPoints());
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
          rn.put("replay", grade.replayCommand(r));
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
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%s\">%n",
        xml("omnisim grade " + grade.submission()), tests, failures, seconds(grade.wallMillis())));
    x.append("  <properties>\n");
    x.append("    <property name=\"rubric\" value=\"").append(xml(grade.rubric().name())).append("\"/>\n");
    x.append("    <property name=\"score\" value=\"").append(grade.score()).append('/').append(grade.maxPoints()).append("\"/>\n");
    x.append("  </properties>\n");
    for (Grade.ScenarioGrade s : grade.scenarios()) {
      for (RunOutcome r : s.runs()) {
        x.append(String.format(Locale.ROOT, "  <testcase classname=\"omnisim.%s\" name=\"seed %d\" time=\"%s\"",
            xml(s.scenario()), r.seed(), seconds(r.wallMillis())));
        if (r.passed()) {
          x.append("/>\n");
        } else {
          x.append(">\n    <failure message=\"").append(xml(r.failure().lines().findFirst().orElse(""))).append("\">")
              .append(xml(r.failure() + "\nreplay: " + grade.replayCommand(r)).replace("&#10;", "\n")).append("</failure>\n  </testcase>\n");
        }
      }
    }
    return x.append("</testsuite>\n").toString();
  }

  /** {@code grade.md}: the score, a table of scenarios, and for every failure its check, seed and replay command. */
  public static String markdown(Grade grade) {
    StringBuilder m = new StringBuilder();
    m.append("# Grade: ").append(grade.submission()).append("\n\n");
    m.append("**Score: ").append(grade.score()).append(" / ").append(grade.maxPoints()).append("** — rubric `")
        .append(grade.rubric().name()).append("`, seeds 1..").append(grade.rubric().seeds())
        .append(" per scenario; a scenario earns its points only when every seed passes, and every seed runs twice "
            + "(the two runs must be identical).\n\n");
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
      m.append("Result: `").append(r.labLine().strip()).append("`\n\nThe check that failed:\n\n").append(fence)
          .append("text\n").append(r.failure()).append('\n').append(fence)
          .append("\n\nReplay:\n\n```sh\n").append(grade.replayCommand(r)).append("\n```\n");
    }
    return m.toString();
  }

  /** {@code gradebook.csv}: one row per submission, sorted by name; points per scenario in rubric order. */
  public static String gradebook(List<Grade> grades, Rubric rubric) {
    StringBuilder csv = new StringBuilder("submission,score,max");
    rubric.items().forEach(i -> csv.append(',').append(csvField(i.scenario())));
    csv.append('\n');
    grades.stream().sorted(java.util.Comparator.comparing(Grade::submission)).forEach(g -> {
      csv.append(csvField(g.submission())).append(',').append(g.score()).append(',').append(g.maxPoints());
      g.scenarios().forEach(s -> csv.append(',').append(s.points()));
      csv.append('\n');
    });
    return csv.toString();
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
