package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.Acknowledging;
import dev.omnisim.consensus.Promising;
import dev.omnisim.consensus.Term;
import java.util.Arrays;
import java.util.List;

/**
 * Raft's messages (the paper's Figure 2 RPCs, split into one record per kind of request and reply, plus
 * PreVote and InstallSnapshot). Every message carries its sender's term. Indexes are Raft's: the first
 * entry is at index 1, so index {@code i} is the contract's log position {@code i - 1}.
 *
 * @param <T> the command type
 */
public sealed interface RaftMessage<T> {

  /**
   * Returns the sender's term (for a pre-vote request: the term it would campaign in).
   *
   * @return the term
   */
  long term();

  /**
   * RequestVote, or PreVote when {@code preVote}: "would you vote for me in {@code term}?".
   *
   * @param term the candidate's term (for a pre-vote: its current term plus one, not yet taken)
   * @param lastLogIndex index of the candidate's last entry
   * @param lastLogTerm term of that entry
   * @param preVote true for a pre-vote, which changes no state on either side
   */
  record RequestVote<T>(long term, long lastLogIndex, long lastLogTerm, boolean preVote) implements RaftMessage<T> {}

  /**
   * A vote granted in {@code term}: a promise to vote for nobody else in it, so it must survive a crash.
   *
   * @param term the term of the vote
   */
  record VoteGranted<T>(long term) implements RaftMessage<T>, Promising {
    @Override
    public Term promisedTerm() {
      return Raft.termOf(term);
    }
  }

  /**
   * A pre-vote granted for {@code term}: no promise, nothing written.
   *
   * @param term the term the pre-candidate asked about
   */
  record PreVoteGranted<T>(long term) implements RaftMessage<T> {}

  /**
   * A vote or pre-vote refused.
   *
   * @param term the refuser's current term
   * @param preVote whether the request was a pre-vote
   */
  record VoteRefused<T>(long term, boolean preVote) implements RaftMessage<T> {}

  /**
   * AppendEntries: the leader's entries after {@code prevLogIndex}, or none (a heartbeat).
   *
   * @param term the leader's term
   * @param prevLogIndex index of the entry just before {@code entries}
   * @param prevLogTerm its term, for the consistency check
   * @param entries the entries from {@code prevLogIndex + 1}, possibly none
   * @param leaderCommit the leader's commit index
   */
  record AppendEntries<T>(long term, long prevLogIndex, long prevLogTerm, List<Entry<T>> entries, long leaderCommit)
      implements RaftMessage<T> {
    /** Copies the entries. */
    public AppendEntries {
      entries = List.copyOf(entries);
    }

    @Override
    public String toString() {
      return "AppendEntries[term=" + term + ", prev=" + prevLogIndex + "/" + prevLogTerm + ", entries=" + entries.size()
          + ", commit=" + leaderCommit + "]";
    }
  }

  /**
   * InstallSnapshot (the paper's §7): the service state after the leader's first {@code lastIncludedIndex}
   * entries, sent when the entries a follower needs were compacted away.
   *
   * @param term the leader's term
   * @param lastIncludedIndex the last index the snapshot covers
   * @param lastIncludedTerm that entry's term
   * @param data the service's snapshot
   */
  record InstallSnapshot<T>(long term, long lastIncludedIndex, long lastIncludedTerm, byte[] data)
      implements RaftMessage<T> {
    /** Copies the bytes. */
    public InstallSnapshot {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof InstallSnapshot<?> s && s.term == term && s.lastIncludedIndex == lastIncludedIndex
          && s.lastIncludedTerm == lastIncludedTerm && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(term) * 31 + Long.hashCode(lastIncludedIndex);
    }

    @Override
    public String toString() {
      return "InstallSnapshot[term=" + term + ", last=" + lastIncludedIndex + "/" + lastIncludedTerm + ", bytes="
          + data.length + "]";
    }
  }

  /**
   * A successful AppendEntries or InstallSnapshot reply: the sender's log matches the leader's up to
   * {@code matchIndex}, durably, so the leader may count it towards a majority.
   *
   * @param term the follower's (and leader's) term
   * @param matchIndex the last index known to match the leader's log
   */
  record AppendAccepted<T>(long term, long matchIndex) implements RaftMessage<T>, Acknowledging {
    @Override
    public Term acceptedTerm() {
      return Raft.termOf(term);
    }

    @Override
    public long acceptedLength() {
      return matchIndex;
    }
  }

  /**
   * A failed consistency check, or an AppendEntries from an older term.
   *
   * @param term the follower's term
   * @param rejectedIndex the {@code prevLogIndex} that did not match
   * @param hintIndex the follower's log may match the leader's up to here (the paper's §5.3 optimisation:
   *     the conflicting term is skipped whole)
   */
  record AppendRejected<T>(long term, long rejectedIndex, long hintIndex) implements RaftMessage<T> {}
}
