package dev.omnisim.baselines.vr;

import dev.omnisim.baselines.multipaxos.DurableLog;
import dev.omnisim.baselines.multipaxos.DurableLogPeer;
import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Viewstamped Replication as in "Viewstamped Replication Revisited" (Liskov and Cowling, 2012):
 * the primary of view {@code v} is the replica at position {@code v mod n} of the sorted ids; normal
 * operation (Prepare, PrepareOK from f backups, Commit) and the view change (StartViewChange to all;
 * on f of them from others, DoViewChange with the log to the new primary; on f + 1 of those, its own
 * included, the new primary takes the log of the highest last-normal view, then the longest, and sends
 * StartView). A backup starts a view change when its primary does not answer a round of the artifact's
 * {@code vr_le.rs} heartbeats, and a view change that does not complete within two rounds moves to
 * the next view (the paper's timeout; the artifact waits forever).
 *
 * <p>The paper keeps no disk state and recovers a replica through its peers. Our crashes restart a
 * replica from its byte store, so it persists what its messages rely on, before they leave (files
 * {@code vr.0/1}, {@link DurableLog}): the view number (StartViewChange and DoViewChange promise never
 * to return to a lower view), the last normal view and the log (PrepareOK and DoViewChange vouch for
 * them) and the commit number. A restarted replica resumes in its view, normal if that was its last
 * normal view, else still changing view; the paper's recovery protocol is not needed.
 *
 * @param <T> the entry type
 */
public class ViewstampedReplication<T> extends DurableLogPeer<T> {
  private enum Status { NORMAL, VIEW_CHANGE }

  private final int self;
  private final List<Integer> ids;
  private final List<Integer> others;
  private final int majority;
  private final ConsensusOptions options;
  private long view;
  private long lastNormalView;
  private Status status;
  // view change
  private final TreeSet<Integer> startViewChanges = new TreeSet<>();
  private final TreeMap<Integer, Message.DoViewChange<T>> doViewChanges = new TreeMap<>();
  private Message.DoViewChange<T> sentDoViewChange;
  private int viewChangeRounds;
  // normal operation, primary
  private final TreeMap<Integer, Long> acked = new TreeMap<>();
  private int resendTicks;
  // election (vr_le): a backup's heartbeats to its primary
  private int roundTicks;
  private long round;
  private boolean primaryAlive = true;

  /**
   * A replica built from {@code setup}; resumes from what its byte store holds.
   *
   * @param setup ids, options, byte store, codec, random stream (unused: views are assigned round-robin)
   */
  public ViewstampedReplication(PeerSetup<T> setup) {
    super(setup, "vr");
    this.self = setup.selfId();
    this.ids = setup.peerIds().stream().sorted().toList();
    this.others = setup.otherIds();
    this.majority = setup.majority();
    this.options = setup.options();
    this.view = log.promised().equals(Term.NONE) ? 0 : log.promised().major();
    this.lastNormalView = log.accepted().equals(Term.NONE) ? 0 : log.accepted().major();
    this.status = view == lastNormalView ? Status.NORMAL : Status.VIEW_CHANGE;
    if (status == Status.VIEW_CHANGE) {
      startViewChanges.add(self);
    }
  }

  /** The primary of view {@code v}: round-robin over the sorted ids. */
  int primaryOf(long v) {
    return ids.get((int) (v % ids.size()));
  }

  private boolean isPrimary() {
    return status == Status.NORMAL && primaryOf(view) == self;
  }

  // ------------------------------------------------------------------ inputs

  @Override
  public ProposeResult propose(T entry) {
    if (!isPrimary()) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    long op = log.length();
    log.append(entry);
    acked.put(self, log.length());
    for (int b : others) {
      send(b, new Message.Prepare<>(view, op, List.of(entry), log.decided()));
    }
    advanceCommit();
    log.persist();
    return new ProposeResult.Appended(op);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void receive(int from, Object message) {
    if (!(message instanceof Message m)) {
      throw new IllegalArgumentException("not a VR message: " + message);
    }
    switch (m) {
      case Message.HeartbeatRequest r -> send(from, new Message.HeartbeatReply(r.round(), view, isPrimary()));
      case Message.HeartbeatReply r -> {
        if (r.round() == round && r.view() == view && r.primary() && from == primaryOf(view)) {
          primaryAlive = true;
        }
      }
      case Message.Prepare<?> p -> onPrepare(from, (Message.Prepare<T>) p);
      case Message.PrepareOk ok -> onPrepareOk(from, ok);
      case Message.Commit c -> onCommit(from, c);
      case Message.StartViewChange s -> onStartViewChange(from, s);
      case Message.DoViewChange<?> d -> onDoViewChange(from, (Message.DoViewChange<T>) d);
      case Message.StartView<?> s -> onStartView(from, (Message.StartView<T>) s);
    }
    log.persist();
  }

  @Override
  public void tick() {
    if (++roundTicks >= options.electionTimeoutTicks()) {
      roundTicks = 0;
      endRound();
    }
    if (isPrimary() && ++resendTicks >= options.resendTimeoutTicks()) {
      resendTicks = 0;
      resend();
    }
    log.persist();
  }

  /** The end of a heartbeat round: suspect a silent primary, or push a stuck view change to the next view. */
  private void endRound() {
    if (status == Status.NORMAL) {
      if (primaryOf(view) == self) {
        return;
      }
      if (!primaryAlive) {
        startViewChange(view + 1);
        return;
      }
      primaryAlive = false;
      round++;
      send(primaryOf(view), new Message.HeartbeatRequest(round));
      return;
    }
    if (++viewChangeRounds >= 2) {
      startViewChange(view + 1);
      return;
    }
    for (int j : others) {
      send(j, new Message.StartViewChange(view));
    }
    if (sentDoViewChange != null && primaryOf(view) != self) {
      send(primaryOf(view), sentDoViewChange);
    }
  }

  // ------------------------------------------------------------------ view change

  private void startViewChange(long v) {
    view = v;
    status = Status.VIEW_CHANGE;
    log.promise(Message.term(v));
    startViewChanges.clear();
    startViewChanges.add(self);
    doViewChanges.clear();
    sentDoViewChange = null;
    viewChangeRounds = 0;
    acked.clear();
    for (int j : others) {
      send(j, new Message.StartViewChange(v));
    }
  }

  private void onStartViewChange(int from, Message.StartViewChange s) {
    if (s.view() > view) {
      startViewChange(s.view());
    }
    if (s.view() != view || status != Status.VIEW_CHANGE) {
      return;
    }
    startViewChanges.add(from);
    if (startViewChanges.size() >= majority && sentDoViewChange == null) {
      sentDoViewChange = new Message.DoViewChange<>(view, lastNormalView, log.length(), wholeLog(), log.decided());
      if (primaryOf(view) == self) {
        collect(self, sentDoViewChange);
      } else {
        send(primaryOf(view), sentDoViewChange);
      }
    }
  }

  private void onDoViewChange(int from, Message.DoViewChange<T> d) {
    if (primaryOf(d.view()) != self) {
      return;
    }
    if (d.view() > view) {
      startViewChange(d.view());
    }
    if (d.view() == view && status == Status.VIEW_CHANGE) {
      collect(from, d);
    }
  }

  /** The new primary gathers DoViewChange messages; with f + 1, its own among them, it starts the view. */
  private void collect(int from, Message.DoViewChange<T> d) {
    doViewChanges.put(from, d);
    if (doViewChanges.size() < majority || !doViewChanges.containsKey(self)) {
      return;
    }
    Message.DoViewChange<T> best = doViewChanges.get(self);
    long commit = 0;
    for (Message.DoViewChange<T> c : doViewChanges.values()) {
      if (moreRecent(c, best)) {
        best = c;
      }
      commit = Math.max(commit, c.commit());
    }
    if (best != doViewChanges.get(self)) {
      replaceLog(best.log());
    }
    lastNormalView = view;
    log.accept(Message.term(view));
    status = Status.NORMAL;
    log.decide(commit);
    acked.clear();
    acked.put(self, log.length());
    resendTicks = 0;
    for (int j : others) {
      send(j, new Message.StartView<>(view, wholeLog(), log.decided()));
    }
  }

  /**
   * The paper's rule for the new log: the DoViewChange with the highest last normal view, then the
   * highest op number. A test variant that ranks otherwise shows the harness catches it.
   */
  boolean moreRecent(Message.DoViewChange<T> a, Message.DoViewChange<T> b) {
    return a.lastNormalView() > b.lastNormalView()
        || (a.lastNormalView() == b.lastNormalView() && a.length() > b.length());
  }

  private void onStartView(int from, Message.StartView<T> s) {
    if (s.view() < view || from != primaryOf(s.view())) {
      return;
    }
    if (s.view() == view && status == Status.NORMAL) {
      extend(s.log()); // a late or duplicated StartView of this view only extends
    } else {
      replaceLog(s.log());
      view = s.view();
      lastNormalView = view;
      log.promise(Message.term(view));
      log.accept(Message.term(view));
      status = Status.NORMAL;
      primaryAlive = true;
      startViewChanges.clear();
      doViewChanges.clear();
      sentDoViewChange = null;
    }
    log.decide(s.commit());
    send(from, new Message.PrepareOk(view, log.length()));
  }

  // ------------------------------------------------------------------ normal operation

  private void onPrepare(int from, Message.Prepare<T> p) {
    if (p.view() != view || status != Status.NORMAL || isPrimary()) {
      return; // another view: a backup that missed StartView gets it again from the primary
    }
    primaryAlive = true;
    if (p.op() > log.length()) {
      return; // a gap: the primary resends from what was acknowledged
    }
    for (long i = Math.max(p.op(), log.length()); i < p.op() + p.entries().size(); i++) {
      log.append(p.entries().get((int) (i - p.op())));
    }
    log.decide(p.commit());
    send(from, new Message.PrepareOk(view, log.length()));
  }

  private void onPrepareOk(int from, Message.PrepareOk ok) {
    if (!isPrimary() || ok.view() != view) {
      return;
    }
    if (ok.length() > acked.getOrDefault(from, -1L)) {
      acked.put(from, ok.length());
      advanceCommit();
    }
  }

  /** Commits the longest prefix that f + 1 replicas (the primary included) hold in this view. */
  private void advanceCommit() {
    if (acked.size() < majority) {
      return;
    }
    List<Long> lengths = new ArrayList<>(acked.values());
    lengths.sort(null);
    long quorum = lengths.get(lengths.size() - majority);
    if (quorum > log.decided()) {
      log.decide(quorum);
      for (int b : acked.keySet()) {
        if (b != self) {
          send(b, new Message.Commit(view, log.decided()));
        }
      }
    }
  }

  private void onCommit(int from, Message.Commit c) {
    if (c.view() == view && status == Status.NORMAL && from == primaryOf(view) && !isPrimary()) {
      primaryAlive = true;
      log.decide(c.commit());
    }
  }

  /** The primary's resend timeout: StartView to backups that never acknowledged this view, missing entries, the commit number. */
  private void resend() {
    for (int b : others) {
      Long ack = acked.get(b);
      if (ack == null || ack < log.compacted()) {
        send(b, new Message.StartView<>(view, wholeLog(), log.decided()));
      } else if (ack < log.length()) {
        send(b, new Message.Prepare<>(view, ack, log.read(ack, log.length()), log.decided()));
      } else {
        send(b, new Message.Commit(view, log.decided()));
      }
    }
  }

  // ------------------------------------------------------------------ logs

  private Message.Log<T> wholeLog() {
    return new Message.Log<>(log.snapshot(), log.compacted(), log.read(log.compacted(), log.length()));
  }

  /** Replaces this log by {@code l}, keeping the committed prefix (equal everywhere). */
  private void replaceLog(Message.Log<T> l) {
    if (l.snapshot().isPresent() && l.snapshot().get().index() > log.decided()) {
      log.install(l.snapshot().get());
    }
    long start = Math.max(l.from(), log.decided());
    if (start > log.length()) {
      throw new IllegalStateException("a log from " + l.from() + " cannot replace one of length " + log.length());
    }
    log.truncate(start);
    for (long i = start; i < l.end(); i++) {
      log.append(l.entries().get((int) (i - l.from())));
    }
  }

  /** Appends what {@code l} holds beyond this log's end (same view: this log is a prefix of it). */
  private void extend(Message.Log<T> l) {
    if (l.snapshot().isPresent() && l.snapshot().get().index() > log.length()) {
      log.install(l.snapshot().get());
    }
    for (long i = Math.max(log.length(), l.from()); i < l.end(); i++) {
      if (i != log.length()) {
        return;
      }
      log.append(l.entries().get((int) (i - l.from())));
    }
  }

  // ------------------------------------------------------------------ outputs

  @Override
  public Leadership leadership() {
    if (status != Status.NORMAL) {
      return Leadership.NONE;
    }
    int primary = primaryOf(view);
    return primary == self ? Leadership.leading(self, Message.term(view)) : Leadership.following(primary, Message.term(view));
  }

  @Override
  public Optional<Term> promisedTerm() {
    return Optional.of(Message.term(view));
  }

  @Override
  public Optional<AcceptedLog> acceptedLog() {
    return Optional.of(new AcceptedLog(Message.term(lastNormalView), log.length()));
  }
}
