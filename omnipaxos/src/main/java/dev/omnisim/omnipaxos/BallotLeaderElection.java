package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Outgoing;
import java.util.List;
import java.util.Optional;

/**
 * Ballot Leader Election: every peer heartbeats every other peer once per round and, at the end of
 * each round, decides who leads. A peer counts another as connected when it heard it recently and
 * that peer heard it too (both directions of the link work). It is quorum-connected when a majority
 * (itself included) is connected.
 *
 * <p>Only a quorum-connected peer judges at all, and it takes over (raises its ballot above the one
 * it follows: the higher of its elected leader and its Sequence Paxos promise) only when no
 * quorum-connected peer carries that ballot: its leader is gone or lost its quorum. A leader that
 * keeps its quorum therefore keeps its ballot, and a peer that merely cannot reach the leader while
 * others can (the chained scenario) takes over once, after which the old leader sees no higher
 * candidate to fight for: no ping-pong.
 *
 * <p>Robustness on lossy and slow networks, without extra traffic in the good case:
 * <ul>
 *   <li>A decision that rests on silence (declaring our quorum lost, taking over from a silent
 *       leader) is first checked with a probe, answered at once, and taken one round trip later.
 *   <li>A heartbeat older than the last one recorded from its sender is ignored.
 *   <li>Leader changes in quick succession widen the suspicion window of the peers whose messages
 *       were recently late (up to {@link #MAX_WINDOW_MULTIPLIER} times); it narrows again after
 *       {@link #STABLE_ROUNDS} quiet rounds.
 *   <li>A peer whose connected peers promised a higher ballot that none of them vouches for (hears
 *       its leader quorum-connected) takes over from it: the ousted leader of a cut-off successor.
 *   <li>A peer that a connected peer tells of a higher vouched promise does not take over:
 *       somebody already did. Peers announce a new promise at once, and a peer that sees its
 *       leader alive without quorum asks its connected peers before taking over.
 *   <li>A peer without quorum probes its silent peers every round, so that two lost heartbeats
 *       cost a leader one round of quorum, not three or four.
 * </ul>
 *
 * <p>Each of these deviations from the paper is listed, with the test that fails without it, in
 * the module's README.
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
  private final int baseFreshTicks;
  /**
   * Per peer: multiplies the freshness window of that peer after leader changes in quick succession
   * (up to {@link #MAX_WINDOW_MULTIPLIER}), and falls back to 1 after {@link #STABLE_ROUNDS} quiet
   * rounds: on links whose delays exceed the heartbeat round, peers wait longer before suspecting
   * each other instead of electing leaders that never finish their prepare phase. Per peer, because
   * one slow link widened every peer's window, and a constrained election then waited for 11
   * election timeouts (fuzz-partial seeds 701379, 706694, 708602).
   */
  private final int[] windowMultiplier;
  private long lastLeaderChangeTick = Long.MIN_VALUE / 2;
  /**
   * Per peer: when its heartbeat reply last answered a request of two or more rounds ago, evidence
   * that its messages take longer than a round. Leader changes widen its window only while such
   * evidence is recent (the last {@link #STABLE_ROUNDS} rounds), and the window narrows as soon as
   * it is not: churn from crashes and partitions (messages lost, not late) must not leave a window
   * that keeps counting cut-off peers as connected for seconds after the cut. (Overtaken requests
   * are no such evidence: a heartbeat of a peer's earlier run is overtaken by its restart.)
   */
  private final long[] lastLateTick;

  static final int MAX_WINDOW_MULTIPLIER = 32;
  /** How far the window for silence widens at most (the echo age widens to {@link #MAX_WINDOW_MULTIPLIER}). */
  static final int MAX_SILENCE_MULTIPLIER = 4;
  static final int STABLE_ROUNDS = 20;
  /** A restarted peer does not take over before it had time to hear everyone. */
  private final int graceTicks;
  /** The longest a probe may wait for its reply before the deferred judgement. */
  private final int maxProbeTicks;
  /** The longest round trip seen, in ticks: a probe waits one tick more than that. */
  private long roundTripTicks;
  private final long[] lastRequestTick;
  private boolean sawRoundTrip;
  private long deferredJudgeTick = -1;

  private Ballot ballot;
  private Ballot leader = Ballot.NONE;
  /** Optimistic at start, so that peers booting together agree on one leader in the first round. */
  private boolean quorumConnected = true;
  private long tick;
  private long round;

  private final long[] lastHeardTick;
  private final Ballot[] lastBallot;
  private final boolean[] lastQuorumConnected;
  /**
   * Per peer: our round its latest recorded heartbeat says it heard last (-1: it had not heard us
   * recently). A reply answers our current round.
   */
  private final long[] heardMyRound;
  /** The Sequence Paxos promise the peer reported in its latest recorded heartbeat. */
  private final Ballot[] lastPromise;
  /** Whether that heartbeat vouched for the promise: its sender hears that leader, quorum-connected. */
  private final boolean[] lastVouches;
  /** When we last recorded a heartbeat of the peer saying it was quorum-connected. */
  private final long[] lastQuorumConnectedTick;
  private final long[] lastReplyRound;
  /** The peer's latest heartbeat round we recorded. */
  private final long[] lastRound;
  /** Our round in which the peer last answered one of our requests. */
  private final long[] repliedRound;

  /**
   * Bits of a round number below the incarnation: a peer's run {@code k} (counted from 0 by its
   * storage) numbers its rounds from {@code k << ROUND_BITS}, so that no round repeats one of an
   * earlier run. Peers keep echoing the last round they heard of a run for a while after it ended;
   * when a restarted peer counted from 0 again, its new run reached that round and read the stale
   * echo as news that its links worked: a restarted server whose outgoing links were all cut took
   * over unheard (swarm seed 79855).
   */
  static final int ROUND_BITS = 32;

  /** This run's first round: answers and echoes below it belong to an earlier run. */
  private final long firstRound;

  BallotLeaderElection(int self, int[] peers, int priority, int roundTicks, long incarnation) {
    this.self = self;
    this.firstRound = incarnation << ROUND_BITS;
    this.round = firstRound;
    this.peers = peers.clone();
    this.majority = (peers.length + 1) / 2 + 1;
    this.roundTicks = roundTicks;
    this.baseFreshTicks = roundTicks + roundTicks / 2;
    this.graceTicks = baseFreshTicks + 2 * roundTicks;
    this.maxProbeTicks = Math.max(1, roundTicks / 2);
    this.roundTripTicks = maxProbeTicks;
    this.ballot = new Ballot(0, priority, self);
    int n = peers.length;
    lastHeardTick = new long[n];
    java.util.Arrays.fill(lastHeardTick, Long.MIN_VALUE / 2);
    lastBallot = new Ballot[n];
    java.util.Arrays.fill(lastBallot, Ballot.NONE);
    lastQuorumConnected = new boolean[n];
    heardMyRound = new long[n];
    java.util.Arrays.fill(heardMyRound, -1);
    lastPromise = new Ballot[n];
    java.util.Arrays.fill(lastPromise, Ballot.NONE);
    lastVouches = new boolean[n];
    windowMultiplier = new int[n];
    java.util.Arrays.fill(windowMultiplier, 1);
    lastLateTick = new long[n];
    java.util.Arrays.fill(lastLateTick, Long.MIN_VALUE / 2);
    lastQuorumConnectedTick = new long[n];
    java.util.Arrays.fill(lastQuorumConnectedTick, Long.MIN_VALUE / 2);
    lastReplyRound = new long[n];
    java.util.Arrays.fill(lastReplyRound, -1);
    lastRequestTick = new long[n];
    lastRound = new long[n];
    java.util.Arrays.fill(lastRound, -1);
    repliedRound = new long[n];
    java.util.Arrays.fill(repliedRound, -1);
  }

  /** The ballot this peer would lead with. */
  Ballot ballot() {
    return ballot;
  }

  /** The leader elected by this peer's last judgement, {@link Ballot#NONE} if none. */
  Ballot leader() {
    return leader;
  }

  /** This peer's current heartbeat round. */
  long round() {
    return round;
  }

  /** Whether a quorum, this peer included, was connected in the last round. */
  boolean isQuorumConnected() {
    return quorumConnected;
  }

  /**
   * Tells every peer at once of a new Sequence Paxos promise, in a new round: a peer that would take
   * over from the leader we just left learns, before its next judgement, that someone took over and
   * that we vouch for it (see {@link #judge}).
   */
  void announce(Message.PaxosState paxos, List<Outgoing> out) {
    round++;
    broadcast(paxos, out);
  }

  /** Sends the first round of heartbeats. */
  void start(Message.PaxosState paxos, List<Outgoing> out) {
    broadcast(paxos, out);
  }

  /**
   * Advances one tick; at the end of a round judges the leader and starts the next round.
   *
   * @param paxos this peer's Sequence Paxos state: the ballot it actually follows (its promise)
   *     may be above the one it elected
   * @return the newly elected leader, if the judgement changed it
   */
  Optional<Ballot> tick(Message.PaxosState paxos, List<Outgoing> out) {
    tick++;
    if (tick == deferredJudgeTick) {
      boolean wasConnected = quorumConnected;
      Optional<Ballot> elected = judge(paxos, false, out);
      if (quorumConnected != wasConnected) {
        round++; // a new round number, so that receivers take this news over the last heartbeat
        broadcast(paxos, out); // tell the others at once, so they need not wait a round
      }
      return elected;
    }
    if (tick % roundTicks != 0) {
      return Optional.empty();
    }
    round++; // probes sent while judging belong to the new round, so their replies count in it
    Optional<Ballot> elected = judge(paxos, true, out);
    broadcast(paxos, out);
    return elected;
  }

  /**
   * Judges connectivity and leadership. A decision that rests on not having heard someone (our
   * quorum is lost, our leader is silent) is first checked with a probe and taken a few ticks
   * later, so that one lost heartbeat does not cost a leader change.
   */
  private Optional<Ballot> judge(Message.PaxosState paxos, boolean mayDefer, List<Outgoing> out) {
    for (int i = 0; i < peers.length; i++) {
      if (tick - lastLeaderChangeTick >= (long) STABLE_ROUNDS * roundTicks || !lateRecently(i)) {
        windowMultiplier[i] = 1;
      }
    }
    int connected = 1;
    Ballot top = Ballot.NONE;
    Ballot promisedAround = Ballot.NONE; // the highest promise a connected peer reports
    Ballot vouched = Ballot.NONE; // the highest promise a connected peer vouches for
    for (int i = 0; i < peers.length; i++) {
      if (isConnected(i) || repliedRound[i] == round) {
        connected++;
        promisedAround = Ballot.max(promisedAround, lastPromise[i]);
        if (lastVouches[i]) {
          vouched = Ballot.max(vouched, lastPromise[i]);
        }
        if (lastQuorumConnected[i]) {
          top = Ballot.max(top, lastBallot[i]);
        }
      }
    }
    // Also while we are not quorum-connected: after two lost heartbeats in a row on one link, a
    // leader with exactly a quorum of links waited for the next heartbeats (3-4 rounds on a lossy
    // network), and a peer took over from it meanwhile (LeaderStabilityTest, 2 % loss).
    if (connected < majority && mayDefer) {
      probeSilent(paxos, out);
      return Optional.empty();
    }
    quorumConnected = connected >= majority;
    if (!quorumConnected) {
      return Optional.empty();
    }
    top = Ballot.max(top, ballot);
    Ballot followed = Ballot.max(leader, paxos.promise());
    if (promisedAround.isAbove(followed) && promisedAround.isAbove(top) && promisedAround.isAbove(vouched)) {
      // Our peers promised a higher ballot (a successor ousted the leader we elected, maybe us),
      // and none of them hears its leader quorum-connected: that leader is gone or cut off, and
      // nobody else in our quorum will replace it. Follow it, so that we take over from it. A peer
      // that hears it quorum-connected vouches for it: then it leads (the chained scenario, where
      // the ousted leader must not fight back; and two quorum-connected servers whose quorums meet
      // only in a peer that is not quorum-connected, which otherwise took over from each other
      // forever, each seeing only the other's promise).
      followed = promisedAround;
    }
    if (top.compareTo(followed) >= 0) {
      if (top.equals(leader)) {
        return Optional.empty();
      }
      leader = top;
      noteLeaderChange();
      return Optional.of(top);
    }
    if (vouched.isAbove(followed)) {
      // A peer we hear promised a higher ballot than ours and hears its leader quorum-connected:
      // someone took over already. Taking over too would oust it (two changes where one will do).
      return Optional.empty();
    }
    // No quorum-connected peer carries the ballot we follow: its leader is gone or lost its quorum.
    if (tick < graceTicks || !freshlyQuorumConnected()) {
      return Optional.empty();
    }
    int holder = indexOfOrMinus(followed.pid());
    boolean seenWithoutQuorum = holder >= 0 && isConnected(holder)
        && lastBallot[holder].equals(followed) && !lastQuorumConnected[holder];
    if (mayDefer) {
      // Ask before acting. Alive but without quorum: others may have seen that first and taken
      // over, so ask our connected peers for their promises (the 7-server race of
      // LeaderStabilityTest, where the old leader was B's leaf: A took over, and B a round later).
      // Silent, or our news of it is older than our promise: ask the leader.
      int[] ask;
      if (seenWithoutQuorum) {
        ask = peersWhoseLink(true);
      } else {
        ask = holder >= 0 ? new int[] {holder} : new int[0];
      }
      probe(ask, paxos, out);
      return Optional.empty();
    }
    if (!seenWithoutQuorum && holder >= 0 && repliedRound[holder] == round
        && lastBallot[holder].equals(followed) && lastQuorumConnected[holder]) {
      return Optional.empty(); // it answered: alive and quorum-connected, only its heartbeats are slow
    }
    ballot = new Ballot(followed.n() + 1, ballot.priority(), self);
    leader = ballot;
    noteLeaderChange();
    if (!mayDefer) {
      round++;
      broadcast(paxos, out); // announce the new ballot now, before the others judge
    }
    return Optional.of(ballot);
  }

  private boolean lateRecently(int i) {
    return tick - lastLateTick[i] < (long) STABLE_ROUNDS * roundTicks;
  }

  private void noteLeaderChange() {
    for (int i = 0; i < peers.length; i++) {
      if (tick - lastLeaderChangeTick < (long) STABLE_ROUNDS * roundTicks && lateRecently(i)) {
        windowMultiplier[i] = Math.min(MAX_WINDOW_MULTIPLIER, windowMultiplier[i] * 2);
      }
    }
    lastLeaderChangeTick = tick;
  }

  private void probeSilent(Message.PaxosState paxos, List<Outgoing> out) {
    probe(peersWhoseLink(false), paxos, out);
  }

  /** The indexes of the peers whose link counts as connected ({@code connected}) or not. */
  private int[] peersWhoseLink(boolean connected) {
    int[] found = new int[peers.length];
    int k = 0;
    for (int i = 0; i < peers.length; i++) {
      if (isConnected(i) == connected) {
        found[k++] = i;
      }
    }
    return java.util.Arrays.copyOf(found, k);
  }

  /** Asks peers (by index) for an immediate reply, and judges again once it can have arrived. */
  private void probe(int[] indexes, Message.PaxosState paxos, List<Outgoing> out) {
    deferredJudgeTick = tick + Math.min(maxProbeTicks, roundTripTicks + 1);
    for (int i : indexes) {
      lastRequestTick[i] = tick;
      out.add(new Outgoing(peers[i],
          new Message.HeartbeatRequest<T>(round, ballot, quorumConnected, echo(i), paxos, true, vouches(paxos))));
    }
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

  /** Whether we hear the peer whose ballot we promised, and it is quorum-connected (or we are it, and are). */
  private boolean vouches(Message.PaxosState paxos) {
    Ballot p = paxos.promise();
    if (p.pid() == self) {
      // Only for the ballot we lead with: after a restart our promise may be a ballot we took over
      // with just before the crash and never led; vouched for, it kept the others from taking over
      // while nobody led (swarm seed 92894).
      return quorumConnected && p.equals(ballot);
    }
    int h = indexOfOrMinus(p.pid());
    // Hearing the leader is enough (whether it hears us does not matter here), for one round
    // longer than connectivity: a lost heartbeat, or a leader not quorum-connected for a round
    // because it missed one, must not withdraw the vouch, or a peer that cannot see the leader
    // takes over from it.
    return h >= 0 && tick - lastQuorumConnectedTick[h] <= baseFreshTicks + roundTicks;
  }

  /**
   * Whether the link with peer {@code i} works both ways: we heard it recently, and its latest
   * heartbeat says it heard one of our recent rounds (the paper matches replies to the round of the
   * request). A bare "I hear you" did not say how old it was: a heartbeat held up for rounds on a
   * slow link (swarm seed 1168), or the last one recorded before the peer crashed and restarted
   * (seed 986, where what the restarted peer sent since kept it "heard recently"), counted a peer as
   * connected long after it stopped hearing us, and a server took over without a quorum.
   */
  private boolean isConnected(int i) {
    return heardRecently(i) && hearsUs(i, windowMultiplier[i]);
  }

  /** Whether peer {@code i}'s latest heartbeat says it heard one of our recent rounds (window multiplied). */
  private boolean hearsUs(int i, int multiplier) {
    return echoIsRecent(heardMyRound[i], multiplier);
  }

  /**
   * Whether a majority, this peer included, is connected by the unwidened window: a takeover changes
   * the leader, so it rests on fresh news only. Widened windows are for not suspecting slow peers
   * too early; on them a peer cut off rounds ago still counted, and servers that had not been
   * quorum-connected for several rounds took over (swarm seeds 2731, 3092, 2962, 3196, 3808).
   */
  private boolean freshlyQuorumConnected() {
    int connected = 1;
    for (int i = 0; i < peers.length; i++) {
      if (heardFreshly(i) || repliedRound[i] == round) {
        connected++;
      }
    }
    return connected >= majority;
  }

  /** Whether {@code echoedRound}, our round as a peer last heard it, is one of our last few rounds. */
  private boolean echoIsRecent(long echoedRound, int multiplier) {
    long maxAgeRounds = 2 + (long) baseFreshTicks * multiplier / roundTicks;
    // Below our first round: a round of our run before a restart, not news of this one.
    return echoedRound >= firstRound && echoedRound <= round && round - echoedRound <= maxAgeRounds;
  }

  /** What we tell peer {@code i} of having heard it: its latest round we recorded, or -1. */
  private long echo(int i) {
    return heardRecently(i) ? Math.max(0, lastRound[i]) : -1;
  }

  /** Heard within the unwidened window, with its heartbeat echoing one of our recent rounds. */
  private boolean heardFreshly(int i) {
    return tick - lastHeardTick[i] <= baseFreshTicks && hearsUs(i, 1);
  }

  /**
   * Whether we heard from peer {@code i} (any message) within its window, widened at most {@link
   * #MAX_SILENCE_MULTIPLIER} times: a widened window is for news that arrives late, and late news
   * still arrives; a peer that sends nothing at all is cut off, not slow. Widened as far as the echo
   * age (up to 32 times), silence kept a server cut off in a constrained election counting its old
   * links and claiming to be quorum-connected for 12 rounds (fuzz-partial seeds 712034, 718194).
   */
  private boolean heardRecently(int i) {
    return tick - lastHeardTick[i] <= (long) baseFreshTicks * Math.min(windowMultiplier[i], MAX_SILENCE_MULTIPLIER);
  }

  private void broadcast(Message.PaxosState paxos, List<Outgoing> out) {
    int holder = indexOfOrMinus(paxos.promise().pid());
    boolean vouches = vouches(paxos);
    for (int i = 0; i < peers.length; i++) {
      lastRequestTick[i] = tick;
      // The leader we vouch for missed a heartbeat: ask it for an immediate answer, so that one
      // more lost message does not withdraw our vouch (others would take over from it).
      boolean probe = i == holder && tick - lastQuorumConnectedTick[i] > baseFreshTicks;
      out.add(new Outgoing(peers[i],
          new Message.HeartbeatRequest<T>(round, ballot, quorumConnected, echo(i), paxos, probe, vouches)));
    }
  }

  /** Records a heartbeat request from {@code from}; answers it at once if the sender had not heard us. */
  void onRequest(int from, Message.HeartbeatRequest<T> m, Message.PaxosState paxos, List<Outgoing> out) {
    int i = indexOf(from);
    if (isNewer(i, m.ballot(), m.round())) {
      lastRound[i] = m.round();
      record(i, m.ballot(), m.quorumConnected(), m.heardYourRound(), m.paxos().promise(), m.vouches());
    }
    // Probes are bounded by the prober's rounds; other replies by ours.
    if (m.probe() || (!echoIsRecent(m.heardYourRound(), windowMultiplier[i]) && lastReplyRound[i] != round)) {
      lastReplyRound[i] = round;
      out.add(new Outgoing(from, new Message.HeartbeatReply<T>(m.round(), ballot, quorumConnected, true, paxos, vouches(paxos))));
    }
  }

  /** Records a heartbeat reply from {@code from}, if it answers a request of our current round. */
  void onReply(int from, Message.HeartbeatReply<T> m) {
    int i = indexOf(from);
    if (m.round() < firstRound) {
      return; // answers a request of our run before a restart: neither news nor a sign of delay
    }
    if (m.round() < round - 1) {
      lastLateTick[i] = tick; // answers a request sent more than a round ago
    }
    if (m.round() != round) {
      return; // a late answer: what it says may no longer hold
    }
    record(i, m.ballot(), m.quorumConnected(), round, m.paxos().promise(), m.vouches());
    repliedRound[i] = round;
    if (repliedRound[i] == round && lastRequestTick[i] <= tick) {
      // Learn how long answers take; start conservative, settle on the longest seen since.
      long sample = tick - lastRequestTick[i];
      roundTripTicks = sawRoundTrip ? Math.max(roundTripTicks, sample) : sample;
      sawRoundTrip = true;
    }
  }

  /**
   * Whether a heartbeat is newer than the last one recorded from that peer: on a reordering network
   * an old heartbeat must not overwrite a newer ballot or connectivity. Within one run of a peer its
   * rounds and ballots only grow; a restarted peer starts again from its initial ballot ({@code n =
   * 0}) but in a round above every round of its earlier runs (see {@link #ROUND_BITS}), so a later
   * run's heartbeat is newer whatever its ballot, and an earlier run's is old. (Without this, a
   * restarted peer was ignored for good, or for as many rounds as its previous run lasted, and
   * others kept believing what its previous run said: the quorum-connected leader it had been, or a
   * promise it vouched for; see {@code PartialConnectivityRecoveryTest}.)
   */
  private boolean isNewer(int i, Ballot b, long r) {
    if ((r >> ROUND_BITS) != (lastRound[i] >> ROUND_BITS)) {
      return r > lastRound[i]; // another run of the peer: a restart, or an overtaken heartbeat
    }
    int c = b.compareTo(lastBallot[i]);
    return c > 0 || (c == 0 && r > lastRound[i]);
  }

  /** Any message proves the link from {@code from} works; under load it covers a lost heartbeat. */
  void heardFrom(int from) {
    lastHeardTick[indexOf(from)] = tick;
  }

  private void record(int i, Ballot b, boolean qc, long heardMyRound, Ballot promise, boolean vouches) {
    lastHeardTick[i] = tick;
    lastPromise[i] = promise;
    lastVouches[i] = vouches;
    if (qc) {
      lastQuorumConnectedTick[i] = tick;
    }
    lastBallot[i] = b;
    lastQuorumConnected[i] = qc;
    this.heardMyRound[i] = heardMyRound;
  }

  private int indexOfOrMinus(int pid) {
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] == pid) {
        return i;
      }
    }
    return -1;
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
