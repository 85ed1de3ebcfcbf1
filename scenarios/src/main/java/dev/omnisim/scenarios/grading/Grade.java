package dev.omnisim.scenarios.grading;

import java.util.List;

/**
 * What one submission scored on a rubric.
 *
 * @param submission the submission's name (its file or folder name)
 * @param path the path it was graded from, as given: the replay commands name it
 * @param rubric the rubric
 * @param scenarios one entry per rubric scenario, in rubric order
 * @param wallMillis wall time of its runs in the child JVMs, summed (the only field that is not deterministic)
 */
public record Grade(String submission, String path, Rubric rubric, List<ScenarioGrade> scenarios, long wallMillis) {

  public Grade {
    scenarios = List.copyOf(scenarios);
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

    /** True when every seed passed. */
    public boolean passed() {
      return runs.stream().allMatch(RunOutcome::passed);
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

  /** The command that replays {@code run} against this submission. */
  public String replayCommand(RunOutcome run) {
    return "./omnisim run " + run.scenario() + " --seed " + run.seed() + " --submission " + path;
  }
}
