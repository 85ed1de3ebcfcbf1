package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Multi-Paxos as the Omni-Paxos paper's baseline: a log replicated by a leader that runs phase 1
 * (prepare/promise, adopting the most recent accepted log) once per ballot and phase 2
 * (accept/accepted/decide) for every entry, under the artifact's Multi-Paxos leader election
 * ({@link LeaderElection}, after {@code mp_le.rs}). The artifact runs the same log replication as
 * OmniPaxos's Sequence Paxos under that election; so does this class, written separately.
 *
 * <p>Ballots are {@link Term}s {@code (n, pid)}. Durable state ({@link DurableLog}, files
 * {@code multipaxos.0/1}): promised ballot, accepted ballot, decided index, snapshot and log, synced at
 * the end of every input, before its messages can be drained.
 *
 * @param <T> the entry type
 */
public class MultiPaxos<T> extends DurableLogPeer<T> {
  private final int self;
  private final List<Integer> others;
  private final int majority;
  private final ConsensusOptions options;
  private final LeaderElection election;
  /** The ballot this peer leads in (phase 1 or 2), or null while it follows. */
  private Term leading;
  private boolean prepared;
  /** Promises in the ballot this peer leads, by follower (this peer's own included). */
  private final TreeMap<Integer, Message.Promise<T>> promises = new TreeMap<>();
  /** The accepted ballot of the log adopted at the end of phase 1. */
  private Term adoptedFrom = Term.NONE;
  /** The length of the log adopted at the end of phase 1. */
  private long adoptedLength;
  /** How much of the log each synchronised follower acknowledged in the leading ballot. */
  private final TreeMap<Integer, Long> acked = new TreeMap<>();
  private int resendTicks;

  /**
   * A peer built from {@code setup}; recovers what its byte store holds.
   *
   * @param setup ids, options, byte store, codec, random stream (unused: the election is deterministic)
   */
  public MultiPaxos(PeerSetup<T> setup) {
    super(setup, "multipaxos");
    this.self = setup.selfId();
    this.others = setup.otherIds();
    this.majority = setup.majority();
    this.options = setup.options();
    this.election = new LeaderElection(self, others, majority, options.electionTimeoutTicks());
  }

  // ------------------------------------------------------------------ inputs

