package dev.omnisim.scenarios.cli;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Protocols;
import dev.omnisim.scenarios.grading.Grade;
import dev.omnisim.scenarios.grading.GradeOptions;
import dev.omnisim.scenarios.grading.GradeReports;
import dev.omnisim.scenarios.grading.Grader;
import dev.omnisim.scenarios.grading.Rubric;
import dev.omnisim.scenarios.grading.SubmissionLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code omnisim grade --submission PATH} or {@code --submissions DIR}: grades a submission (a jar, or
 * a project folder it compiles) on a rubric, every scenario × seed in a child JVM with a heap and a
 * wall-clock limit, and writes the reports.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = {"Grades a submission (a jar or a project folder implementing dev.omnisim.scenarios.grading.api.Submission; "
        + "see 'omnisim new-submission') on a rubric: every scenario runs with seeds 1..K, each twice in a child JVM "
        + "(heap and wall-clock limits; a hang, System.exit, an exception or running out of memory fails that "
        + "scenario and grading carries on). A scenario earns its points only when every seed passes deterministically.",
        "Writes grade.json, grade-junit.xml and grade.md into --out; with --submissions DIR, one folder per "
            + "submission and gradebook.csv.",
        "--protocol NAME runs a submission of the key-value layer over that protocol instead of the reference's "
            + "OmniPaxos, held to that protocol's guarantees; a submission that implements consensus() brings its own "
            + "protocol, and --protocol is then bad input.",
        "Exit status: 0 full marks (or a batch graded), 1 points lost, 2 bad input."})
