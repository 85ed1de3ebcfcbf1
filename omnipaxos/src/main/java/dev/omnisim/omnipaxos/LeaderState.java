package dev.omnisim.omnipaxos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a leader tracks about each peer during one leadership: the synchronisation session, the
 * promise, how far entries were sent and accepted, what was decided to it, and which of its
 * forwarded proposals were taken. Indexed by the peer's position in the sorted id array.
 */
final class LeaderState<T> {

  /** What the resend timeout should do for one follower. */
  enum Resend { NOTHING, PREPARE, ENTRIES, DECIDE }

  private final int[] ids;
  private final Ballot ownAcceptedRound;
  private final long ownLogLength;

  private long nextSession;
  private final long[] session;
  private final Message.Promise<?>[] promises;
  private final boolean[] accepting;
  /** Whether the follower acknowledged anything of its current session. */
  private final boolean[] ackedSession;
  private final long[] sentIndex;
  private final long[] acceptedIndex;
  private final long[] decidedSent;
  private final long[] decideRepeated;
  /** The follower's decided index as its last heartbeat reported it. */
  private final long[] reportedDecided;
  private final long[] seq;
  private final long[] forwardApplied;
  private final long[] sessionStartTick;
  private final long[] lastSentTick;
  private final long[] progressAtCheck;
  private final ArrayDeque<T> queue = new ArrayDeque<>();

  private Ballot adoptedRound = Ballot.NONE;
  private long adoptedLength;

  LeaderState(int[] ids, int self, Ballot ownAcceptedRound, long ownLogLength, long ownDecided) {
    this.ids = ids;
    this.ownAcceptedRound = ownAcceptedRound;
    this.ownLogLength = ownLogLength;
    int n = ids.length;
    session = new long[n];
    promises = new Message.Promise<?>[n];
    accepting = new boolean[n];
    ackedSession = new boolean[n];
    sentIndex = new long[n];
    acceptedIndex = new long[n];
    Arrays.fill(acceptedIndex, -1);
    decidedSent = new long[n];
    decideRepeated = new long[n];
    reportedDecided = new long[n];
    Arrays.fill(reportedDecided, Long.MAX_VALUE);
    seq = new long[n];
    forwardApplied = new long[n];
    sessionStartTick = new long[n];
    lastSentTick = new long[n];
    progressAtCheck = new long[n];
  }

