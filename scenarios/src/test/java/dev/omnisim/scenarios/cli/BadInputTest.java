package dev.omnisim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand against a table of bad inputs: each must exit with status 2 and print exactly one
 * line on stderr, naming the value and where it came from, with no stack trace and no Java class
 * name, and print nothing on stdout (so no work started: no scenario, no grading). A row with an
 * output path also checks that the refused command created no file or folder.
 *
 * <p>To add a row: {@code bad("what is wrong", "must appear in the line", args...)}; arguments may
 * use the fixtures below ({@code {tmp}}, {@code {file}}, {@code {dir}}, ...).
 */
class BadInputTest {
  @TempDir Path tmp;

  /**
   * One bad command line.
   *
   * @param what what is wrong with it, for the test's name
   * @param mention a text the error line must contain (the value or the option it came from)
   * @param args the arguments, with fixture placeholders
   */
  record Row(String what, String mention, List<String> args) {
    @Override
    public String toString() {
      return String.join(" ", args) + "  (" + what + ")";
    }
  }

  private static Row bad(String what, String mention, String... args) {
    return new Row(what, mention, List.of(args));
  }

  /** The table. Fixtures: {tmp} an empty scratch folder; {file} a regular file; {dir} a folder with a file in it;
   * {malformed} a file of broken JSON; {badschedule} a schedule with an unknown fault; {nojar} a jar without the
   * services file; {uncompilable} a project that does not compile; {missing} a path that does not exist. */
  static Stream<Row> rows() {
    return Stream.of(
        bad("no subcommand", "needs a subcommand"),
        bad("a typo of a subcommand", "did you mean 'run'", "runn"),
        bad("an unknown option", "--frobnicate", "--frobnicate"),
        // list
        bad("an argument list does not take", "extra", "list", "extra"),
        // run
        bad("an unknown scenario", "no-such-scenario", "run", "no-such-scenario", "--out", "{tmp}/out"),
        bad("a seed that is not a number", "--seed", "run", "basic-one", "--seed", "abc", "--out", "{tmp}/out"),
        bad("an out folder under a regular file", "--out", "run", "basic-one", "--out", "{file}/out"),
        bad("a report that is an existing folder", "--report", "run", "basic-one", "--report", "{dir}", "--out", "{tmp}/out"),
        bad("a report under a regular file", "--report", "run", "basic-one", "--report", "{file}/run.html", "--out", "{tmp}/out"),
        bad("a schedule of broken JSON", "not valid JSON", "run", "--schedule", "{malformed}", "--out", "{tmp}/out"),
        bad("a schedule with an unknown fault", "{badschedule}", "run", "--schedule", "{badschedule}", "--out", "{tmp}/out"),
        bad("a schedule that does not exist", "{missing}", "run", "--schedule", "{missing}", "--out", "{tmp}/out"),
        bad("a submission that does not exist", "--submission", "run", "basic-one", "--submission", "{missing}", "--out", "{tmp}/out"),
        bad("a jar without the services file", "META-INF/services", "run", "basic-one", "--submission", "{nojar}", "--out", "{tmp}/out"),
        // suite
        bad("a seed that is not a number", "--seed", "suite", "--seed", "x", "--out", "{tmp}/out"),
        bad("an out folder under a regular file", "--out", "suite", "--out", "{file}/out"),
        bad("a submission that does not compile", "does not compile", "suite", "--submission", "{uncompilable}", "--out", "{tmp}/out"),
        // fuzz (the validation at the start of its work)
        bad("a negative time limit", "--time-limit", "fuzz", "--time-limit", "-1", "--out", "{tmp}/out"),
        bad("a thousand threads", "--threads", "fuzz", "--threads", "1000", "--out", "{tmp}/out"),
        bad("no threads", "--threads", "fuzz", "--threads", "0", "--out", "{tmp}/out"),
        bad("an unknown fuzz scenario", "nope", "fuzz", "--scenario", "nope", "--out", "{tmp}/out"),
        bad("an out folder under a regular file", "--out", "fuzz", "--count", "1", "--out", "{file}/out"),
        bad("an unknown protocol", "nope", "fuzz", "--protocol", "nope", "--out", "{tmp}/out"),
        bad("a shard past the count", "5/4", "fuzz", "--shard", "5/4", "--out", "{tmp}/out"),
        bad("a shard that is not K/N", "a/b", "fuzz", "--shard", "a/b", "--out", "{tmp}/out"),
        bad("no failures allowed", "--max-failures", "fuzz", "--max-failures", "0", "--out", "{tmp}/out"),
        // --protocol on run and suite
        bad("an unknown protocol", "nope", "run", "basic-one", "--protocol", "nope", "--out", "{tmp}/out"),
        bad("an unknown protocol", "nope", "suite", "--protocol", "nope", "--out", "{tmp}/out"),
        bad("a protocol and a folder that is no submission", "--submission", "run", "basic-one", "--protocol", "raft",
            "--submission", "{dir}", "--out", "{tmp}/out"),
        // compare
        bad("an unknown protocol", "nope", "compare", "--protocols", "nope", "--json", "{tmp}/c.json"),
        bad("an unknown scenario", "nope", "compare", "--scenarios", "nope", "--json", "{tmp}/c.json"),
        bad("an election timeout of zero", "--timeouts", "compare", "--timeouts", "0", "--json", "{tmp}/c.json"),
        bad("an election timeout that is not a number", "--timeouts", "compare", "--timeouts", "abc",
            "--json", "{tmp}/c.json"),
        bad("a json file under a regular file", "--json", "compare", "--json", "{file}/c.json"),
        // campaign
        bad("a shard folder that does not exist", "{missing}", "campaign", "merge", "{missing}", "--out",
            "{tmp}/merged"),
        bad("a folder that is not a shard", "{dir}", "campaign", "merge", "{dir}", "--out", "{tmp}/merged"),
        // shrink
        bad("no runs allowed", "--max-runs", "shrink", "{schedule}", "--max-runs", "0"),
        bad("a negative time limit", "--time-limit", "shrink", "{schedule}", "--time-limit", "-5"),
        bad("an output under a regular file", "--output", "shrink", "{schedule}", "--output", "{file}/x.json"),
        bad("an unknown protocol", "nope", "shrink", "{schedule}", "--protocol", "nope"),
        bad("an output that is a folder", "--output", "shrink", "{schedule}", "--output", "{dir}"),
        bad("a schedule of broken JSON", "not valid JSON", "shrink", "{malformed}"),
        bad("a schedule that does not exist", "{missing}", "shrink", "{missing}"),
        bad("a submission that does not exist", "--submission", "shrink", "{schedule}", "--submission", "{missing}"),
        // check
        bad("a history that does not exist", "{missing}", "check", "{missing}", "--model", "kv"),
        bad("an unknown model", "nope", "check", "{file}", "--model", "nope"),
        // grade
        bad("an out folder under a regular file", "--out", "grade", "--submission", "{dir}", "--out", "{file}/g"),
        bad("a submission that does not exist", "--submission", "grade", "--submission", "{missing}", "--out", "{tmp}/g"),
        bad("a jar without the services file", "META-INF/services", "grade", "--submission", "{nojar}", "--out", "{tmp}/g"),
        bad("a project that does not compile", "does not compile", "grade", "--submission", "{uncompilable}", "--out", "{tmp}/g"),
        bad("an unknown format", "--format", "grade", "--submission", "{dir}", "--format", "moodle", "--out", "{tmp}/g"),
        bad("an unknown suite", "nope", "grade", "--submission", "{dir}", "--suite", "nope", "--out", "{tmp}/g"),
        bad("no seeds", "seeds", "grade", "--submission", "{dir}", "--seeds", "0", "--out", "{tmp}/g"),
        bad("a rubric of broken JSON", "--rubric", "grade", "--submission", "{dir}", "--rubric", "{malformed}", "--out", "{tmp}/g"),
        bad("no child JVMs", "jobs", "grade", "--submission", "{dir}", "--jobs", "0", "--out", "{tmp}/g"),
        bad("a thousand child JVMs", "--jobs", "grade", "--submission", "{dir}", "--jobs", "1000", "--out", "{tmp}/g"),
        bad("neither --submission nor --submissions", "--submission", "grade"),
        // new-submission
        bad("a folder that is not empty", "{dir}", "new-submission", "{dir}"),
        // autograder-bundle
        bad("a jar that does not exist", "--jar", "autograder-bundle", "{tmp}/bundle", "--jar", "{missing}"),
        bad("a folder that is not empty", "{dir}", "autograder-bundle", "{dir}", "--jar", "{jar}"),
        bad("a bundle folder under a regular file", "DIR", "autograder-bundle", "{file}/bundle", "--jar", "{jar}"),
        bad("an unknown suite", "nope", "autograder-bundle", "{tmp}/bundle", "--suite", "nope", "--jar", "{jar}"),
        // bench
        bad("no benchmark named", "needs a subcommand", "bench"),
        bad("a typo of a benchmark", "did you mean 'sim'", "bench", "simm"));
  }

