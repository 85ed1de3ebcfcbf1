package dev.omnisim.scenarios.grading;

import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.check.Invariants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a kind of failure usually means in a student's submission: one or two sentences that point at
 * the part of the code to look at first. Hints are guesses from experience, said as such; the failure
 * text above them is the evidence.
 */
public final class FailureHints {
  /** The kinds the grader records itself, when the child could not report a run. */
  static final String TIMEOUT = "timeout";
  static final String EXITED = "exited";
  static final String OUT_OF_MEMORY = "out of memory";
  static final String EXCEPTION = "exception";
  static final String NONDETERMINISTIC = "nondeterministic";
  static final String UNLOADABLE = "cannot load";

  private FailureHints() {}

  /** The kind of a failure the grader recorded as text, from its first words; "" for none. */
  public static String kindOf(String failure) {
    if (failure == null) {
      return "";
    }
    if (failure.startsWith("timeout")) {
      return TIMEOUT;
    }
    if (failure.startsWith("exited with status")) {
      return EXITED;
    }
    if (failure.startsWith(Grader.OUT_OF_MEMORY)) {
      return OUT_OF_MEMORY;
    }
    if (failure.startsWith("exception")) {
      return EXCEPTION;
    }
    if (failure.startsWith("nondeterministic")) {
      return NONDETERMINISTIC;
    }
    if (failure.startsWith("cannot load the submission")) {
      return UNLOADABLE;
    }
    if (failure.startsWith("history is not linearizable")) {
      return "not linearizable";
    }
    if (failure.startsWith("no progress")) {
      return "no progress";
    }
    if (failure.startsWith("invariant '")) {
      int end = failure.indexOf('\'', "invariant '".length());
      return end < 0 ? "invariant" : "invariant " + failure.substring("invariant '".length(), end);
    }
    return "check";
  }

  /** The hint for a run's failure, looking at its history where that tells two causes apart. */
  public static String forResult(ScenarioResult result) {
    if (result.passed()) {
      return "";
    }
    String kind = result.failure().kind();
    if (kind.equals("not linearizable") && repeatedAppend(result.history().operations())) {
      return REPEATED_APPEND;
    }
    return forKind(kind, result.failure().describe());
  }

  private static final String REPEATED_APPEND = "A read returned one Append's value twice (a repeated suffix): a "
      + "retried request was applied twice. Look at duplicate detection: the server must remember, per client, the "
      + "last sequence number it applied (and its reply), including across snapshots and restarts.";

  /** The hint for {@code kind}; {@code failure} is its text. */
  public static String forKind(String kind, String failure) {
    if (kind == null || kind.isEmpty()) {
      return "";
    }
    return switch (kind) {
      case "not linearizable" -> "A client saw a result no one-at-a-time order of the operations explains. "
          + "Most often a stale read: a Get answered from a server's own state without going through the log "
          + "(every Get must be decided in the log too), or a server answering after losing leadership. "
          + "If a read shows an Append's value twice, look at duplicate detection instead.";
      case "linearizability unknown" -> "The checker could not decide this history within its budget; the history "
          + "is unusual (very many concurrent operations). Rerun the seed; if it persists, ask your teacher.";
      case "no progress" -> "Clients stopped completing operations although a majority could talk. Look at leader "
          + "handling and forwarding: a server that is not the leader must answer ErrWrongLeader (or forward) "
          + "instead of waiting, a new leader must finish what the old one left, and the Clerk must retry other servers.";
      case "limit exceeded" -> "The run hit the simulator's cap on events: something sends or retries without "
          + "bound (a message storm, a retry loop without a timer).";
      case "exception" -> "Your code threw an exception; the message above says which and where.";
      case TIMEOUT -> "The run did not end within the wall-clock limit: an infinite loop, a deadlock, or a busy wait "
          + "(the simulation has no real time; wait with timers instead).";
      case EXITED -> "The submission ended the JVM (System.exit or a crash); never exit from server code.";
      case OUT_OF_MEMORY -> "The submission ran out of heap: a log, a queue or a table that grows without bound "
          + "(compaction missing, duplicate table never freed).";
      case NONDETERMINISTIC -> "The same seed gave two different runs: threads, the wall clock, unseeded randomness "
          + "or iteration over a HashMap/HashSet of objects hashed by identity. Use the node's random() and timers.";
      case UNLOADABLE -> "The grader could not load the submission; fix what the message says and try "
          + "./omnisim run basic-one --submission PATH first.";
      case "check" -> failure != null && (failure.contains("duplicate element") || readMoreThanWanted(failure))
          ? REPEATED_APPEND
          : failure != null && (failure.contains("missing element") || failure.contains("wrong value"))
              ? "A client read a value that misses a write it had already seen acknowledged: most often a stale read, "
                  + "a Get answered from a server's own state without going through the log (every Get must be "
                  + "decided in the log too), or a server answering after losing leadership."
              : "A check of the scenario failed (e.g. a client saw a wrong value or too few operations "
                  + "completed); the message above says which.";
      default -> kind.startsWith("invariant ") ? invariantHint(kind.substring("invariant ".length())) : "";
    };
  }

