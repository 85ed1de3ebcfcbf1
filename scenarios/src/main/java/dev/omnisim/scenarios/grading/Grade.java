package dev.omnisim.scenarios.grading;

import dev.omnisim.scenarios.Protocols;
import java.util.List;

/**
 * What one submission scored on a rubric.
 *
 * @param submission the submission's name (its file or folder name)
 * @param path the path it was graded from, as given: the replay commands name it
 * @param rubric the rubric
 * @param scenarios one entry per rubric scenario, in rubric order
 * @param wallMillis wall time of its runs in the child JVMs, summed (the only field that is not deterministic)
 * @param loadError why the submission could not be run at all (it does not compile, names no Submission, its
 *     constructor throws), said once; null when it ran
 * @param build the omnisim that graded it: fingerprints depend on it
 * @param protocol the registered protocol under a submission of the key-value layer ({@code grade --protocol});
 *     {@code omnipaxos}, the default, for every other submission
 */
public record Grade(String submission, String path, Rubric rubric, List<ScenarioGrade> scenarios, long wallMillis,
    String loadError, BuildInfo build, String protocol) {

  public Grade {
    scenarios = List.copyOf(scenarios);
    java.util.Objects.requireNonNull(protocol, "protocol");
  }

  /** A grade of a submission that ran, by the omnisim running now, on the default protocol. */
  public Grade(String submission, String path, Rubric rubric, List<ScenarioGrade> scenarios, long wallMillis) {
    this(submission, path, rubric, scenarios, wallMillis, null, BuildInfo.current(), Protocols.DEFAULT);
  }

  /** The grade of a submission that could not be run at all, for {@code reason}: 0 points, the reason once. */
  public static Grade unloadable(String submission, String path, Rubric rubric, String reason) {
    return new Grade(submission, path, rubric, rubric.items().stream()
        .map(i -> new ScenarioGrade(i.scenario(), i.scenario(), i.points(), List.of())).toList(), 0, reason,
        BuildInfo.current(), Protocols.DEFAULT);
  }

  /** How grading went, in a word for the gradebook's status column. */
  public String status() {
    if (loadError != null) {
      return loadError.contains("does not compile") ? "does not compile" : "cannot load";
    }
    return score() == maxPoints() ? "full marks" : "points lost";
  }

  /**
   * One scenario's runs and points.
   *
   * @param scenario the scenario's name
   * @param title the lab's title
   * @param maxPoints what the rubric gives for it
   * @param runs one outcome per seed, in seed order
   */
  public record ScenarioGrade(String scenario, String title, int maxPoints, List<RunOutcome> runs) {
    public ScenarioGrade {
      runs = List.copyOf(runs);
    }

    /** True when it ran on every seed and every seed passed. */
    public boolean passed() {
      return !runs.isEmpty() && runs.stream().allMatch(RunOutcome::passed);
    }

    /** All the points when every seed passed, none otherwise. */
    public int points() {
      return passed() ? maxPoints : 0;
    }
  }

  /** The points earned. */
  public int score() {
    return scenarios.stream().mapToInt(ScenarioGrade::points).sum();
  }

  /** The points there are. */
  public int maxPoints() {
    return rubric.maxPoints();
  }

  /**
   * The command that replays {@code run} against this submission, from the omnisim repository: the
   * submission's path is relative to the repository when it lies inside it, else absolute.
   */
  public String replayCommand(RunOutcome run) {
    return "./omnisim run " + run.scenario() + " --seed " + run.seed() + " --submission "
        + CommandPaths.forCommand(java.nio.file.Path.of(path))
        + protocolArgument();
  }

  /** What a command needs to run the same protocol: empty for the default. */
  public String protocolArgument() {
    return Protocols.argument(protocol);
  }
}