  /** Text that shows a stack trace or a Java class name: what a user must never see on bad input. */
  private static final Pattern JAVA_INTERNALS = Pattern.compile(
      "\\tat |Exception\\b|Error\\b|(?<![/\\w.])(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9]*|StreamReadFeature|Source: ");

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void badInputIsOneLineAndExitStatus2BeforeAnyWork(Row row) throws IOException {
    Fixtures f = new Fixtures(tmp);
    String[] args = row.args().stream().map(f::resolve).toArray(String[]::new);
    List<Path> before = listing(tmp);

    CommandRun o = CommandRun.omnisim(args);

    String shown = "omnisim " + String.join(" ", args) + "\nstatus " + o.status() + "\nstdout:\n" + o.out()
        + "\nstderr:\n" + o.err();
    assertEquals(2, o.status(), "bad input must exit with status 2:\n" + shown);
    assertEquals(1, o.errLines().size(), "bad input must print exactly one line on stderr:\n" + shown);
    String line = o.errLines().get(0);
    assertTrue(line.matches("omnisim( [a-z-]+)?: .*"), "the line must say who speaks:\n" + shown);
    assertTrue(line.contains(f.resolve(row.mention())), "the line must mention '" + f.resolve(row.mention()) + "':\n" + shown);
    assertFalse(JAVA_INTERNALS.matcher(o.err()).find(), "no stack trace or Java class name on bad input:\n" + shown);
    assertEquals("", o.out(), "bad input must be refused before any work (nothing on stdout):\n" + shown);
    assertEquals(before, listing(tmp), "a refused command must create no file or folder:\n" + shown);
  }