  private static String invariantHint(String invariant) {
    return switch (invariant) {
      case Invariants.AGREEMENT -> "Two servers decided different entries at the same index: look at how the "
          + "leader picks the log to adopt after an election, and at deciding only with a majority of Accepted.";
      case Invariants.DECIDED_PREFIX -> "A server's decided entries changed or went back: it decided something "
          + "it had not persisted, or truncated decided entries (persist before you acknowledge, never truncate "
          + "below the decided index).";
      case Invariants.PROMISE_DURABLE -> "A server forgot a promise after a restart: write the promised ballot to "
          + "its disk (and sync) before sending Promise.";
      case Invariants.ACKNOWLEDGED_KEPT -> "A server lost entries it had acknowledged: persist accepted entries "
          + "before sending Accepted, and do not truncate them on a stale AcceptSync.";
      case Invariants.REPLICA_EQUALITY -> "Servers that applied the same entries hold different states: applying "
          + "depends on something besides the log (local reads, the wall clock), or the duplicate table is not "
          + "part of the snapshot.";
      case Invariants.ONE_LEADER_PER_TERM -> "Two servers lead in the same term: ballots must be unique (include "
          + "the server id) and a server must lead only with a majority's promises.";
      case Invariants.QUORUM_CONNECTED_TAKEOVER -> "A server took over without being connected to a majority: the "
          + "election must count only quorum-connected candidates (Ballot Leader Election's check).";
      case Invariants.STABLE_LEADER -> "Leadership changed while nothing in the network changed: heartbeats or "
          + "timeouts let a follower suspect a healthy leader.";
      case Invariants.PROGRESS -> "No progress while a majority was connected: look at leader handling and forwarding.";
      default -> "";
    };
  }

  /**
   * True for the lab's "get wrong value ... wanted W ... got G" when G is longer than W and holds some
   * piece twice in a row (p1a1a1 for p1a1): a retried Append was applied twice. Being longer alone
   * says nothing: a stale read from before a Put is longer too (fig5c-many seed 1 with local reads:
   * wanted "x 0 3 y", got "x 0 1 yx 0 3 yx 0 4 y").
   */
  static boolean readMoreThanWanted(String failure) {
    int wanted = failure.indexOf("wanted");
    int got = failure.lastIndexOf("got");
    if (!failure.startsWith("get wrong value") || wanted < 0 || got < wanted) {
      return false;
    }
    String w = failure.substring(wanted + "wanted".length(), got).replaceAll("[:,\\s]", "");
    String g = failure.substring(got + "got".length()).replaceAll("[:,\\s]", "");
    return g.length() > w.length() && hasPieceTwiceInARow(g.substring(0, Math.min(g.length(), 2_000)));
  }

  /** True when {@code s} holds some piece of 2 or more characters twice in a row ("a1a1"). */
  static boolean hasPieceTwiceInARow(String s) {
    for (int length = 2; 2 * length <= s.length(); length++) {
      for (int i = 0; i + 2 * length <= s.length(); i++) {
        if (s.regionMatches(i, s, i + length, length)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when a read returned some Append's value twice: the mark of an Append applied twice. */
  static boolean repeatedAppend(List<Operation<KvOp, String>> operations) {
    Map<String, List<String>> appendsByKey = new LinkedHashMap<>();
    for (Operation<KvOp, String> op : operations) {
      if (op.input() instanceof KvOp.Append append && !append.value().isEmpty()) {
        appendsByKey.computeIfAbsent(append.key(), k -> new java.util.ArrayList<>()).add(append.value());
      }
    }
    for (Operation<KvOp, String> op : operations) {
      if (op.input() instanceof KvOp.Get get && op.output() != null) {
        for (String value : appendsByKey.getOrDefault(get.key(), List.of())) {
          int first = op.output().indexOf(value);
          if (first >= 0 && op.output().indexOf(value, first + value.length()) >= 0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
