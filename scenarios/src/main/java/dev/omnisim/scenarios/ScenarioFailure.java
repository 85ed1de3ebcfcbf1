package dev.omnisim.scenarios;

/** A scenario's check failed (the lab's {@code t.Fatalf}): the run stops and is reported as failed. */
public final class ScenarioFailure extends RuntimeException {

  /** A failure with a sentence saying what was expected and what happened. */
  public ScenarioFailure(String message) {
    super(message);
  }
}
