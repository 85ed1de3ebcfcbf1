package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Acknowledging;
import dev.omnisim.consensus.Promising;
import dev.omnisim.consensus.Term;
import dev.omnisim.consensus.Snapshot;
import java.util.List;

/**
 * Every message OmniPaxos peers exchange: Ballot Leader Election heartbeats and the Sequence Paxos
 * protocol. Immutable values; entry lists are unmodifiable copies.
 *
 * <p>Leader-to-follower messages of the accept phase carry a session (opened by a prepare of that
 * follower) and a sequence number within it, so a follower notices a lost message: it never applies
 * a gap, and asks to be resynchronised when the leader's resends do not fill it. Within one ballot
 * the leader's log only grows, so a late or duplicated accept of the follower's ballot that connects
 * to its log is still applied.
 *
 * @param <T> the entry type
 */
public sealed interface Message<T> {

  /**
   * The periodic heartbeat of leader election, sent to every peer once per round.
   *
   * @param round the sender's heartbeat round
   * @param ballot the sender's own ballot
   * @param quorumConnected whether the sender heard a quorum (itself included) in its last round
   * @param heardYourRound the receiver's latest heartbeat round the sender recorded, when it heard
   *     the receiver recently; -1 otherwise. A link counts as up only when both directions work, and
   *     the round says how old that news is: a heartbeat held up for rounds, or the last one of a
   *     peer that crashed since, must not count as a working link
   * @param paxos the sender's Sequence Paxos promise and decided index: a leader below the promise
   *     knows it is stale, and a leader sees which follower missed a decide
   * @param probe true when the sender is about to act on not having heard the receiver (declare its
   *     quorum lost, or take over from it) and asks for an immediate reply first
   * @param vouches whether the sender hears the peer whose ballot it promised, and that peer is
   *     quorum-connected (or the sender is that peer, quorum-connected): a leader that a peer
   *     vouches for is alive and leads, even where the receiver cannot see it
   */
  record HeartbeatRequest<T>(
      long round, Ballot ballot, boolean quorumConnected, long heardYourRound, PaxosState paxos, boolean probe,
      boolean vouches)
      implements Message<T> {

    /**
     * A request that vouches for nobody.
     *
     * @param round the sender's heartbeat round
     * @param ballot the sender's own ballot
     * @param quorumConnected whether the sender heard a quorum in its last round
     * @param heardYourRound the receiver's latest round the sender recorded, or -1
     * @param paxos the sender's Sequence Paxos promise and decided index
     * @param probe whether the sender asks for an immediate reply
     */
    public HeartbeatRequest(
        long round, Ballot ballot, boolean quorumConnected, long heardYourRound, PaxosState paxos, boolean probe) {
      this(round, ballot, quorumConnected, heardYourRound, paxos, probe, false);
    }

    /** Whether the sender recently heard the receiver at all. */
    public boolean heardFromYou() {
      return heardYourRound >= 0;
    }
  }

  /**
   * The answer to a heartbeat request whose sender had not heard from the receiver, so a
   * (re)connected pair confirms both directions within one round instead of two, or that probes
   * the receiver before acting on its silence.
   *
   * @param round the round of the request answered
   * @param ballot the sender's own ballot
   * @param quorumConnected whether the sender heard a quorum in its last round
   * @param heardFromYou always true: the sender just heard the receiver
   * @param paxos the sender's Sequence Paxos promise and decided index
   * @param vouches as in {@link HeartbeatRequest#vouches()}
   */
  record HeartbeatReply<T>(
      long round, Ballot ballot, boolean quorumConnected, boolean heardFromYou, PaxosState paxos, boolean vouches)
      implements Message<T> {

    /**
     * A reply that vouches for nobody.
     *
     * @param round the round of the request answered
     * @param ballot the sender's own ballot
     * @param quorumConnected whether the sender heard a quorum in its last round
     * @param heardFromYou always true
     * @param paxos the sender's Sequence Paxos promise and decided index
     */
    public HeartbeatReply(long round, Ballot ballot, boolean quorumConnected, boolean heardFromYou, PaxosState paxos) {
      this(round, ballot, quorumConnected, heardFromYou, paxos, false);
    }
  }

  /**
   * A follower that restarted, lost messages or reconnected asks the leader to prepare it again.
   *
   * @param promise the follower's current promise
   */
  record PrepareReq<T>(Ballot promise) implements Message<T> {}

  /**
   * A leader asks for a promise, telling how up to date its own log is so the follower sends only
   * the part the leader may lack.
   *
   * @param n the leader's ballot
   * @param session the synchronisation session this prepare opens with the receiver
   * @param decidedIndex the leader's decided index
   * @param acceptedRound the leader's accepted round
   * @param logLength the leader's log length
   */
  record Prepare<T>(Ballot n, long session, long decidedIndex, Ballot acceptedRound, long logLength)
      implements Message<T> {}

