package dev.omnisim.sim.fault;

/**
 * One entry of a fault schedule: a {@link FaultAction} and when it happens. The time lives here, not
 * in the action, so the same action value serves a schedule, a scenario that acts at a moment of its
 * own choosing, and a test. In a schedule file an entry is one object: {@code {"atMicros": 900,
 * "action": "crash", "server": 1}}.
 *
 * @param atMicros when the action happens, in virtual microseconds from the start of the run
 * @param action what happens
 */
public record TimedFault(long atMicros, FaultAction action) {

  /** Checks the time and the action. */
  public TimedFault {
    if (atMicros < 0) {
      throw new IllegalArgumentException("a fault's time must be >= 0 µs, was " + atMicros);
    }
    if (action == null) {
      throw new IllegalArgumentException("a timed fault needs an action, was null");
    }
  }

  /** The same action at another time (the shrinker moves actions). */
  public TimedFault at(long micros) {
    return new TimedFault(micros, action);
  }

  /** The same time with another action (the shrinker weakens actions). */
  public TimedFault with(FaultAction other) {
    return new TimedFault(atMicros, other);
  }

  /**
   * The name of this fault's event in the trace: {@code Crash[atMicros=900, server=1]}. It is folded
   * into the fingerprint, so it keeps the form it had when the time was a field of the action, and
   * schedules saved before keep their fingerprints. For the same reason a quorum loss is still
   * called a star there.
   */
  public String traceLabel() {
    String text = action instanceof FaultAction.QuorumLoss q ? "Star[center=" + q.center() + "]" : action.toString();
    int open = text.indexOf('[');
    String name = text.substring(0, open);
    String fields = text.substring(open + 1, text.length() - 1);
    return name + "[atMicros=" + atMicros + (fields.isEmpty() ? "" : ", " + fields) + "]";
  }

  @Override
  public String toString() {
    return "at " + atMicros + " µs: " + action;
  }
}
