package dev.omnisim.scenarios;

import dev.omnisim.scenarios.check.Failure;

/**
 * A scenario's check failed (the lab's {@code t.Fatalf}), or an invariant broke: the run stops and is
 * reported as failed with the typed {@link #failure()}.
 */
public final class ScenarioFailure extends RuntimeException {
  private final transient Failure failure;

  /** A scenario's own check failed: a sentence saying what was expected and what happened. */
  public ScenarioFailure(String message) {
    this(new Failure.CheckFailed(message));
  }

  /** A failure of a known kind. */
  public ScenarioFailure(Failure failure) {
    super(failure.describe());
    this.failure = failure;
  }

  /** What failed, typed. */
  public Failure failure() {
    return failure;
  }
}
