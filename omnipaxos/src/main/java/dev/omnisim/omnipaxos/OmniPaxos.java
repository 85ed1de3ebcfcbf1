package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.ProposeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * One OmniPaxos peer: Ballot Leader Election deciding who leads, Sequence Paxos replicating the log.
 * Sans-IO: drive it with {@link #propose}, {@link #receive} and {@link #tick}, then send what
 * {@link #drainOutgoing()} returns. Built from a {@link PeerSetup}, it keeps its state on the setup's
 * byte store as a {@link PersistentStorage}; tests may hand it any {@link Storage}. Not thread-safe; one host thread drives it.
 *
 * <p>A peer built on a storage that already holds state (a restart) recovers from it: it keeps its
 * promise, log and decided index, asks the leader to resynchronise it, and will only ever lead
 * with a ballot above everything it promised.
 *
 * @param <T> the entry type
 */
public final class OmniPaxos<T> implements ConsensusPeer<T> {

  private final int self;
  private final Storage<T> storage;
  private final List<Outgoing> out = new ArrayList<>();
  private final BallotLeaderElection<T> ble;
  private final SequencePaxos<T> sp;

  /**
   * Creates a peer on the setup's byte store (a {@link PersistentStorage} under the prefix {@code
   * "omnipaxos."}), recovering what it holds, with leader priority 0. This is the {@link
   * ConsensusPeerFactory} the key-value servers use: {@code OmniPaxos::new}.
   *
   * @param setup this peer's id, the cluster, options, byte store and entry codec
   */
  public OmniPaxos(PeerSetup<T> setup) {
    this(setup.selfId(), setup.peerIds(), setup.options(), PersistentStorage.open(setup.store(), setup.codec()), 0);
  }

  /**
   * Creates a peer on any {@link Storage} (tests use {@link InMemoryStorage}), with leader priority 0.
   *
   * @param selfId this peer's id
   * @param peerIds every peer of the cluster, {@code selfId} included, no duplicates
   * @param options timeouts and bounds
   * @param storage this peer's storage, empty or recovered after a crash
   */
  public OmniPaxos(int selfId, List<Integer> peerIds, ConsensusOptions options, Storage<T> storage) {
    this(selfId, peerIds, options, storage, 0);
  }

  /**
   * Creates a peer; it sends its first heartbeats (and, after a restart, its resync requests) on the
   * first {@link #drainOutgoing()}.
   *
   * @param selfId this peer's id
   * @param peerIds every peer of the cluster, {@code selfId} included, no duplicates
   * @param options timeouts and bounds
   * @param storage this peer's storage, empty or recovered after a crash
   * @param leaderPriority OmniPaxos's own knob: among equally recent ballots the higher priority wins
   *     elections; {@code >= 0}
   */
  public OmniPaxos(int selfId, List<Integer> peerIds, ConsensusOptions options, Storage<T> storage, int leaderPriority) {
    TreeSet<Integer> all = new TreeSet<>(peerIds);
    if (all.size() != peerIds.size() || !all.contains(selfId)) {
      throw new IllegalArgumentException("peer ids " + peerIds + " must be distinct and include " + selfId);
    }
    if (leaderPriority < 0) {
      throw new IllegalArgumentException("leaderPriority must be >= 0: " + leaderPriority);
    }
    this.self = selfId;
    this.storage = storage;
    int[] ids = all.stream().mapToInt(Integer::intValue).toArray();
    int[] others = all.stream().filter(i -> i != selfId).mapToInt(Integer::intValue).toArray();
    this.sp = new SequencePaxos<>(selfId, ids, options, storage, out);
    long incarnation = storage.incarnation(); // earlier starts on this storage
    storage.setIncarnation(incarnation + 1); // synced before the first heartbeat leaves
    this.ble = new BallotLeaderElection<>(selfId, others, leaderPriority, options.electionTimeoutTicks(), incarnation);
    ble.start(paxosState(), out);
  }

  /**
   * The factory hosts take: peers persisted on their node's byte store.
   *
   * @param <T> the entry type
   * @return {@code OmniPaxos::new} as a {@link ConsensusPeerFactory}
   */
  public static <T> ConsensusPeerFactory<T> factory() {
    return OmniPaxos::new;
  }

  @Override
  public ProposeResult propose(T entry) {
    if (entry == null) {
      throw new IllegalArgumentException("cannot propose null");
    }
    return sp.propose(entry);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void receive(int from, Object message) {
    if (!(message instanceof Message<?> m)) {
      throw new IllegalArgumentException("not an OmniPaxos message: " + message);
    }
    if (from == self) {
      throw new IllegalArgumentException(self + " received a message from itself: " + message);
    }
    handle(from, (Message<T>) m);
  }

  /**
   * Handles one message, typed.
   *
   * @param from the sender
   * @param m the message
   */
  public void handle(int from, Message<T> m) {
    switch (m) {
      case Message.HeartbeatRequest<T> h -> {
        ble.onRequest(from, h, paxosState(), out);
        sp.onPeerState(from, h.paxos());
      }
      case Message.HeartbeatReply<T> h -> {
        ble.onReply(from, h);
        sp.onPeerState(from, h.paxos());
      }
      default -> {
        ble.heardFrom(from);
        Ballot before = sp.promise();
        sp.handle(from, m);
        if (!sp.promise().equals(before)) {
          ble.announce(paxosState(), out);
        }
      }
    }
  }

  @Override
  public void tick() {
    ble.tick(paxosState(), out).ifPresent(this::elected);
    sp.tick();
  }

  private Message.PaxosState paxosState() {
    return new Message.PaxosState(sp.promise(), storage.decidedIndex());
  }

  private void elected(Ballot b) {
    // Never lead with a ballot this peer, or a peer it heard from, already promised.
    Ballot floor = sp.highestPromiseSeen();
    if (b.pid() == self && !b.isAbove(floor)
        && !(sp.role() == SequencePaxos.Role.LEADER && b.equals(sp.leaderBallot()))) {
      b = ble.takeOverAbove(floor);
    }
    sp.onElected(b);
  }

  /**
   * Tells the peer that the session to {@code peer} was re-established (the paper's Sequence Paxos
   * reacts to a reconnection by resynchronising at once). Not part of the consensus contract: a host
   * whose links are sessions may call it; the simulator's hosts rely on heartbeats and resends.
   *
   * @param peer the id of the reconnected peer
   */
  public void reconnected(int peer) {
    if (peer != self) {
      sp.reconnected(peer);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: entries are appended, promises and the decided index written to the {@link Storage}
   * while handling inputs; this method batches pending accepts and decides, then calls {@link
   * Storage#sync()}, and only then returns the messages.
   */
  @Override
  public List<Outgoing> drainOutgoing() {
    sp.flush();
    storage.sync();
    List<Outgoing> msgs = List.copyOf(out);
    out.clear();
    return msgs;
  }

  @Override
  public long decidedIndex() {
    return storage.decidedIndex();
  }

  @Override
  public List<T> readDecided(long fromIndex, long toIndex) {
    if (fromIndex < storage.compactedIndex() || toIndex > storage.decidedIndex() || fromIndex > toIndex) {
      throw new IllegalArgumentException("read [" + fromIndex + "," + toIndex + ") outside decided ["
          + storage.compactedIndex() + "," + storage.decidedIndex() + ")");
    }
    return storage.entries(fromIndex, toIndex);
  }

  @Override
  public long compactedIndex() {
    return storage.compactedIndex();
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return storage.snapshot();
  }

  @Override
  public void compact(Snapshot snapshot) {
    sp.compact(snapshot);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the leader is the pid of the ballot Sequence Paxos follows, the term that ballot as a
   * {@link Term} {@code (n, priority << 32 | pid)}, and leading means the prepare phase is over and no
   * higher ballot is known. A leader cut off in a minority keeps claiming leadership until it hears of
   * its successor; a service must therefore not answer reads from its own state on the strength of
   * this (the lab's servers put every Get through the log). {@link #isQuorumConnected()} tells
   * whether it still hears a quorum.
   */
  @Override
  public Leadership leadership() {
    Ballot b = sp.leaderBallot();
    if (b.equals(Ballot.NONE)) {
      return Leadership.NONE;
    }
    return new Leadership(OptionalInt.of(b.pid()), termOf(b), sp.isAcceptingLeader());
  }

  /** {@inheritDoc} Here: the storage's accepted round as a term, and its log length. */
  @Override
  public Optional<AcceptedLog> acceptedLog() {
    return Optional.of(new AcceptedLog(termOf(storage.acceptedRound()), storage.logLength()));
  }

  /** {@inheritDoc} Here: the promised ballot as a term, recovered from storage after a restart. */
  @Override
  public Optional<Term> promisedTerm() {
    return Optional.of(termOf(sp.promise()));
  }

  /**
   * The contract's term for a ballot: ordered as ballots are, by n, then priority, then pid.
   *
   * @param b a ballot
   * @return its term; {@link Term#NONE} for {@link Ballot#NONE}
   */
  public static Term termOf(Ballot b) {
    if (b.equals(Ballot.NONE)) {
      return Term.NONE;
    }
    return new Term(b.n(), ((long) b.priority() << 32) | (b.pid() & 0xffff_ffffL));
  }

  /**
   * Returns the ballot of the leader this peer follows (its own while leading).
   *
   * @return the leader's ballot, {@link Ballot#NONE} if none is known
   */
  public Ballot leaderBallot() {
    return sp.leaderBallot();
  }

  /**
   * Returns this peer's highest promise.
   *
   * @return the promised ballot
   */
  public Ballot promise() {
    return sp.promise();
  }

  /**
   * Tells whether this peer heard a quorum in its last heartbeat round.
   *
   * @return true when quorum-connected
   */
  public boolean isQuorumConnected() {
    return ble.isQuorumConnected();
  }

  /**
   * Describes this peer's protocol state in one line, for test failure messages and traces.
   *
   * @return role, phase, ballots and indexes
   */
  public String describe() {
    return "peer " + self + ": " + sp.role() + "/" + sp.phase() + " following " + sp.leaderBallot()
        + " promise " + sp.promise() + " decided " + storage.decidedIndex() + " log " + storage.logLength()
        + " | election: ballot " + ble.ballot() + " leader " + ble.leader() + " qc " + ble.isQuorumConnected() + " |" + sp.describeSessions();
  }

  /**
   * Returns this peer's id.
   *
   * @return the id
   */
  public int id() {
    return self;
  }
}