final class GradeCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--submission", paramLabel = "PATH", description = "One submission: a jar or a project folder.")
    Path submission;

    @Option(names = "--submissions", paramLabel = "DIR",
        description = "Every jar and folder in DIR, in parallel; one report folder each and gradebook.csv.")
    Path submissions;
  }

  @Option(names = "--suite", defaultValue = "lab", paramLabel = "lab|extended|all",
      description = "The built-in rubric, 10 points per scenario (default ${DEFAULT-VALUE}: the lab's 11 scenarios).")
  String suite;

  @Option(names = "--rubric", paramLabel = "FILE.json",
      description = "A rubric file instead: {\"name\": ..., \"seeds\": K, \"scenarios\": [{\"scenario\": NAME, \"points\": P}, ...]}.")
  Path rubricFile;

  @Option(names = "--seeds", paramLabel = "K", description = "Seeds 1..K per scenario (default: the rubric's, else 3).")
  Integer seeds;

  @Option(names = "--out", defaultValue = "grade-out", paramLabel = "DIR", description = "Where the reports go (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--jobs", paramLabel = "N", description = "Child JVMs at once (default: the number of cores).")
  Integer jobs;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      defaultValue = "" + GradeOptions.DEFAULT_TIME_LIMIT_SECONDS,
      description = "Wall-clock limit per scenario x seed, both runs (default ${DEFAULT-VALUE}).")
  int timeLimitSeconds;

  @Option(names = "--format", defaultValue = "junit", paramLabel = "junit|gradescope|prairielearn",
      description = {"What to write besides grade.md and grade.json: junit (grade-junit.xml, the default), gradescope "
          + "(also Gradescope's results.json) or prairielearn (also PrairieLearn's results.json). With a platform "
          + "format a submission that cannot be graded still gets its results.json (score 0, the reason once)."})
  String format;

  @Option(names = "--heap", paramLabel = "MB", defaultValue = "" + GradeOptions.DEFAULT_HEAP_MEGABYTES,
      description = "Heap limit of each child JVM in MB (default ${DEFAULT-VALUE}).")
  int heapMegabytes;

  /**
   * The protocol under a submission of the key-value layer (the reference's OmniPaxos by default); a submission
   * that implements {@code consensus()} brings its own, and another name is then bad input.
   */
  @CommandLine.Mixin ProtocolOption protocol;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // Every input is checked before the first child JVM starts: bad input is exit 2 with nothing graded.
    protocol.implementation(spec); // an unknown name: exit 2 with the known ones
    Catalog catalog = new Catalog();
    Rubric rubric = loadRubric(spec, catalog, rubricFile, suite, seeds);
    GradeReports.Platform platform = platform();
    GradeOptions options;
    try {
      options = GradeOptions.defaults().withTimeLimitSeconds(timeLimitSeconds).withHeapMegabytes(heapMegabytes)
          .withProtocol(protocol.name);
      options = jobs != null ? options.withJobs(jobs) : options;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (options.jobs() > MAX_JOBS) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at most " + MAX_JOBS + ", was "
          + options.jobs());
    }
    requireExists(target.submission != null ? target.submission : target.submissions,
        target.submission != null ? "--submission" : "--submissions");
    Cli.requireWritableFolder(spec, out, "--out");
    PrintWriter stderr = spec.commandLine().getErr();
    int perSubmission = rubric.items().size() * rubric.seeds();
    java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> done = new java.util.concurrent.ConcurrentHashMap<>();
    Grader grader = new Grader(rubric, options, catalog, (submission, outcome) -> {
      // Progress only: the order runs end in is not deterministic, so it goes to stderr, not the table.
      int n = done.computeIfAbsent(submission, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
      synchronized (stderr) {
        stderr.printf(Locale.ROOT, "  %s [%d/%d] %s seed %d: %s%n", submission, n, perSubmission, outcome.scenario(),
            outcome.seed(), outcome.passed() ? "passed" : "FAILED (" + outcome.kind() + ")");
        stderr.flush();
      }
    });

    PrintWriter stdout = spec.commandLine().getOut();
    return target.submission != null ? gradeOne(grader, rubric, options, platform, stdout)
        : gradeBatch(grader, rubric, options, platform, stdout);
  }

  /** Child JVMs at once: more than this is a typo, and would exhaust the machine's memory. */
  static final int MAX_JOBS = 256;

  private GradeReports.Platform platform() {
    return switch (format) {
      case "junit" -> null;
      case "gradescope" -> GradeReports.Platform.GRADESCOPE;
      case "prairielearn" -> GradeReports.Platform.PRAIRIELEARN;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format
          + "' (--format); known: junit, gradescope, prairielearn");
    };
  }

  private int gradeOne(Grader grader, Rubric rubric, GradeOptions options, GradeReports.Platform platform,
      PrintWriter stdout) {
    long start = System.nanoTime();
    Grader.Input input = Grader.Input.of(target.submission);
    try {
      // Opened (and compiled) once, here: a submission that cannot be run is refused before any child starts.
      SubmissionLoader.requireCurrentApi(target.submission);
      Path entry = SubmissionLoader.classpathEntry(target.submission);
      input = input.opened(entry);
      SubmissionLoader.requireServiceFile(entry);
      SubmissionLoader.requireProtocolApplies(entry, protocol.name, target.submission.toString());
    } catch (SubmissionLoader.SubmissionException e) {
      if (input.entry() != null && !input.entry().equals(target.submission)) {
        SubmissionLoader.deleteQuietly(input.entry());
      }
      if (platform != null) { // the platform must still get its results.json: score 0, the reason once
        Grade refused = Grade.unloadable(input.name(), target.submission.toString(), rubric, e.getMessage());
        write(() -> writeReports(refused, out, platform, start));
      }
      throw new CommandLine.ParameterException(spec.commandLine(), "--submission " + Cli.oneLine(e.getMessage()));
    }
    stdout.printf(Locale.ROOT, "grading %s%s: rubric %s, %d scenarios x seeds 1..%d, %d child JVMs at once%n",
        target.submission, Protocols.over(protocol.name), rubric.name(), rubric.items().size(), rubric.seeds(), options.jobs());
    stdout.flush();
    Grade grade = grader.grade(input);
    GradeReports.console(grade, stdout);
    write(() -> writeReports(grade, out, platform, start));
    stdout.printf(Locale.ROOT, "reports: %s (%s)   wall %d ms%n", out, String.join(", ", reportNames(platform)),
        (System.nanoTime() - start) / 1_000_000);
    if (grade.loadError() != null) {
      stdout.flush();
      spec.commandLine().getErr().println("omnisim: cannot load the submission " + target.submission + ": "
          + Cli.oneLine(grade.loadError()));
      return 2;
    }
    return grade.score() == grade.maxPoints() ? 0 : 1;
  }

  private static List<String> reportNames(GradeReports.Platform platform) {
    List<String> names = new java.util.ArrayList<>(List.of(GradeReports.MARKDOWN, GradeReports.JSON, GradeReports.JUNIT));
    if (platform != null) {
      names.add(GradeReports.RESULTS + " (" + platform.name().toLowerCase(Locale.ROOT) + ")");
    }
    return names;
  }

  private static void writeReports(Grade grade, Path folder, GradeReports.Platform platform, long startNanos)
      throws IOException {
    GradeReports.write(grade, folder);
    if (platform != null) {
      long seconds = Math.max(0, Math.round((System.nanoTime() - startNanos) / 1e9));
      Files.writeString(folder.resolve(GradeReports.RESULTS), GradeReports.platform(grade, platform, seconds),
          StandardCharsets.UTF_8);
    }
  }

  private int gradeBatch(Grader grader, Rubric rubric, GradeOptions options, GradeReports.Platform platform,
      PrintWriter stdout) {
    List<Grader.Input> inputs;
    try (Stream<Path> entries = Files.list(target.submissions)) {
      inputs = entries.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().map(Grader.Input::of).toList();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot list '" + target.submissions
          + "' (--submissions): " + Cli.describe(e));
    }
    if (inputs.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), target.submissions + " holds no jar and no folder");
    }
    if (inputs.stream().map(Grader.Input::name).distinct().count() < inputs.size()) {
      // alice.jar next to alice/: name each by its whole file name, so that no report folder is shared
      inputs = inputs.stream().map(i -> new Grader.Input(i.path().getFileName().toString(), i.path())).toList();
    }
    stdout.printf(Locale.ROOT, "grading %d submissions in %s%s: rubric %s, %d scenarios x seeds 1..%d, %d child JVMs at once%n",
        inputs.size(), target.submissions, Protocols.over(protocol.name), rubric.name(), rubric.items().size(), rubric.seeds(), options.jobs());
    stdout.flush();
    long start = System.nanoTime();
    List<Grade> grades = grader.gradeAll(inputs);
    for (Grade g : grades) {
      write(() -> writeReports(g, out.resolve(g.submission()), platform, start));
      stdout.printf(Locale.ROOT, "%-30s %4d/%d  %s%s%n", g.submission(), g.score(), g.maxPoints(), g.status(), lost(g));
    }
    write(() -> Files.writeString(out.resolve(GradeReports.GRADEBOOK), GradeReports.gradebook(grades, rubric),
        StandardCharsets.UTF_8));
    stdout.printf(Locale.ROOT, "gradebook: %s   reports: %s/NAME/   wall %d ms%n", out.resolve(GradeReports.GRADEBOOK), out,
        (System.nanoTime() - start) / 1_000_000);
    return 0;
  }

  private static String lost(Grade g) {
    if (g.loadError() != null) {
      return "   " + g.loadError().lines().findFirst().orElse("");
    }
    List<String> failed = g.scenarios().stream().filter(s -> !s.passed()).map(Grade.ScenarioGrade::scenario).toList();
    return failed.isEmpty() ? "" : "   lost: " + String.join(", ", failed);
  }

  /** The rubric from {@code --rubric} or {@code --suite}, with {@code --seeds}; bad input is exit status 2. */
  static Rubric loadRubric(CommandLine.Model.CommandSpec spec, Catalog catalog, Path rubricFile, String suite,
      Integer seeds) {
    try {
      Rubric r = rubricFile != null ? Rubric.load(rubricFile, catalog) : Rubric.suite(suite, catalog);
      return seeds != null ? r.withSeeds(seeds) : r;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new CommandLine.ParameterException(spec.commandLine(), "rubric " + rubricFile + " (--rubric): "
          + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ") + "not valid JSON");
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read rubric '" + rubricFile + "' (--rubric): "
          + Cli.describe(e));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), (rubricFile != null ? "" : "--suite/--seeds: ")
          + Cli.oneLine(e.getMessage()));
    }
  }

  private void requireExists(Path path, String option) {
    if (!Files.exists(path)) {
      throw new CommandLine.ParameterException(spec.commandLine(), path + " (" + option + ") does not exist");
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private void write(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports into " + out, e);
    }
  }
}
