package dev.omnisim.scenarios.check;

import dev.omnisim.sim.SimLog;

/**
 * Why a run failed, as a type: the shrinker keeps a failure of the same kind while it cuts a schedule,
 * the grader and the reports group by kind, and tests assert on kinds rather than on sentences.
 * {@link #toString()} is the sentence a person reads.
 */
public sealed interface Failure {

  /** A short stable name of the kind ("invariant agreement", "not linearizable", "no progress", ...). */
  String kind();

  /** The sentence a person reads: what was expected, what happened, where. */
  String describe();

  /**
   * The client history has no linearization (or the checker could not decide within its budget).
   *
   * @param details the checker's explanation
   * @param undecided true when the checker gave up rather than proved a violation
   */
  record NotLinearizable(String details, boolean undecided) implements Failure {
    @Override
    public String kind() {
      return undecided ? "linearizability unknown" : "not linearizable";
    }

    @Override
    public String describe() {
      return details;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A named invariant, checked after every input to every server, did not hold.
   *
   * @param invariant the invariant's name (see {@link Invariants})
   * @param timeMicros virtual time of the step that broke it
   * @param node the server whose step broke it
   * @param event what that server was handling
   * @param evidence what was seen, with the numbers
   */
  record InvariantBroken(String invariant, long timeMicros, int node, String event, String evidence)
      implements Failure {
    @Override
    public String kind() {
      return "invariant " + invariant;
    }

    @Override
    public String describe() {
      return "invariant '" + invariant + "' broken at t=" + SimLog.formatMicros(timeMicros) + " on server " + node
          + " (after " + event + "): " + evidence;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * Clients did not complete operations within a phase's bound although they should have.
   *
   * @param phase which phase or check demanded progress ("after heal", "under partial connectivity", ...)
   * @param details who was stuck and for how long
   */
  record NoProgress(String phase, String details) implements Failure {
    @Override
    public String kind() {
      return "no progress";
    }

    @Override
    public String describe() {
      return "no progress " + phase + ": " + details;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A scenario's own check (the lab's {@code t.Fatalf}) failed: a wrong value, a wrong count.
   *
   * @param message what was expected and what happened
   */
  record CheckFailed(String message) implements Failure {
    @Override
    public String kind() {
      return "check";
    }

    @Override
    public String describe() {
      return message;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * A run went past a limit: virtual time, events, the simulation's caps.
   *
   * @param message which limit and by how much
   */
  record LimitExceeded(String message) implements Failure {
    @Override
    public String kind() {
      return "limit exceeded";
    }

    @Override
    public String describe() {
      return message;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /**
   * Node code (a server, a peer, a Clerk) threw.
   *
   * @param message the exception and where
   */
  record NodeException(String message) implements Failure {
    @Override
    public String kind() {
      return "exception";
    }

    @Override
    public String describe() {
      return "exception in the simulation: " + message;
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
