package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.Acknowledging;
import dev.omnisim.consensus.Promising;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Multi-Paxos's messages: the leader election's heartbeats (after the Omni-Paxos artifact's
 * {@code mp_le.rs}) and the replication's prepare, promise, accept and decide. Ballots are
 * {@link Term}s {@code (n, pid)}.
 */
public sealed interface Message {

  /**
   * Entries {@code [from, from + entries.size())} of a log, preceded by a snapshot of {@code [0, from)}
   * when the sender had compacted below what the receiver needs.
   *
   * @param snapshot the sender's snapshot, present only when {@code from} is its compacted index
   * @param from absolute index of the first entry
   * @param entries the entries
   * @param <T> the entry type
   */
  record Suffix<T>(Optional<Snapshot> snapshot, long from, List<T> entries) {
    /** Copies the entries. */
    public Suffix {
      Objects.requireNonNull(snapshot, "snapshot");
      entries = List.copyOf(entries);
    }

    /** The index just past the last entry. */
    public long end() {
      return from + entries.size();
    }
  }

  /** Election: "are you there?", once per round ({@code electionTimeoutTicks}) to every peer. */
  record HeartbeatRequest(long round) implements Message {}

  /**
   * Election: the answer, with the sender's own candidate ballot and the leader ballot it follows.
   *
   * @param round the round of the request
   * @param ballot the sender's candidate ballot
   * @param leader the ballot of the leader the sender follows; {@link Term#NONE} without one
   */
  record HeartbeatReply(long round, Term ballot, Term leader) implements Message {}

  /**
   * Phase 1a: the leader of {@code ballot} asks for a promise, saying how much it holds, so the
   * follower sends only what the leader may lack.
   */
  record Prepare(Term ballot, long decided, Term accepted, long length) implements Message {}

  /**
   * Phase 1b: a promise never to accept below {@code ballot}, with the follower's accepted ballot,
   * decided index, log length and the part of its log the leader may lack.
   */
  record Promise<T>(Term ballot, Term accepted, long decided, long length, Suffix<T> suffix)
      implements Message, Promising {
    @Override
    public Term promisedTerm() {
      return ballot;
    }
  }

  /**
   * Phase 2a after phase 1: the follower's log from {@code suffix.from()} on is replaced by the
   * leader's (in the ballot it already accepted: only extended).
   */
  record AcceptSync<T>(Term ballot, Suffix<T> suffix, long decided) implements Message {}

  /** Phase 2a: entries appended by the leader at {@code from}, and its decided index. */
  record Accept<T>(Term ballot, long from, List<T> entries, long decided) implements Message {
    /** Copies the entries. */
    public Accept {
      entries = List.copyOf(entries);
    }
  }

  /** Phase 2b: the follower holds the leader's log {@code [0, length)} accepted in {@code ballot}. */
  record Accepted(Term ballot, long length) implements Message, Acknowledging {
    @Override
    public Term acceptedTerm() {
      return ballot;
    }

    @Override
    public long acceptedLength() {
      return length;
    }
  }

  /** The leader's decided index in {@code ballot}; also its heartbeat to followers. */
  record Decide(Term ballot, long decided) implements Message {}

  /** A refusal: the sender promised {@code promised}, above the ballot it was asked to act on. */
  record NotAccepted(Term promised) implements Message {}
}