  /**
   * A follower promises not to accept below {@code n} and reports its log.
   *
   * @param n the ballot promised
   * @param session the session of the prepare answered
   * @param acceptedRound the follower's accepted round
   * @param decidedIndex the follower's decided index
   * @param logLength the follower's log length
   * @param suffix the follower's log beyond the leader's decided index, when the follower's log is
   *     more recent than the leader's; null otherwise
   */
  record Promise<T>(
      Ballot n, long session, Ballot acceptedRound, long decidedIndex, long logLength, LogSuffix<T> suffix)
      implements Message<T>, Promising {
    /** The promise is to accept nothing below {@code n}. */
    @Override
    public Term promisedTerm() {
      return OmniPaxos.termOf(n);
    }
  }

  /**
   * The leader synchronises a follower's log: the follower keeps its log up to {@code
   * suffix.fromIndex()} (or installs the snapshot) and replaces the rest.
   *
   * @param n the leader's ballot
   * @param session the session (the one of the prepare this follows)
   * @param suffix the leader's log from the follower's valid prefix on
   * @param decidedIndex the leader's decided index
   * @param forwardAck the highest proposal-forward number of the receiver the leader has taken
   */
  record AcceptSync<T>(Ballot n, long session, LogSuffix<T> suffix, long decidedIndex, long forwardAck)
      implements Message<T> {}

  /**
   * New entries for a synchronised follower, with the decided index piggybacked.
   *
   * @param n the leader's ballot
   * @param session the session
   * @param seq the sequence number within the session, from 1
   * @param fromIndex the log index of the first entry
   * @param entries the entries, at most the batch size
   * @param decidedIndex the leader's decided index
   * @param forwardAck the highest proposal-forward number of the receiver the leader has taken
   */
  record AcceptDecide<T>(
      Ballot n, long session, long seq, long fromIndex, List<T> entries, long decidedIndex, long forwardAck)
      implements Message<T> {
    /** Copies the entries. */
    public AcceptDecide {
      entries = List.copyOf(entries);
    }
  }

  /**
   * A follower acknowledges that its log, of this length, is accepted in ballot {@code n}.
   *
   * @param n the ballot
   * @param session the session
   * @param logLength the follower's log length
   */
  record Accepted<T>(Ballot n, long session, long logLength) implements Message<T>, Acknowledging {
    /** The entries were accepted in ballot {@code n}. */
    @Override
    public Term acceptedTerm() {
      return OmniPaxos.termOf(n);
    }

    /** The sender's log is accepted up to {@code logLength}. */
    @Override
    public long acceptedLength() {
      return logLength;
    }
  }

  /**
   * The leader's decided index, when there are no new entries to carry it.
   *
   * @param n the leader's ballot
   * @param session the session
   * @param seq the sequence number within the session
   * @param decidedIndex the decided index
   * @param forwardAck the highest proposal-forward number of the receiver the leader has taken
   */
  record Decide<T>(Ballot n, long session, long seq, long decidedIndex, long forwardAck)
      implements Message<T> {}

  /**
   * A follower refuses a message from a ballot below its promise.
   *
   * @param promise the follower's promise
   */
  record NotAccepted<T>(Ballot promise) implements Message<T> {}

  /**
   * A follower forwards proposals to the leader; numbered so retries are not appended twice. A
   * follower numbers its forwards once, for its lifetime, whichever leader they go to: numbers
   * restarted per leader collided with those a leader had already taken when the follower went back
   * to it (m, n, m), and the leader then acknowledged new proposals without appending them.
   *
   * @param leader the ballot of the leader they are meant for
   * @param acknowledgedBelow every forward of the sender numbered below this was acknowledged by
   *     some leader, which appended it: a leader that has not seen those numbers skips past them
   * @param firstNumber the forward number of the first entry; the others follow consecutively
   * @param entries the proposals
   */
  record ProposalForward<T>(Ballot leader, long acknowledgedBelow, long firstNumber, List<T> entries)
      implements Message<T> {
    /** Copies the entries. */
    public ProposalForward {
      entries = List.copyOf(entries);
    }
  }

  /**
   * What a heartbeat tells about the sender's Sequence Paxos.
   *
   * @param promise the sender's promise
   * @param decidedIndex the sender's decided index
   */
  record PaxosState(Ballot promise, long decidedIndex) {}

  /**
   * A log from an index on, possibly starting with a snapshot of everything before it.
   *
   * @param fromIndex the index of the first entry
   * @param snapshot null, or a snapshot with {@code index == fromIndex}
   * @param entries the entries from {@code fromIndex}
   */
  record LogSuffix<T>(long fromIndex, Snapshot snapshot, List<T> entries) {
    /** Checks that the snapshot, if any, ends where the entries start, and copies them. */
    public LogSuffix {
      entries = List.copyOf(entries);
      if (snapshot != null && snapshot.index() != fromIndex) {
        throw new IllegalArgumentException("snapshot ends at " + snapshot.index() + ", suffix starts at " + fromIndex);
      }
      if (fromIndex < 0) {
        throw new IllegalArgumentException("suffix starts at a negative index: " + fromIndex);
      }
    }

    /**
     * Returns the index after the last entry.
     *
     * @return {@code fromIndex + entries.size()}
     */
    public long endIndex() {
      return fromIndex + entries.size();
    }
  }
}
