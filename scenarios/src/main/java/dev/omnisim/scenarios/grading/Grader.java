package dev.omnisim.scenarios.grading;

import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.grading.ChildJvm.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grades submissions on a rubric: compiles or opens each, splits its scenario × seed runs over child
 * JVMs (all seeds of a scenario in the same child, so that each child warms up once), runs up to
 * {@link GradeOptions#jobs()} children at once across all submissions, and scores the results.
 */
public final class Grader {
  /** The failure reported when a submission exhausts its child's heap. */
  static final String OUT_OF_MEMORY = "out of memory";

  private final Rubric rubric;
  private final GradeOptions options;
  private final Catalog catalog;

  private final Progress progress;

  /** Hears of every run as it ends, from the grading threads. */
  @FunctionalInterface
  public interface Progress {
    /** {@code outcome} of a run of the submission named {@code submission} just ended. */
    void ran(String submission, RunOutcome outcome);
  }

  public Grader(Rubric rubric, GradeOptions options, Catalog catalog) {
    this(rubric, options, catalog, (submission, outcome) -> { });
  }

  /** A grader that tells {@code progress} of every run as it ends, from the grading threads. */
  public Grader(Rubric rubric, GradeOptions options, Catalog catalog, Consumer<RunOutcome> progress) {
    this(rubric, options, catalog, (submission, outcome) -> progress.accept(outcome));
  }

  /** A grader that tells {@code progress} of every run, and whose submission it was, as it ends. */
  public Grader(Rubric rubric, GradeOptions options, Catalog catalog, Progress progress) {
    this.rubric = rubric;
    this.options = options;
    this.catalog = catalog;
    this.progress = progress;
  }

  /**
   * A submission to grade: its name in the reports, where it is, and, when it was already checked, the
   * jar or class folder to run (a project folder compiled once); null to open it here.
   */
  public record Input(String name, Path path, Path entry) {
    /** A submission to open (and compile) when grading starts. */
    public Input(String name, Path path) {
      this(name, path, null);
    }

    /** The same submission, already opened as {@code classpathEntry}. */
    public Input opened(Path classpathEntry) {
      return new Input(name, path, classpathEntry);
    }

    /** The input for {@code path}, named after its file or folder ({@code alice.jar} → {@code alice}). */
    public static Input of(Path path) {
      String file = path.toAbsolutePath().normalize().getFileName().toString();
      return new Input(file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file, path);
    }
  }

  /** Grades one submission. */
  public Grade grade(Input input) {
    return gradeAll(List.of(input)).get(0);
  }

  /** Grades every input, in parallel; the grades come back in input order. */
  public List<Grade> gradeAll(List<Input> inputs) {
    ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
    try {
      List<Prepared> prepared = new ArrayList<>();
      for (Input input : inputs) {
        prepared.add(prepare(input, pool, Math.max(1, ceilDiv(options.jobs(), inputs.size()))));
      }
      List<Grade> grades = new ArrayList<>();
      for (Prepared p : prepared) {
        grades.add(collect(p));
      }
      return grades;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A submission opened (or not) with its children under way. */
  private record Prepared(Input input, Path entry, String loadError, List<Future<Map<Run, RunOutcome>>> chunks) {}

  private Prepared prepare(Input input, ExecutorService pool, int chunkCount) {
    Path entry;
    try {
      entry = input.entry() != null ? input.entry() : SubmissionLoader.classpathEntry(input.path());
      SubmissionLoader.requireServiceFile(entry);
      SubmissionLoader.requireProtocolApplies(entry, options.protocol(), input.path().toString());
    } catch (SubmissionLoader.SubmissionException e) {
      return new Prepared(input, null, e.getMessage(), List.of());
    }
    int k = Math.min(chunkCount, rubric.items().size());
    List<List<Run>> chunks = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      chunks.add(new ArrayList<>());
    }
    // Round-robin over scenarios balances cheap and costly ones between the children.
    for (int i = 0; i < rubric.items().size(); i++) {
      for (long seed : rubric.seedList()) {
        chunks.get(i % k).add(new Run(rubric.items().get(i).scenario(), seed));
      }
    }
    ChildJvm child = new ChildJvm(entry, options, outcome -> progress.ran(input.name(), outcome));
    List<Future<Map<Run, RunOutcome>>> futures = new ArrayList<>();
    for (List<Run> chunk : chunks) {
      futures.add(pool.submit(() -> child.runAll(chunk)));
    }
    return new Prepared(input, entry, null, futures);
  }

  private Grade collect(Prepared p) {
    Map<Run, RunOutcome> outcomes = new LinkedHashMap<>();
    for (Future<Map<Run, RunOutcome>> f : p.chunks()) {
      try {
        outcomes.putAll(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("grading " + p.input().path() + " failed: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while grading " + p.input().path(), e);
      }
    }
    if (p.entry() != null && !p.entry().equals(p.input().path())) {
      SubmissionLoader.deleteQuietly(p.entry()); // the classes compiled from a project folder
    }
    // A submission none of whose runs could load it failed once, not once per run.
    String loadError = p.loadError() != null ? p.loadError() : commonLoadError(outcomes);
    List<Grade.ScenarioGrade> scenarios = new ArrayList<>();
    long wall = 0;
    for (Rubric.Item item : rubric.items()) {
      List<RunOutcome> runs = new ArrayList<>();
      if (loadError == null) {
        for (long seed : rubric.seedList()) {
          RunOutcome o = outcomes.get(new Run(item.scenario(), seed));
          runs.add(o);
          wall += o.wallMillis();
        }
      }
      scenarios.add(new Grade.ScenarioGrade(item.scenario(), catalog.require(item.scenario()).title(),
          item.points(), runs));
    }
    return new Grade(p.input().name(), p.input().path().toString(), rubric, scenarios, wall, loadError,
        BuildInfo.current(), options.protocol());
  }

  /** The load error every run reported, or null when some run got past loading. */
  private static String commonLoadError(Map<Run, RunOutcome> outcomes) {
    String prefix = "cannot load the submission: ";
    if (outcomes.isEmpty() || !outcomes.values().stream().allMatch(o -> o.failure() != null && o.failure().startsWith(prefix))) {
      return null;
    }
    return outcomes.values().iterator().next().failure().substring(prefix.length());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