  @Test
  void everySubcommandHasARowInTheTable() {
    List<String> covered = rows().filter(r -> !r.args().isEmpty()).map(r -> r.args().get(0)).distinct().toList();
    for (String name : OmnisimCommand.commandLine().getSubcommands().keySet()) {
      if (!name.equals("help")) {
        assertTrue(covered.contains(name), "the bad-input table has no row for '" + name + "'");
      }
    }
  }

  private static List<Path> listing(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.sorted().toList();
    }
  }

  /** The fixtures the table's placeholders name, made fresh in each test's scratch folder. */
  private static final class Fixtures {
    private final Path tmp;
    private final Path scratch;
    private final List<String[]> replacements = new ArrayList<>();

    Fixtures(Path tmp) throws IOException {
      this.tmp = tmp;
      this.scratch = Files.createDirectories(tmp.resolve("scratch"));
      Path file = Files.writeString(tmp.resolve("a-file.txt"), "not a folder\n");
      Path dir = Files.createDirectories(tmp.resolve("a-folder"));
      Files.writeString(dir.resolve("inside.txt"), "so that the folder is not empty\n");
      Path malformed = Files.writeString(tmp.resolve("malformed.json"), "{\"format\": 2, \"actions\": [ {\"atMicros\": 5,");
      Path badSchedule = Files.writeString(tmp.resolve("bad-schedule.json"),
          "{\"scenario\": \"fuzz\", \"seed\": 3, \"actions\": [{\"atMicros\": 100, \"action\": \"meteor-strike\"}]}");
      Path schedule = Files.writeString(tmp.resolve("schedule.json"),
          "{\"scenario\": \"fuzz\", \"seed\": 3, \"actions\": [{\"atMicros\": 100, \"action\": \"heal\"}]}");
      Path noJar = tmp.resolve("no-services.jar");
      try (OutputStream out = Files.newOutputStream(noJar); JarOutputStream jar = new JarOutputStream(out)) {
        jar.putNextEntry(new JarEntry("student/Nothing.class"));
        jar.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        jar.closeEntry();
      }
      Path project = Files.createDirectories(tmp.resolve("uncompilable/src/main/java/student"));
      Files.writeString(project.resolve("MySubmission.java"), "package student;\nclass MySubmission { int x = ; }\n",
          StandardCharsets.UTF_8);
      Path jar = Files.write(tmp.resolve("omnisim.jar"), new byte[] {'P', 'K', 5, 6});
      add("{tmp}", scratch);
      add("{file}", file);
      add("{dir}", dir);
      add("{malformed}", malformed);
      add("{badschedule}", badSchedule);
      add("{schedule}", schedule);
      add("{nojar}", noJar);
      add("{uncompilable}", tmp.resolve("uncompilable"));
      add("{jar}", jar);
      add("{missing}", tmp.resolve("does-not-exist"));
    }

    private void add(String placeholder, Path path) {
      replacements.add(new String[] {placeholder, path.toString()});
    }

    String resolve(String text) {
      String out = text;
      for (String[] r : replacements) {
        out = out.replace(r[0], r[1]);
      }
      return out;
    }
  }

  @SuppressWarnings("unused")
  private static String[] array(String... args) {
    return Arrays.copyOf(args, args.length);
  }
}