  @Override
  public ProposeResult propose(T entry) {
    if (leading == null || !prepared) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    long index = log.length();
    log.append(entry);
    acked.put(self, log.length());
    for (int f : promises.keySet()) {
      if (f != self) {
        send(f, new Message.Accept<>(leading, index, List.of(entry), log.decided()));
      }
    }
    advanceDecided();
    log.persist();
    return new ProposeResult.Appended(index);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void receive(int from, Object message) {
    if (!(message instanceof Message m)) {
      throw new IllegalArgumentException("not a Multi-Paxos message: " + message);
    }
    switch (m) {
      case Message.HeartbeatRequest r -> election.onRequest(from, r, outgoing());
      case Message.HeartbeatReply r -> election.onReply(from, r);
      case Message.Prepare p -> onPrepare(from, p);
      case Message.Promise<?> p -> onPromise(from, (Message.Promise<T>) p);
      case Message.AcceptSync<?> s -> onAcceptSync(from, (Message.AcceptSync<T>) s);
      case Message.Accept<?> a -> onAccept(from, (Message.Accept<T>) a);
      case Message.Accepted a -> onAccepted(from, a);
      case Message.Decide d -> onDecide(d);
      case Message.NotAccepted n -> onNotAccepted(n);
    }
    followElection();
    log.persist();
  }

  @Override
  public void tick() {
    election.tick(outgoing());
    if (leading != null && ++resendTicks >= options.resendTimeoutTicks()) {
      resendTicks = 0;
      resend();
    }
    followElection();
    log.persist();
  }

  // ------------------------------------------------------------------ leader election -> Paxos

  /** Starts phase 1 when the election names this peer with a ballot it has not led in; steps down when it names another. */
  private void followElection() {
    Term elected = election.leader();
    if (elected.equals(Term.NONE) || elected.minor() != self) {
      if (leading != null && elected.isAbove(leading)) {
        stepDown();
      }
      return;
    }
    if (elected.equals(leading)) {
      return;
    }
    if (elected.compareTo(log.promised()) < 0) {
      // Preempted by a higher ballot: follow it, as when a heartbeat names it.
      election.follow(log.promised());
      return;
    }
    // At or above the promise. Equal only to a ballot this peer led before a restart: its durable log
    // holds every entry it sent in it, and phase 1 adopts at least that log, so it may lead on in it.
    startPhase1(elected);
  }

  private void startPhase1(Term ballot) {
    log.promise(ballot);
    leading = ballot;
    prepared = false;
    promises.clear();
    acked.clear();
    resendTicks = 0;
    promises.put(self, new Message.Promise<>(ballot, log.accepted(), log.decided(), log.length(),
        suffixFrom(log.length())));
    for (int f : others) {
      send(f, prepareMessage());
    }
  }

  private Message.Prepare prepareMessage() {
    return new Message.Prepare(leading, log.decided(), log.accepted(), log.length());
  }

  private void stepDown() {
    leading = null;
    prepared = false;
    promises.clear();
    acked.clear();
  }

  // ------------------------------------------------------------------ leader

  private void onPromise(int from, Message.Promise<T> p) {
    if (leading == null || !p.ballot().equals(leading) || promises.containsKey(from)) {
      return;
    }
    promises.put(from, p);
    if (prepared) {
      send(from, acceptSyncFor(p));
    } else if (promises.size() >= majority) {
      endPhase1();
    }
  }

  /** Adopts the most recent log among the promises (highest accepted ballot, then longest) and syncs every follower to it. */
  private void endPhase1() {
    Message.Promise<T> best = promises.get(self);
    for (Message.Promise<T> p : promises.values()) {
      int c = p.accepted().compareTo(best.accepted());
      if (c > 0 || (c == 0 && p.length() > best.length())) {
        best = p;
      }
    }
    adoptedFrom = best.accepted();
    if (best != promises.get(self) && adoptsPromisedLog()) {
      applySuffix(best.suffix(), false);
    }
    adoptedLength = log.length();
    log.accept(leading);
    prepared = true;
    acked.put(self, log.length());
    for (var e : promises.entrySet()) {
      if (e.getKey() != self) {
        send(e.getKey(), acceptSyncFor(e.getValue()));
      }
    }
    advanceDecided();
  }

  /**
   * Syncs a promised follower: from its log's end if it accepted in the adopted ballot (its log is a
   * prefix of the adopted one up to the adopted length), else from its decided index.
   */
  private Message.AcceptSync<T> acceptSyncFor(Message.Promise<T> p) {
    long from = p.accepted().equals(adoptedFrom) ? Math.min(p.length(), adoptedLength) : p.decided();
    return new Message.AcceptSync<>(leading, suffixFrom(Math.min(from, log.length())), log.decided());
  }

  /**
   * Whether phase 1 adopts the most recent log among the promises: always, here. A test variant
   * that does not (a leader that takes over without learning what may have been decided) shows that
   * the chaos property catches it.
   */
  boolean adoptsPromisedLog() {
    return true;
  }

  private void onAccepted(int from, Message.Accepted a) {
    if (leading == null || !prepared || !a.ballot().equals(leading) || !promises.containsKey(from)) {
      return;
    }
    long before = acked.getOrDefault(from, -1L);
    if (a.length() > before) {
      acked.put(from, a.length());
      advanceDecided();
    }
  }

  /** Decides the longest prefix a majority acknowledged in the leading ballot. */
  private void advanceDecided() {
    if (acked.size() < majority) {
      return;
    }
    List<Long> lengths = new ArrayList<>(acked.values());
    lengths.sort(null);
    long quorumLength = lengths.get(lengths.size() - majority);
    if (quorumLength > log.decided()) {
      log.decide(quorumLength);
      for (int f : promises.keySet()) {
        if (f != self) {
          send(f, new Message.Decide(leading, log.decided()));
        }
      }
    }
  }

  private void onNotAccepted(Message.NotAccepted n) {
    if (leading != null && n.promised().isAbove(leading)) {
      // A higher ballot was promised, which the election may never hear of (its leader crashed and
      // restarted with a fresh election): follow it as if a heartbeat had named it. If its leader is
      // alive the election agrees; if it is silent, the next round takes over from it.
      stepDown();
      election.follow(n.promised());
    }
  }

  /** The resend timeout: prepares to unpromised peers, syncs and entries not acknowledged, the decided index. */
  private void resend() {
    for (int f : others) {
      Message.Promise<T> p = promises.get(f);
      if (p == null) {
        send(f, prepareMessage());
      } else if (prepared) {
        Long ack = acked.get(f);
        if (ack == null) {
          send(f, acceptSyncFor(p));
        } else if (ack < log.length()) {
          send(f, new Message.AcceptSync<>(leading, suffixFrom(ack), log.decided()));
        } else {
          send(f, new Message.Decide(leading, log.decided()));
        }
      }
    }
  }

  // ------------------------------------------------------------------ follower

  private void onPrepare(int from, Message.Prepare p) {
    if (p.ballot().compareTo(log.promised()) < 0) {
      send(from, new Message.NotAccepted(log.promised()));
      return;
    }
    log.promise(p.ballot());
    if (leading != null && p.ballot().isAbove(leading)) {
      stepDown();
    }
    long from0;
    int c = log.accepted().compareTo(p.accepted());
    if (c > 0) {
      from0 = p.decided();
    } else if (c == 0) {
      from0 = p.length();
    } else {
      from0 = log.length();
    }
    send(from, new Message.Promise<>(p.ballot(), log.accepted(), log.decided(), log.length(),
        suffixFrom(Math.min(from0, log.length()))));
  }

  private void onAcceptSync(int from, Message.AcceptSync<T> s) {
    if (!s.ballot().equals(log.promised())) {
      if (s.ballot().compareTo(log.promised()) < 0) {
        send(from, new Message.NotAccepted(log.promised()));
      }
      return;
    }
    if (leading != null) {
      return; // a leader of this ballot syncs others, never itself
    }
    boolean sameBallot = log.accepted().equals(s.ballot());
    if (!applySuffix(s.suffix(), sameBallot)) {
      return;
    }
    log.accept(s.ballot());
    log.decide(s.decided());
    send(from, new Message.Accepted(s.ballot(), log.length()));
  }

  private void onAccept(int from, Message.Accept<T> a) {
    if (a.ballot().compareTo(log.promised()) < 0) {
      send(from, new Message.NotAccepted(log.promised()));
      return;
    }
    if (!a.ballot().equals(log.promised()) || !a.ballot().equals(log.accepted()) || leading != null) {
      return; // not synchronised in this ballot yet: the leader resends the sync
    }
    if (a.from() > log.length()) {
      return; // a gap: the leader resends from what was acknowledged
    }
    for (long i = Math.max(a.from(), log.length()); i < a.from() + a.entries().size(); i++) {
      log.append(a.entries().get((int) (i - a.from())));
    }
    log.decide(a.decided());
    send(from, new Message.Accepted(a.ballot(), log.length()));
  }

  private void onDecide(Message.Decide d) {
    if (leading == null && d.ballot().equals(log.promised()) && d.ballot().equals(log.accepted())) {
      log.decide(d.decided());
    }
  }

  /**
   * Applies a log suffix sent by the leader. In the ballot this peer already accepted, the leader's
   * log only grew, so the suffix only extends (a late or duplicated sync never cuts what was
   * acknowledged). From an older accepted ballot, the log from the suffix on is replaced, except the
   * decided prefix; a snapshot beyond the decided prefix replaces everything.
   *
   * @return false when the suffix starts beyond this log's end (it cannot be applied)
   */
  private boolean applySuffix(Message.Suffix<T> s, boolean sameBallot) {
    if (s.snapshot().isPresent()) {
      Snapshot snap = s.snapshot().get();
      if (sameBallot ? snap.index() > log.length() : snap.index() > log.decided()) {
        log.install(snap);
      }
    }
    if (s.from() > log.length()) {
      return false;
    }
    long start = sameBallot ? log.length() : Math.max(s.from(), log.decided());
    if (!sameBallot) {
      log.truncate(start);
    }
    for (long i = Math.max(start, s.from()); i < s.end(); i++) {
      log.append(s.entries().get((int) (i - s.from())));
    }
    return true;
  }

  /** The log from {@code from} on, with the snapshot when {@code from} was compacted away. */
  private Message.Suffix<T> suffixFrom(long from) {
    if (from < log.compacted()) {
      return new Message.Suffix<>(log.snapshot(), log.compacted(), log.read(log.compacted(), log.length()));
    }
    return new Message.Suffix<>(Optional.empty(), from, log.read(from, log.length()));
  }

  // ------------------------------------------------------------------ outputs

  @Override
  public Leadership leadership() {
    if (leading != null && prepared) {
      return Leadership.leading(self, leading);
    }
    Term elected = election.leader();
    return elected.equals(Term.NONE) ? Leadership.NONE : Leadership.following((int) elected.minor(), elected);
  }

  @Override
  public Optional<Term> promisedTerm() {
    return Optional.of(log.promised());
  }

  @Override
  public Optional<AcceptedLog> acceptedLog() {
    return Optional.of(new AcceptedLog(log.accepted(), log.length()));
  }

  /** One line about this peer's state, for failure messages. */
  public String describe() {
    return "peer " + self + ": " + leadership() + ", promised " + log.promised() + ", accepted " + log.accepted()
        + ", log " + log.length() + " (compacted " + log.compacted() + "), decided " + log.decided()
        + ", candidate " + election.candidate();
  }
}
