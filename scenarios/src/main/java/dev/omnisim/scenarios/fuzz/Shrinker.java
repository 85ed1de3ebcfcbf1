package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.scenarios.check.Failure;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cuts a failing fault schedule down while it keeps failing the same way: Zeller's delta debugging
 * (ddmin) removes ever smaller chunks of actions until no single action can go, then each remaining
 * action is simplified (loss bursts and clogs weakened). Every candidate is one deterministic run of
 * the same scenario and seed, so the result replays exactly.
 */
public final class Shrinker {

  /**
   * What shrinking found.
   *
   * @param schedule the smallest failing schedule found
   * @param failure how it fails
   * @param runs simulations run while shrinking
   */
  public record Outcome(FaultSchedule schedule, Failure failure, int runs) {}

  private final long seed;
  private final ScenarioRunner runner;
  private final int maxRuns;
  private final BooleanSupplier keepGoing;
  /** The kind of failure ({@link Failure#kind()}), so shrinking does not slip from one bug to another. */
  private String kind;
  private Failure lastFailure;
  private int runs;
  /** The schedule being shrunk: its configuration and seed go with every candidate. */
  private FaultSchedule original;

  /**
   * A shrinker for failures with {@code seed}, running at most {@code maxRuns} simulations and
   * stopping early when {@code keepGoing} turns false (e.g. a wall-clock budget). Candidates keep the
   * failing schedule's configuration.
   */
  public Shrinker(long seed, ScenarioRunner runner, int maxRuns, BooleanSupplier keepGoing) {
    this.seed = seed;
    this.runner = runner;
    this.maxRuns = maxRuns;
    this.keepGoing = keepGoing;
  }

  /** Shrinks {@code failing}; throws if it does not fail in the first place. */
  public Outcome shrink(FaultSchedule failing) {
    original = failing.withSeed(seed);
    Failure failure = failureOf(failing);
    if (failure == null) {
      throw new IllegalArgumentException("the schedule passes with seed " + seed + ": nothing to shrink");
    }
    kind = failure.kind();
    lastFailure = failure;
    List<TimedFault> current = failing.actions();
    if (stillFails(List.of())) {
      return new Outcome(failing.withActions(List.of()), lastFailure, runs);
    }
    current = ddmin(current);
    current = simplify(current);
    Failure finalFailure = failureOf(failing.withActions(current));
    return new Outcome(failing.withActions(current), finalFailure == null ? lastFailure : finalFailure, runs);
  }

  private List<TimedFault> ddmin(List<TimedFault> actions) {
    List<TimedFault> current = actions;
    int granularity = 2;
    while (current.size() >= 2 && budgetLeft()) {
      int chunk = (current.size() + granularity - 1) / granularity;
      boolean reduced = false;
      for (int start = 0; start < current.size() && budgetLeft(); start += chunk) {
        List<TimedFault> complement = new ArrayList<>(current.subList(0, start));
        complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
        if (stillFails(complement)) {
          current = complement;
          granularity = Math.max(granularity - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (granularity >= current.size()) {
          break; // every single action is needed: 1-minimal
        }
        granularity = Math.min(current.size(), granularity * 2);
      }
    }
    if (current.size() == 1 && budgetLeft() && stillFails(List.of())) {
      return List.of();
    }
    return current;
  }

  private List<TimedFault> simplify(List<TimedFault> actions) {
    List<TimedFault> current = new ArrayList<>(actions);
    for (int i = 0; i < current.size() && budgetLeft(); i++) {
      FaultAction simpler = simpler(current.get(i).action());
      while (simpler != null && budgetLeft()) {
        List<TimedFault> candidate = new ArrayList<>(current);
        candidate.set(i, current.get(i).with(simpler));
        if (!stillFails(candidate)) {
          break;
        }
        current = candidate;
        simpler = simpler(simpler);
      }
    }
    return current;
  }

  /** A weaker version of {@code a}, or null when it cannot be weakened. */
  static FaultAction simpler(FaultAction a) {
    return switch (a) {
      case FaultAction.LossBurst l when l.dropProbability() >= 0.02 || l.duplicateProbability() >= 0.02 ->
          new FaultAction.LossBurst(Math.floor(l.dropProbability() * 50) / 100,
              Math.floor(l.duplicateProbability() * 50) / 100);
      case FaultAction.Clog c when c.latencyMicros() >= 20_000 -> new FaultAction.Clog(c.a(), c.b(), c.latencyMicros() / 2);
      default -> null;
    };
  }

  private boolean stillFails(List<TimedFault> actions) {
    Failure failure = failureOf(original.withActions(actions));
    if (failure != null && failure.kind().equals(kind)) {
      lastFailure = failure;
      return true;
    }
    return false;
  }

  private Failure failureOf(FaultSchedule schedule) {
    runs++;
    ScenarioResult result = runner.run(FuzzScenarios.withSchedule(schedule), seed);
    return result.failure();
  }

  private boolean budgetLeft() {
    return runs < maxRuns && keepGoing.getAsBoolean();
  }

}