  private int at(int id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) {
      throw new IllegalArgumentException("unknown peer " + id);
    }
    return i;
  }

  /**
   * Opens a new synchronisation session with {@code id}. What it acknowledged in this ballot still
   * counts: a follower never loses entries it accepted in the current ballot.
   */
  long newSession(int id, long tick) {
    int i = at(id);
    session[i] = ++nextSession;
    promises[i] = null;
    accepting[i] = false;
    ackedSession[i] = false;
    seq[i] = 0;
    sessionStartTick[i] = tick;
    lastSentTick[i] = tick;
    return session[i];
  }

  String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      b.append(" [").append(ids[i]).append(": session ").append(session[i]).append(" promised ").append(promises[i] != null)
          .append(" accepting ").append(accepting[i]).append(" sent ").append(sentIndex[i]).append(" accepted ")
          .append(acceptedIndex[i]).append(" seq ").append(seq[i]).append("]");
    }
    return b.toString();
  }

  /** Keeps the current session with {@code id} (opening one if none) and restarts its resend clock. */
  long repeatSession(int id, long tick) {
    int i = at(id);
    if (session[i] == 0) {
      return newSession(id, tick);
    }
    sessionStartTick[i] = tick;
    lastSentTick[i] = tick;
    return session[i];
  }

  boolean isCurrentSession(int id, long s) {
    return session[at(id)] == s;
  }

  long session(int id) {
    return session[at(id)];
  }

  void recordPromise(int id, Message.Promise<T> p) {
    promises[at(id)] = p;
  }

  @SuppressWarnings("unchecked")
  Message.Promise<T> promiseOf(int id) {
    return (Message.Promise<T>) promises[at(id)];
  }

  /** Promises received, the leader's own included. */
  int promiseCount() {
    int c = 1;
    for (Message.Promise<?> p : promises) {
      if (p != null) {
        c++;
      }
    }
    return c;
  }

  /**
   * Returns the promise with the most recent log (highest accepted round, then longest), or null
   * when the leader's own log is at least as recent.
   */
  @SuppressWarnings("unchecked")
  Message.Promise<T> mostRecentPromise() {
    Message.Promise<T> best = null;
    Ballot bestRound = ownAcceptedRound;
    long bestLength = ownLogLength;
    for (Message.Promise<?> p : promises) {
      if (p == null) {
        continue;
      }
      int c = p.acceptedRound().compareTo(bestRound);
      if (c > 0 || (c == 0 && p.logLength() > bestLength)) {
        best = (Message.Promise<T>) p;
        bestRound = p.acceptedRound();
        bestLength = p.logLength();
      }
    }
    if (best != null && best.suffix() == null) {
      throw new IllegalStateException("promise " + best + " is more recent than the leader's log but carries no suffix");
    }
    return best;
  }

  void setAdoptedRound(Ballot round) {
    adoptedRound = round;
  }

  Ballot adoptedRound() {
    return adoptedRound;
  }

  void setAdoptedLength(long length) {
    adoptedLength = length;
  }

  long adoptedLength() {
    return adoptedLength;
  }

  /** The follower was sent an AcceptSync ending at {@code sentEnd}. */
  void startAccept(int id, long sentEnd, long decided, long tick) {
    int i = at(id);
    accepting[i] = true;
    sentIndex[i] = sentEnd;
    ackedSession[i] = false;
    decidedSent[i] = decided;
    decideRepeated[i] = decided;
    seq[i] = 0;
    sessionStartTick[i] = tick;
    lastSentTick[i] = tick;
    progressAtCheck[i] = -1;
  }

  boolean isAccepting(int id) {
    return accepting[at(id)];
  }

  long sentIndex(int id) {
    return sentIndex[at(id)];
  }

  long acceptedIndex(int id) {
    return acceptedIndex[at(id)];
  }

  long decidedSent(int id) {
    return decidedSent[at(id)];
  }

  long nextSeq(int id) {
    return ++seq[at(id)];
  }

  void markSent(int id, long sent, long decided, long tick) {
    int i = at(id);
    sentIndex[i] = sent;
    decidedSent[i] = Math.max(decidedSent[i], decided);
    lastSentTick[i] = tick;
  }

  void markDecideRepeated(int id, long decided, long tick) {
    int i = at(id);
    decideRepeated[i] = decided;
    decidedSent[i] = Math.max(decidedSent[i], decided);
    lastSentTick[i] = tick;
  }

  void rewindTo(int id, long index) {
    int i = at(id);
    sentIndex[i] = Math.max(index, 0);
  }

  void recordDecided(int id, long decided) {
    reportedDecided[at(id)] = decided;
  }

  void recordAccepted(int id, long ofSession, long logLength) {
    int i = at(id);
    if (ofSession == session[i]) {
      ackedSession[i] = true;
    }
    acceptedIndex[i] = Math.max(acceptedIndex[i], logLength);
    if (sentIndex[i] < acceptedIndex[i]) {
      sentIndex[i] = acceptedIndex[i];
    }
  }

  /** The highest index a majority (the leader included, with {@code ownLength}) accepted in this ballot. */
  long quorumAcceptedIndex(int self, long ownLength, int majority) {
    List<Long> lengths = new ArrayList<>();
    lengths.add(ownLength);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != self && acceptedIndex[i] >= 0) {
        lengths.add(Math.min(acceptedIndex[i], ownLength));
      }
    }
    if (lengths.size() < majority) {
      return -1;
    }
    lengths.sort((a, b) -> Long.compare(b, a));
    return lengths.get(majority - 1);
  }

  /** Decides what the resend timeout does for {@code id}; called once per timeout. */
  Resend resendAction(int id, long tick, int timeoutTicks, long decided) {
    int i = at(id);
    boolean quiet = tick - lastSentTick[i] >= timeoutTicks;
    long progress = progressAtCheck[i];
    progressAtCheck[i] = acceptedIndex[i];
    if (!accepting[i]) {
      // Not promised yet (down, cut off, or the prepare was lost): prepare it again.
      return promises[i] == null && tick - sessionStartTick[i] >= timeoutTicks ? Resend.PREPARE : Resend.NOTHING;
    }
    if (!ackedSession[i]) {
      return tick - sessionStartTick[i] >= timeoutTicks ? Resend.PREPARE : Resend.NOTHING;
    }
    if (acceptedIndex[i] < sentIndex[i] && acceptedIndex[i] == progress && quiet) {
      return Resend.ENTRIES;
    }
    boolean missedDecide = reportedDecided[i] < Math.min(decided, acceptedIndex[i]);
    if ((decided > decideRepeated[i] || missedDecide) && quiet) {
      reportedDecided[i] = Long.MAX_VALUE; // until its next heartbeat says otherwise
      return Resend.DECIDE;
    }
    return Resend.NOTHING;
  }

  boolean queue(T entry, int max) {
    if (queue.size() >= max) {
      return false;
    }
    queue.addLast(entry);
    return true;
  }

  int queued() {
    return queue.size();
  }

  List<T> drainQueue() {
    List<T> all = new ArrayList<>(queue);
    queue.clear();
    return all;
  }

  long forwardAck(int id) {
    return forwardApplied[at(id)];
  }

  /**
   * Takes the forwarded entries not taken before, at most {@code room}, in order; a gap takes
   * nothing. Numbers below {@code acknowledgedBelow} were appended by some leader (maybe another
   * one, while the follower followed it), so they count as taken.
   */
  List<T> takeForwards(int from, long acknowledgedBelow, long first, List<T> entries, int room) {
    int i = at(from);
    forwardApplied[i] = Math.max(forwardApplied[i], acknowledgedBelow - 1);
    long applied = forwardApplied[i];
    if (first > applied + 1) {
      return List.of();
    }
    long skip = applied + 1 - first;
    if (skip >= entries.size()) {
      return List.of();
    }
    int end = (int) Math.min(entries.size(), skip + Math.max(room, 0));
    List<T> fresh = entries.subList((int) skip, end);
    forwardApplied[i] += fresh.size();
    return fresh;
  }
}
