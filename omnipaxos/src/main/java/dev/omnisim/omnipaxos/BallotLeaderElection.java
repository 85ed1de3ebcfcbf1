package dev.omnisim.omnipaxos;

import java.util.List;
import java.util.Optional;

/**
 * Ballot Leader Election: every peer heartbeats every other peer once per round and, at the end of
 * each round, decides who leads. A peer counts another as connected when it heard it recently and
 * that peer heard it too (both directions of the link work). It is quorum-connected when a majority
 * (itself included) is connected.
 *
 * <p>Only a quorum-connected peer judges at all, and it takes over (raises its ballot above the one
 * it follows) only when no quorum-connected peer carries the ballot it follows: its leader is gone
 * or lost its quorum. A leader that keeps its quorum therefore keeps its ballot, and a peer that
 * merely cannot reach the leader while others can (the chained scenario) takes over once, after
 * which the old leader sees no higher candidate to fight for: no ping-pong.
 */
final class BallotLeaderElection<T> {

  private final int self;
  private final int[] peers;
  private final int majority;
  private final int roundTicks;
  /**
   * A peer not heard for longer than this is not connected: one and a half rounds, so a failure is
   * noticed within two rounds (the paper's scenarios must recover within four election timeouts).
   */
  private final int freshTicks;
  /** A restarted peer does not take over before it had time to hear everyone. */
  private final int graceTicks;

  private Ballot ballot;
  private Ballot leader = Ballot.NONE;
  /** Optimistic at start, so that peers booting together agree on one leader in the first round. */
  private boolean quorumConnected = true;
  private long tick;
  private long round;

  private final long[] lastHeardTick;
  private final Ballot[] lastBallot;
  private final boolean[] lastQuorumConnected;
  private final boolean[] lastHeardMe;
  private final long[] lastReplyRound;

  BallotLeaderElection(int self, int[] peers, int priority, int roundTicks) {
    this.self = self;
    this.peers = peers.clone();
    this.majority = (peers.length + 1) / 2 + 1;
    this.roundTicks = roundTicks;
    this.freshTicks = roundTicks + roundTicks / 2;
    this.graceTicks = freshTicks + 2 * roundTicks;
    this.ballot = new Ballot(0, priority, self);
    int n = peers.length;
    lastHeardTick = new long[n];
    java.util.Arrays.fill(lastHeardTick, Long.MIN_VALUE / 2);
    lastBallot = new Ballot[n];
    java.util.Arrays.fill(lastBallot, Ballot.NONE);
    lastQuorumConnected = new boolean[n];
    lastHeardMe = new boolean[n];
    lastReplyRound = new long[n];
    java.util.Arrays.fill(lastReplyRound, -1);
  }

  /** The ballot this peer would lead with. */
  Ballot ballot() {
    return ballot;
  }

  /** The leader elected by this peer's last judgement, {@link Ballot#NONE} if none. */
  Ballot leader() {
    return leader;
  }

  /** Whether a quorum, this peer included, was connected in the last round. */
  boolean isQuorumConnected() {
    return quorumConnected;
  }

  /** Sends the first round of heartbeats. */
  void start(Ballot promise, List<Outgoing> out) {
    broadcast(promise, out);
  }

  /**
   * Advances one tick; at the end of a round judges the leader and starts the next round.
   *
   * @param promise the Sequence Paxos promise: the ballot this peer actually follows may be above
   *     the one it elected
   * @return the newly elected leader, if the judgement changed it
   */
  Optional<Ballot> tick(Ballot promise, List<Outgoing> out) {
    tick++;
    if (tick % roundTicks != 0) {
      return Optional.empty();
    }
    Optional<Ballot> elected = judge(promise);
    round++;
    broadcast(promise, out);
    return elected;
  }

  private Optional<Ballot> judge(Ballot promise) {
    int connected = 1;
    Ballot top = Ballot.NONE;
    for (int i = 0; i < peers.length; i++) {
      if (isConnected(i)) {
        connected++;
        if (lastQuorumConnected[i]) {
          top = Ballot.max(top, lastBallot[i]);
        }
      }
    }
    quorumConnected = connected >= majority;
    if (!quorumConnected) {
      return Optional.empty();
    }
    top = Ballot.max(top, ballot);
    Ballot followed = Ballot.max(leader, promise);
    if (top.compareTo(followed) >= 0) {
      if (top.equals(leader)) {
        return Optional.empty();
      }
      leader = top;
      return Optional.of(top);
    }
    // No quorum-connected peer carries the ballot we follow: its leader is gone or lost its quorum.
    if (tick < graceTicks) {
      return Optional.empty();
    }
    ballot = new Ballot(followed.n() + 1, ballot.priority(), self);
    leader = ballot;
    return Optional.of(ballot);
  }

  /**
   * Raises this peer's ballot above {@code floor} and makes it the leader: used when this peer was
   * elected with a ballot its own Sequence Paxos already promised (it must never lead an old one).
   */
  Ballot takeOverAbove(Ballot floor) {
    ballot = new Ballot(Math.max(floor.n(), ballot.n()) + 1, ballot.priority(), self);
    leader = ballot;
    return ballot;
  }

  private boolean isConnected(int i) {
    return lastHeardMe[i] && heardRecently(i);
  }

  private boolean heardRecently(int i) {
    return tick - lastHeardTick[i] <= freshTicks;
  }

  private void broadcast(Ballot promise, List<Outgoing> out) {
    for (int i = 0; i < peers.length; i++) {
      out.add(new Outgoing(peers[i],
          new Message.HeartbeatRequest<T>(round, ballot, quorumConnected, heardRecently(i), promise)));
    }
  }

  /** Records a heartbeat request from {@code from}; answers it at once if the sender had not heard us. */
  void onRequest(int from, Message.HeartbeatRequest<T> m, Ballot promise, List<Outgoing> out) {
    int i = indexOf(from);
    record(i, m.ballot(), m.quorumConnected(), m.heardFromYou());
    if (!m.heardFromYou() && lastReplyRound[i] != round) {
      lastReplyRound[i] = round;
      out.add(new Outgoing(from, new Message.HeartbeatReply<T>(m.round(), ballot, quorumConnected, true, promise)));
    }
  }

  /** Records a heartbeat reply from {@code from}. */
  void onReply(int from, Message.HeartbeatReply<T> m) {
    record(indexOf(from), m.ballot(), m.quorumConnected(), m.heardFromYou());
  }

  /** Any message proves the link from {@code from} works; under load it covers a lost heartbeat. */
  void heardFrom(int from) {
    lastHeardTick[indexOf(from)] = tick;
  }

  private void record(int i, Ballot b, boolean qc, boolean heardMe) {
    lastHeardTick[i] = tick;
    lastBallot[i] = b;
    lastQuorumConnected[i] = qc;
    lastHeardMe[i] = heardMe;
  }

  private int indexOf(int pid) {
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] == pid) {
        return i;
      }
    }
    throw new IllegalArgumentException("heartbeat from unknown peer " + pid + " at " + self);
  }
}
