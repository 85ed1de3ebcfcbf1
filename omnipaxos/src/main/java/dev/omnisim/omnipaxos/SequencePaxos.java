package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Outgoing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Sequence Paxos: the replicated log. A peer is either a leader or a follower and each role has
 * its own step function ({@link #leaderStep}, {@link #followerStep}). Every write that a message
 * depends on goes to {@link Storage} before the message is queued; the owner syncs the storage
 * before handing messages out.
 *
 * <p>Leader: on election it prepares every peer; with a quorum of promises it adopts the most
 * recent log (highest accepted round, then longest), synchronises each follower from the part of
 * its log that is known valid ({@code AcceptSync}), then streams new entries in batches ({@code
 * AcceptDecide}) and decides an index once a quorum accepted it. Lost messages are resent on the
 * resend timeout. Follower: promises, accepts in sequence, and asks for a resync ({@code
 * PrepareReq}) when it sees a gap, restarts, or meets a leader it was not prepared by.
 */
final class SequencePaxos<T> {

  enum Role { LEADER, FOLLOWER }

  /** Most accept batches sent to one follower per step, so a far-behind follower cannot flood the network. */
  static final int MAX_BATCHES_PER_STEP = 16;

  /** Most resend timeouts a promised follower waits for its sync before asking again. */
  static final int MAX_SYNC_PATIENCE_CHECKS = 32;

  /** Where a peer is in the protocol of the ballot it follows or leads. */
  enum Phase { NONE, PREPARE, ACCEPT, RECOVER }

  private final int self;
  /** Every peer id, self included, ascending. */
  private final int[] ids;
  private final int majority;
  private final ConsensusOptions options;
  private final Storage<T> storage;
  private final List<Outgoing> out;

  private Role role = Role.FOLLOWER;
  /** The highest promise a peer reported (heartbeat state or NotAccepted); not persisted. */
  private Ballot highestPromiseSeen = Ballot.NONE;
  private Phase phase = Phase.NONE;
  /** The ballot of the leader this peer follows, or its own while leading. */
  private Ballot leaderBallot = Ballot.NONE;
  private long tick;
  private long nextResendTick;

  private LeaderState<T> leader;
  private final FollowerState<T> follower = new FollowerState<>();

  SequencePaxos(int self, int[] ids, ConsensusOptions options, Storage<T> storage, List<Outgoing> out) {
    this.self = self;
    this.ids = ids.clone();
    this.majority = ids.length / 2 + 1;
    this.options = options;
    this.storage = storage;
    this.out = out;
    if (storage.decidedIndex() > storage.logLength()) {
      throw new IllegalStateException("storage decided " + storage.decidedIndex() + " beyond log " + storage.logLength());
    }
    // A peer that promised before must learn what it missed and must not act on an old session.
    if (!storage.promise().equals(Ballot.NONE)) {
      phase = Phase.RECOVER;
      for (int id : ids) {
        if (id != self) {
          send(id, new Message.PrepareReq<>(storage.promise()));
        }
      }
    }
    nextResendTick = options.resendTimeoutTicks();
  }

  // ---------------------------------------------------------------- queries

  Role role() {
    return role;
  }

  Phase phase() {
    return phase;
  }

  Ballot leaderBallot() {
    return leaderBallot;
  }

  String describeSessions() {
    return role == Role.LEADER ? leader.describe() : " session " + follower.session + " nextSeq " + follower.nextSeq;
  }

  Ballot promise() {
    return storage.promise();
  }

  boolean isAcceptingLeader() {
    return role == Role.LEADER && phase == Phase.ACCEPT;
  }

  long decidedIndex() {
    return storage.decidedIndex();
  }

  // ---------------------------------------------------------------- inputs

  /** The election chose {@code b}: lead with it if it is ours, else follow it. */
  void onElected(Ballot b) {
    if (b.pid() == self) {
      if (role == Role.LEADER && b.equals(leaderBallot)) {
        return;
      }
      if (!b.isAbove(storage.promise())) {
        throw new IllegalStateException(self + " elected with " + b + " not above promise " + storage.promise());
      }
      becomeLeader(b);
    } else if (b.isAbove(leaderBallot)) {
      if (role == Role.LEADER) {
        stepDown(b);
      } else {
        leaderBallot = b;
        follower.retarget();
      }
    }
  }

  /** A heartbeat told us another peer's promise and decided index. */
  void onPeerState(int from, Message.PaxosState state) {
    onHigherPromiseSeen(state.promise());
    if (role == Role.LEADER && state.promise().equals(leaderBallot)) {
      leader.recordDecided(from, state.decidedIndex());
    }
  }

  /**
   * Someone reports its promise (a heartbeat's state, a NotAccepted): remember the highest, so a
   * takeover bids above it; a leader below it cannot get a quorum any more and steps down.
   */
  void onHigherPromiseSeen(Ballot promise) {
    highestPromiseSeen = Ballot.max(highestPromiseSeen, promise);
    if (role == Role.LEADER && promise.isAbove(leaderBallot)) {
      stepDown(promise);
    }
  }

  /** The highest promise this peer made or heard of from a peer since it started. */
  Ballot highestPromiseSeen() {
    return Ballot.max(highestPromiseSeen, storage.promise());
  }

  ProposeResult propose(T entry) {
    if (role == Role.LEADER) {
      if (phase == Phase.ACCEPT) {
        long index = storage.logLength();
        storage.append(List.of(entry));
        return new ProposeResult.Appended(index);
      }
      return leader.queue(entry, options.maxPendingProposals())
          ? new ProposeResult.Queued()
          : new ProposeResult.Rejected(ProposeResult.Reason.BUFFER_FULL);
    }
    if (leaderBallot.equals(Ballot.NONE)) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    if (!follower.addForward(entry, options.maxPendingProposals())) {
      return new ProposeResult.Rejected(ProposeResult.Reason.BUFFER_FULL);
    }
    return new ProposeResult.Forwarded(leaderBallot.pid());
  }

  void handle(int from, Message<T> m) {
    switch (role) {
      case LEADER -> leaderStep(from, m);
      case FOLLOWER -> followerStep(from, m);
    }
  }

  void tick() {
    tick++;
    if (tick < nextResendTick) {
      return;
    }
    nextResendTick = tick + options.resendTimeoutTicks();
    switch (role) {
      case LEADER -> leaderResend();
      case FOLLOWER -> followerResend();
    }
  }

  void reconnected(int peer) {
    if (role == Role.LEADER) {
      sendPrepare(peer);
    } else if (peer == leaderBallot.pid()) {
      phase = Phase.RECOVER;
      send(peer, new Message.PrepareReq<>(storage.promise()));
    }
  }

  /** Emits what was batched during this step: accepts, decides, acknowledgements, forwards. */
  void flush() {
    if (role == Role.LEADER) {
      leaderFlush();
    } else {
      followerFlush();
    }
  }

  /** Trims the decided prefix; lagging followers then get the snapshot in their next sync. */
  void compact(Snapshot snapshot) {
    if (snapshot.index() > storage.decidedIndex()) {
      throw new IllegalArgumentException("cannot compact to " + snapshot.index() + " above decided " + storage.decidedIndex());
    }
    if (snapshot.index() > storage.compactedIndex()) {
      storage.setSnapshot(snapshot);
    }
  }

  // ---------------------------------------------------------------- leader

  private void becomeLeader(Ballot b) {
    storage.setPromise(b);
    role = Role.LEADER;
    phase = Phase.PREPARE;
    leaderBallot = b;
    List<T> carried = follower.drainForwards();
    leader = new LeaderState<>(ids, self, storage.acceptedRound(), storage.logLength(), storage.decidedIndex());
    for (T e : carried) {
      leader.queue(e, options.maxPendingProposals());
    }
    for (int id : ids) {
      if (id != self) {
        sendPrepare(id);
      }
    }
    maybeFinishPrepare();
  }

  private void stepDown(Ballot higher) {
    List<T> queued = leader == null ? List.of() : leader.drainQueue();
    role = Role.FOLLOWER;
    phase = Phase.RECOVER;
    leader = null;
    leaderBallot = higher;
    follower.retarget();
    for (T e : queued) {
      follower.addForward(e, options.maxPendingProposals());
    }
  }

  /** Starts a new synchronisation session with {@code peer}: its state may not be what we think. */
  private void sendPrepare(int peer) {
    long session = leader.newSession(peer, tick);
    sendPrepare(peer, session);
  }

  /**
   * Repeats the prepare of the current session: an answer to an earlier copy stays valid, so long
   * delays cannot starve the synchronisation.
   */
  private void resendPrepare(int peer) {
    sendPrepare(peer, leader.repeatSession(peer, tick));
  }

  private void sendPrepare(int peer, long session) {
    send(peer, new Message.Prepare<>(leaderBallot, session, storage.decidedIndex(), storage.acceptedRound(), storage.logLength()));
  }

  private void leaderStep(int from, Message<T> m) {
    switch (m) {
      case Message.Promise<T> p -> leaderOnPromise(from, p);
      case Message.Accepted<T> a -> leaderOnAccepted(from, a);
      // Repeat the session rather than open a new one: a promise answering any copy stays usable,
      // so a follower on a slow link is not starved by its own requests.
      case Message.PrepareReq<T> r -> resendPrepare(from);
      case Message.ProposalForward<T> f -> leaderOnForward(from, f);
      case Message.NotAccepted<T> n -> onHigherPromiseSeen(n.promise());
      case Message.Prepare<T> p -> {
        if (p.n().isAbove(leaderBallot)) {
          stepDown(p.n());
          followerOnPrepare(from, p);
        }
      }
      case Message.AcceptSync<T> s -> rejectIfStale(from, s.n());
      case Message.AcceptDecide<T> a -> rejectIfStale(from, a.n());
      case Message.Decide<T> d -> rejectIfStale(from, d.n());
      case Message.HeartbeatRequest<T> h -> throw new IllegalArgumentException("heartbeats belong to leader election");
      case Message.HeartbeatReply<T> h -> throw new IllegalArgumentException("heartbeats belong to leader election");
    }
  }

  private void rejectIfStale(int from, Ballot n) {
    if (storage.promise().isAbove(n)) {
      send(from, new Message.NotAccepted<>(storage.promise()));
    }
  }

  private void leaderOnPromise(int from, Message.Promise<T> p) {
    if (!p.n().equals(leaderBallot) || !leader.isCurrentSession(from, p.session())) {
      return;
    }
    leader.recordPromise(from, p);
    if (phase == Phase.PREPARE) {
      maybeFinishPrepare();
    } else {
      syncFollower(from, p);
    }
  }

  private void maybeFinishPrepare() {
    if (phase != Phase.PREPARE || leader.promiseCount() < majority) {
      return;
    }
    Message.Promise<T> best = leader.mostRecentPromise();
    if (best != null && best.suffix() != null) {
      adopt(best.suffix());
    }
    leader.setAdoptedRound(best == null ? storage.acceptedRound() : Ballot.max(best.acceptedRound(), storage.acceptedRound()));
    leader.setAdoptedLength(storage.logLength());
    storage.setAcceptedRound(leaderBallot);
    phase = Phase.ACCEPT;
    List<T> queued = leader.drainQueue();
    if (!queued.isEmpty()) {
      storage.append(queued);
    }
    for (int id : ids) {
      Message.Promise<T> p = leader.promiseOf(id);
      if (id != self && p != null) {
        syncFollower(id, p);
      }
    }
    leaderTryDecide();
  }

  /** Replaces our log from the suffix's start with the suffix (never below our decided prefix). */
  private void adopt(Message.LogSuffix<T> s) {
    if (s.snapshot() != null && s.snapshot().index() > storage.compactedIndex()) {
      storage.setSnapshot(s.snapshot());
      if (storage.decidedIndex() < s.snapshot().index()) {
        storage.setDecidedIndex(s.snapshot().index());
      }
    }
    writeSuffix(s.fromIndex(), s.entries());
  }

  /** Appends the part of a same-ballot suffix beyond our log (installing its snapshot if we need it). */
  private void appendBeyondLog(Message.LogSuffix<T> s) {
    if (s.snapshot() != null && s.snapshot().index() > storage.logLength()) {
      adopt(s); // everything we hold is below its snapshot: nothing accepted can be cut
      return;
    }
    long overlap = storage.logLength() - s.fromIndex();
    if (overlap < s.entries().size()) {
      storage.append(s.entries().subList((int) overlap, s.entries().size()));
    }
  }

  /** Writes {@code entries} at {@code from}, keeping the decided (and compacted) prefix untouched. */
  private void writeSuffix(long from, List<T> entries) {
    long keep = Math.max(storage.decidedIndex(), storage.compactedIndex());
    if (from > storage.logLength()) {
      throw new IllegalStateException(self + ": suffix at " + from + " leaves a gap after log " + storage.logLength());
    }
    long cut = Math.max(from, keep);
    long skip = cut - from;
    if (skip >= entries.size()) {
      if (from + entries.size() < keep) {
        return; // everything offered is already decided here
      }
      storage.truncateAndAppend(Math.min(cut, storage.logLength()), List.of());
      return;
    }
    storage.truncateAndAppend(Math.min(cut, storage.logLength()), entries.subList((int) skip, entries.size()));
  }

  /** Sends a follower the leader's log from the prefix of its log known to be valid. */
  private void syncFollower(int id, Message.Promise<T> p) {
    long valid;
    if (p.acceptedRound().equals(leaderBallot)) {
      valid = Math.min(p.logLength(), storage.logLength());
    } else if (p.acceptedRound().equals(leader.adoptedRound())) {
      valid = Math.min(p.logLength(), leader.adoptedLength());
    } else {
      valid = p.decidedIndex();
    }
    valid = Math.min(Math.max(valid, p.decidedIndex()), storage.logLength());
    Message.LogSuffix<T> suffix;
    if (valid < storage.compactedIndex()) {
      Snapshot snap = storage.snapshot().orElseThrow();
      suffix = new Message.LogSuffix<>(snap.index(), snap, storage.entries(snap.index(), storage.logLength()));
    } else {
      suffix = new Message.LogSuffix<>(valid, null, storage.entries(valid, storage.logLength()));
    }
    leader.startAccept(id, suffix.endIndex(), storage.decidedIndex(), tick);
    send(id, new Message.AcceptSync<>(leaderBallot, p.session(), suffix, storage.decidedIndex(), leader.forwardAck(id)));
  }

  private void leaderOnAccepted(int from, Message.Accepted<T> a) {
    if (!a.n().equals(leaderBallot)) {
      return;
    }
    // Any session's acknowledgement counts: within our ballot a follower never loses accepted entries.
    leader.recordAccepted(from, a.session(), a.logLength());
    leaderTryDecide();
  }

  private void leaderTryDecide() {
    if (phase != Phase.ACCEPT) {
      return;
    }
    long decidable = leader.quorumAcceptedIndex(self, storage.logLength(), majority);
    if (decidable > storage.decidedIndex()) {
      storage.setDecidedIndex(decidable);
    }
  }

  private void leaderOnForward(int from, Message.ProposalForward<T> f) {
    if (!f.leader().equals(leaderBallot)) {
      return;
    }
    int room = phase == Phase.ACCEPT ? Integer.MAX_VALUE : options.maxPendingProposals() - leader.queued();
    List<T> fresh = leader.takeForwards(from, f.acknowledgedBelow(), f.firstNumber(), f.entries(), room);
    for (T e : fresh) {
      propose(e);
    }
  }

  private void leaderFlush() {
    if (phase != Phase.ACCEPT) {
      return;
    }
    leaderTryDecide(); // a single-peer cluster decides on its own
    long logLength = storage.logLength();
    long decided = storage.decidedIndex();
    for (int id : ids) {
      if (id == self || !leader.isAccepting(id)) {
        continue;
      }
      long sent = leader.sentIndex(id);
      if (sent < storage.compactedIndex()) {
        sendPrepare(id); // what it lacks is compacted: resync it, with the snapshot
        continue;
      }
      // Bound what one step puts on the wire for a lagging follower; the next steps send the rest.
      long limit = Math.min(logLength, sent + (long) options.maxBatchSize() * MAX_BATCHES_PER_STEP);
      while (sent < limit) {
        long to = Math.min(limit, sent + options.maxBatchSize());
        send(id, new Message.AcceptDecide<>(leaderBallot, leader.session(id), leader.nextSeq(id), sent,
            storage.entries(sent, to), decided, leader.forwardAck(id)));
        sent = to;
        leader.markSent(id, sent, decided, tick);
      }
      if (decided > leader.decidedSent(id)) {
        send(id, new Message.Decide<>(leaderBallot, leader.session(id), leader.nextSeq(id), decided, leader.forwardAck(id)));
        leader.markSent(id, sent, decided, tick);
      }
    }
  }

  private void leaderResend() {
    for (int id : ids) {
      if (id == self) {
        continue;
      }
      LeaderState.Resend action = leader.resendAction(id, tick, options.resendTimeoutTicks(), storage.decidedIndex());
      switch (action) {
        case NOTHING -> { }
        case PREPARE -> resendPrepare(id);
        case ENTRIES -> leader.rewindTo(id, leader.acceptedIndex(id)); // flush resends from there
        case DECIDE -> {
          send(id, new Message.Decide<>(leaderBallot, leader.session(id), leader.nextSeq(id),
              storage.decidedIndex(), leader.forwardAck(id)));
          leader.markDecideRepeated(id, storage.decidedIndex(), tick);
        }
      }
    }
  }

  // ---------------------------------------------------------------- follower

  private void followerStep(int from, Message<T> m) {
    switch (m) {
      case Message.Prepare<T> p -> followerOnPrepare(from, p);
      case Message.AcceptSync<T> s -> followerOnAcceptSync(from, s);
      case Message.AcceptDecide<T> a -> followerOnAcceptDecide(from, a);
      case Message.Decide<T> d -> followerOnDecide(from, d);
      case Message.PrepareReq<T> r -> { } // we are not leading
      case Message.Promise<T> p -> { } // a promise for a leadership we gave up
      case Message.Accepted<T> a -> { }
      case Message.NotAccepted<T> n -> onHigherPromiseSeen(n.promise());
      case Message.ProposalForward<T> f -> { } // the forwarder retries once it learns the leader
      case Message.HeartbeatRequest<T> h -> throw new IllegalArgumentException("heartbeats belong to leader election");
      case Message.HeartbeatReply<T> h -> throw new IllegalArgumentException("heartbeats belong to leader election");
    }
  }

  private void followerOnPrepare(int from, Message.Prepare<T> p) {
    if (storage.promise().isAbove(p.n())) {
      send(from, new Message.NotAccepted<>(storage.promise()));
      return;
    }
    // Sessions number the prepares of one ballot: compare only within the ballot we promised.
    if (p.n().equals(storage.promise()) && p.session() < follower.session) {
      return; // a straggler from an earlier synchronisation with this leader
    }
    storage.setPromise(p.n());
    if (!p.n().equals(leaderBallot)) {
      leaderBallot = p.n();
      follower.retarget();
    }
    phase = Phase.PREPARE;
    follower.syncWaitChecks = 0;
    follower.session = p.session();
    follower.resetOrdering();
    Message.LogSuffix<T> suffix = null;
    int newer = storage.acceptedRound().compareTo(p.acceptedRound());
    if (newer > 0 || (newer == 0 && storage.logLength() > p.logLength())) {
      long from0 = Math.min(p.decidedIndex(), storage.logLength());
      if (from0 < storage.compactedIndex()) {
        Snapshot snap = storage.snapshot().orElseThrow();
        suffix = new Message.LogSuffix<>(snap.index(), snap, storage.entries(snap.index(), storage.logLength()));
      } else {
        suffix = new Message.LogSuffix<>(from0, null, storage.entries(from0, storage.logLength()));
      }
    }
    send(from, new Message.Promise<>(p.n(), p.session(), storage.acceptedRound(), storage.decidedIndex(),
        storage.logLength(), suffix));
  }

  private void followerOnAcceptSync(int from, Message.AcceptSync<T> s) {
    if (!checkBallot(from, s.n())) {
      return;
    }
    if (phase != Phase.PREPARE || s.session() != follower.session) {
      return; // an old session's sync; the current one is on its way or will be asked for
    }
    Message.LogSuffix<T> suffix = s.suffix();
    if (suffix.snapshot() == null && suffix.fromIndex() > storage.logLength()) {
      askResync(from);
      return;
    }
    if (storage.acceptedRound().equals(s.n())) {
      // Already synchronised in this ballot: our log is a prefix of the leader's, possibly longer
      // than this (maybe late, duplicated) sync knew. Never cut entries accepted in our ballot:
      // the leader may have counted them towards a decision.
      appendBeyondLog(suffix);
    } else {
      adopt(suffix);
      storage.setAcceptedRound(s.n());
    }
    phase = Phase.ACCEPT;
    follower.syncPatienceChecks = 1;
    follower.nextSeq = 1;
    follower.gapSeen = false;
    follower.resetOrdering();
    advanceDecided(s.decidedIndex());
    follower.ackForwards(s.forwardAck());
    follower.acceptedDirty = true;
  }

  private void followerOnAcceptDecide(int from, Message.AcceptDecide<T> a) {
    if (!acceptable(from, a.n(), a.session(), a.seq())) {
      return;
    }
    if (a.fromIndex() > storage.logLength()) {
      // An earlier batch is lost or late: keep this one until it connects (a batch overtaken on an
      // unordered link arrives a moment later); if it never does, the leader resends or we resync.
      follower.gapSeen = true;
      follower.holdEarly(a);
      return;
    }
    applyAccept(a);
    for (var early = follower.connectingEarly(storage.logLength()); early != null;
        early = follower.connectingEarly(storage.logLength())) {
      applyAccept(early);
    }
    follower.acceptedDirty = true;
  }

  private void applyAccept(Message.AcceptDecide<T> a) {
    long overlap = storage.logLength() - a.fromIndex();
    if (overlap < a.entries().size()) {
      storage.append(a.entries().subList((int) overlap, a.entries().size()));
    }
    advanceDecided(a.decidedIndex());
    follower.ackForwards(a.forwardAck());
  }

  private void followerOnDecide(int from, Message.Decide<T> d) {
    if (!acceptable(from, d.n(), d.session(), d.seq())) {
      return;
    }
    advanceDecided(d.decidedIndex());
    follower.ackForwards(d.forwardAck());
  }

  /**
   * Whether an accept-phase message may be applied. Within one ballot the leader's log only grows,
   * and ours is a prefix of it once synchronised, so a late, duplicated or reordered message of
   * that ballot is still correct to apply if it connects to our log; the session and sequence
   * numbers only tell us that something was lost, which the resend timeout then repairs.
   */
  private boolean acceptable(int from, Ballot n, long session, long seq) {
    if (!checkBallot(from, n)) {
      return false;
    }
    if (phase != Phase.ACCEPT) {
      return false; // our synchronisation (or resync request) for this ballot is under way
    }
    if (!storage.acceptedRound().equals(n)) {
      throw new IllegalStateException(self + " accepting " + n + " with accepted round " + storage.acceptedRound());
    }
    if (session > follower.session || (session == follower.session && seq > follower.nextSeq)) {
      follower.gapSeen = true;
    }
    if (session == follower.session) {
      follower.nextSeq = Math.max(follower.nextSeq, seq + 1);
    }
    return true;
  }

  /** True if {@code n} is the ballot we promised; otherwise rejects it or asks to be prepared. */
  private boolean checkBallot(int from, Ballot n) {
    int c = n.compareTo(storage.promise());
    if (c < 0) {
      send(from, new Message.NotAccepted<>(storage.promise()));
      return false;
    }
    if (c > 0) {
      // A leader we never promised: we missed its prepare.
      if (n.isAbove(leaderBallot)) {
        leaderBallot = n;
        follower.retarget();
      }
      askResync(from);
      return false;
    }
    return true;
  }

  private void askResync(int leaderId) {
    follower.resetOrdering();
    if (phase != Phase.RECOVER) {
      phase = Phase.RECOVER;
      send(leaderId, new Message.PrepareReq<>(storage.promise()));
    }
  }

  private void advanceDecided(long leaderDecided) {
    // Our log is a prefix of the leader's in this ballot: what it decided and we hold is decided. A
    // Decide that overtook the entries it covers is remembered, and counts once they arrive.
    follower.leaderDecided = Math.max(follower.leaderDecided, leaderDecided);
    long d = Math.min(follower.leaderDecided, storage.logLength());
    if (d > storage.decidedIndex()) {
      storage.setDecidedIndex(d);
    }
  }

  private void followerFlush() {
    if (follower.acceptedDirty) {
      follower.acceptedDirty = false;
      // Acknowledge to the ballot we accepted in, which may not be the leader election's latest hint.
      Ballot accepted = storage.acceptedRound();
      if (phase == Phase.ACCEPT && accepted.equals(storage.promise())) {
        send(accepted.pid(), new Message.Accepted<>(accepted, follower.session, storage.logLength()));
      }
    }
    if (!leaderBallot.equals(Ballot.NONE) && leaderBallot.pid() != self) {
      follower.sendUnsentForwards(leaderBallot, options.maxBatchSize(), this::send);
    }
  }

  private void followerResend() {
    if (phase == Phase.ACCEPT && follower.gapSeen) {
      // A gap the leader's resends did not fill within a timeout: resynchronise.
      if (storage.logLength() == follower.lengthAtCheck) {
        askResync(storage.promise().pid());
      }
      follower.gapSeen = false;
    }
    follower.lengthAtCheck = storage.logLength();
    if (phase == Phase.PREPARE) {
      // Promised but no sync for a while: the sync (or our promise) was lost, or is very late.
      // Wait twice as long each time, so a slow network is not flooded with resyncs.
      if (++follower.syncWaitChecks > follower.syncPatienceChecks) {
        follower.syncPatienceChecks = Math.min(MAX_SYNC_PATIENCE_CHECKS, follower.syncPatienceChecks * 2);
        askResync(storage.promise().pid());
      }
    }
    if (phase == Phase.RECOVER) {
      Message.PrepareReq<T> req = new Message.PrepareReq<>(storage.promise());
      if (!leaderBallot.equals(Ballot.NONE) && leaderBallot.pid() != self) {
        send(leaderBallot.pid(), req);
      } else {
        for (int id : ids) {
          if (id != self) {
            send(id, req);
          }
        }
      }
    }
    follower.markAllUnsent();
  }

  private void send(int to, Message<T> m) {
    if (to == self) {
      throw new IllegalStateException(self + " sending to itself: " + m);
    }
    out.add(new Outgoing(to, m));
  }

  // ---------------------------------------------------------------- follower state

  /** What a follower tracks: its session with the leader and its forwarded proposals. */
  private static final class FollowerState<T> {
    /** Most accept batches held while an earlier one is missing. */
    static final int MAX_EARLY = 64;

    long session = -1;
    long nextSeq = 1;
    /** A message of the current ballot was seen to be missing since the last resend timeout. */
    boolean gapSeen;
    /** Resend timeouts spent in the prepare phase, and how many we wait before asking again. */
    int syncWaitChecks;
    int syncPatienceChecks = 1;
    long lengthAtCheck = -1;
    boolean acceptedDirty;
    /**
     * Accept batches of the current session that arrived before the batch they follow, by first
     * index, at most {@link #MAX_EARLY} of them; and the highest decided index the leader reported
     * in this session. Both are dropped whenever the ballot or session changes.
     */
    final TreeMap<Long, Message.AcceptDecide<T>> early = new TreeMap<>();
    long leaderDecided;

    void resetOrdering() {
      early.clear();
      leaderDecided = 0;
    }

    void holdEarly(Message.AcceptDecide<T> a) {
      if (a.session() != session || early.size() >= MAX_EARLY && !early.containsKey(a.fromIndex())) {
        return;
      }
      early.merge(a.fromIndex(), a, (x, y) -> x.entries().size() >= y.entries().size() ? x : y);
    }

    /** Removes and returns a held batch that now connects to a log of {@code length} entries, or null. */
    Message.AcceptDecide<T> connectingEarly(long length) {
      if (early.isEmpty() || early.firstKey() > length) {
        return null;
      }
      return early.pollFirstEntry().getValue();
    }
    /**
     * Forwarded proposals not yet acknowledged by a leader, oldest first, numbered from {@link
     * #firstNumber}. Numbers only grow, across leader changes: a leader we return to must never see
     * a number it already took for another proposal.
     */
    final ArrayDeque<T> forwards = new ArrayDeque<>();
    long firstNumber = 1;
    /** How many of {@link #forwards} were sent since the last resend timeout. */
    int sentCount;

    boolean addForward(T e, int max) {
      if (forwards.size() >= max) {
        return false;
      }
      forwards.addLast(e);
      return true;
    }

    /** A new leader has not seen our unacknowledged forwards: resend all of them, same numbers. */
    void retarget() {
      sentCount = 0;
    }

    void ackForwards(long ack) {
      while (firstNumber <= ack && !forwards.isEmpty()) {
        forwards.removeFirst();
        firstNumber++;
        sentCount = Math.max(0, sentCount - 1);
      }
    }

    void markAllUnsent() {
      sentCount = 0;
    }

    List<T> drainForwards() {
      List<T> all = new ArrayList<>(forwards);
      forwards.clear();
      firstNumber += all.size(); // taken by ourselves: those numbers are used up
      sentCount = 0;
      return all;
    }

    void sendUnsentForwards(Ballot leader, int batch, java.util.function.BiConsumer<Integer, Message<T>> send) {
      List<T> all = new ArrayList<>(forwards);
      while (sentCount < all.size()) {
        int to = Math.min(all.size(), sentCount + batch);
        send.accept(leader.pid(),
            new Message.ProposalForward<>(leader, firstNumber, firstNumber + sentCount, all.subList(sentCount, to)));
        sentCount = to;
      }
    }
  }
}
