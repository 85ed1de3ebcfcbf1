package dev.omnisim.baselines.raft;

import dev.omnisim.baselines.raft.RaftMessage.AppendAccepted;
import dev.omnisim.baselines.raft.RaftMessage.AppendEntries;
import dev.omnisim.baselines.raft.RaftMessage.AppendRejected;
import dev.omnisim.baselines.raft.RaftMessage.InstallSnapshot;
import dev.omnisim.baselines.raft.RaftMessage.PreVoteGranted;
import dev.omnisim.baselines.raft.RaftMessage.RequestVote;
import dev.omnisim.baselines.raft.RaftMessage.VoteGranted;
import dev.omnisim.baselines.raft.RaftMessage.VoteRefused;
import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * One Raft peer (Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC
 * 2014, Figure 2; Ongaro's dissertation §3, §5 and §9.6), sans-IO on the consensus contract: terms,
 * randomised election timeouts drawn from the peer's seeded stream, RequestVote with the log up-to-date
 * check, AppendEntries with the consistency check and conflict truncation, commitment by counting replicas
 * only for entries of the leader's own term, InstallSnapshot for followers behind the compacted prefix.
 * {@link RaftOptions} switches on PreVote and CheckQuorum. Not thread-safe; one host thread drives it.
 *
 * <p>Time: every {@code electionTimeoutTicks} ticks ({@code T}) is one election round. A follower that
 * hears no leader for a timeout drawn uniformly from {@code [T, 2T)} ticks campaigns; a leader sends
 * AppendEntries to every follower every {@code max(1, T / 3)} ticks.
 *
 * <p>Indexes: Raft's first entry has index 1; the contract's log position {@code i} is Raft's index {@code
 * i + 1}, so Raft's commit index is the contract's {@link #decidedIndex()}.
 *
 * @param <T> the command type
 */
public class Raft<T> implements ConsensusPeer<T> {

  /** A peer's role; {@code PRE_CANDIDATE} only with PreVote. */
  enum Role { FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER }

  /** How many entries a replicating follower may have in flight beyond what it acknowledged, in batches. */
  private static final int MAX_INFLIGHT_BATCHES = 16;

  private final int self;
  private final int[] others;
  private final int majority;
  private final ConsensusOptions options;
  private final RaftOptions raft;
  private final RandomGenerator random;
  private final RaftStorage<T> storage;
  private final int heartbeatTicks;
  private final List<Outgoing> out = new ArrayList<>();
  /** Votes (or pre-votes) of the current campaign, this peer's own included. */
  private final TreeMap<Integer, Boolean> votes = new TreeMap<>();
  /** The leader's view of each follower. */
  private final TreeMap<Integer, Progress> progress = new TreeMap<>();

  private Role role = Role.FOLLOWER;
  private int leader = -1;
  private int electionElapsed;
  private int randomizedElectionTimeout;
  private int heartbeatElapsed;

  /**
   * Plain Raft on the setup's byte store, recovering what it holds: the factory {@code Raft::new}.
   *
   * @param setup this peer's id, the cluster, options, byte store, entry codec and seeded random stream
   */
  public Raft(PeerSetup<T> setup) {
    this(setup, RaftOptions.PLAIN);
  }

  /**
   * Raft with the given switches on the setup's byte store, recovering what it holds.
   *
   * @param setup this peer's id, the cluster, options, byte store, entry codec and seeded random stream
   * @param raft PreVote and CheckQuorum on or off
   */
  public Raft(PeerSetup<T> setup, RaftOptions raft) {
    this(setup, raft, new RaftStorage<>(setup.store(), setup.codec()));
  }

  /** A peer on a given storage: tests plant broken storage here. */
  Raft(PeerSetup<T> setup, RaftOptions raft, RaftStorage<T> storage) {
    this.self = setup.selfId();
    this.others = setup.otherIds().stream().mapToInt(Integer::intValue).toArray();
    this.majority = setup.majority();
    this.options = setup.options();
    this.raft = raft;
    this.random = setup.random();
    this.storage = storage;
    this.heartbeatTicks = Math.max(1, options.electionTimeoutTicks() / 3);
    resetElectionTimer();
  }

  /**
   * A factory of Raft peers with the given switches.
   *
   * @param raft PreVote and CheckQuorum on or off
   * @param <T> the command type
   * @return peers persisted on their node's byte store
   */
  public static <T> ConsensusPeerFactory<T> factory(RaftOptions raft) {
    return setup -> new Raft<>(setup, raft);
  }

  /**
   * The contract's term for a Raft term.
   *
   * @param term a Raft term
   * @return {@code (term, 0)}
   */
  public static Term termOf(long term) {
    return new Term(term, 0);
  }

  // ------------------------------------------------------------------ inputs

  @Override
  public ProposeResult propose(T entry) {
    if (entry == null) {
      throw new IllegalArgumentException("cannot propose null");
    }
    if (role != Role.LEADER) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    if (storage.lastIndex() - storage.commitIndex() >= options.maxPendingProposals()) {
      return new ProposeResult.Rejected(ProposeResult.Reason.BUFFER_FULL);
    }
    long index = storage.lastIndex() + 1;
    storage.appendFrom(index, List.of(new Entry<>(storage.term(), entry)));
    for (Progress p : progress.values()) {
      p.sendPending = true;
    }
    maybeCommit();
    return new ProposeResult.Appended(index - 1);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void receive(int from, Object message) {
    if (!(message instanceof RaftMessage<?> m)) {
      throw new IllegalArgumentException("not a Raft message: " + message);
    }
    if (from == self || Arrays.binarySearch(others, from) < 0) {
      throw new IllegalArgumentException("peer " + self + " got a message from " + from + ", not another peer: " + m);
    }
    step(from, (RaftMessage<T>) m);
  }

  @Override
  public void tick() {
    if (role == Role.LEADER) {
      tickLeader();
    } else {
      electionElapsed++;
      if (electionElapsed >= randomizedElectionTimeout) {
        campaign();
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the term, vote, entries and snapshot are appended to the write-ahead log as they change;
   * this method sends the entries that wait for followers, appends the commit index, syncs the byte
   * store ({@link RaftStorage#sync()}), and only then returns the messages.
   */
  @Override
  public List<Outgoing> drainOutgoing() {
    if (role == Role.LEADER) {
      for (Map.Entry<Integer, Progress> e : progress.entrySet()) {
        if (e.getValue().sendPending) {
          sendAppend(e.getKey(), e.getValue(), false);
        }
      }
    }
    storage.sync();
    List<Outgoing> msgs = List.copyOf(out);
    out.clear();
    return msgs;
  }

  // ------------------------------------------------------------------ terms (Figure 2, "Rules for Servers")

  private void step(int from, RaftMessage<T> m) {
    long term = storage.term();
    if (m.term() > term) {
      if (m instanceof RequestVote<T> rv) {
        if (inLease()) {
          return; // CheckQuorum: a server that hears a leader disregards elections (dissertation §6.2)
        }
        if (!rv.preVote()) {
          becomeFollower(m.term(), -1);
        }
      } else if (!(m instanceof PreVoteGranted<T>)) {
        // A pre-vote grant carries the term we asked about, which is taken only with a majority.
        boolean fromLeader = m instanceof AppendEntries<T> || m instanceof InstallSnapshot<T>;
        becomeFollower(m.term(), fromLeader ? from : -1);
      }
    } else if (m.term() < term) {
      answerStale(from, m, term);
      return;
    }
    switch (m) {
      case RequestVote<T> rv -> onRequestVote(from, rv);
      case VoteGranted<T> v -> {
        if (role == Role.CANDIDATE) {
          tally(from, true);
        }
      }
      case PreVoteGranted<T> v -> {
        if (role == Role.PRE_CANDIDATE && v.term() == storage.term() + 1) {
          tally(from, true);
        }
      }
      case VoteRefused<T> v -> {
        if (role == (v.preVote() ? Role.PRE_CANDIDATE : Role.CANDIDATE)) {
          tally(from, false);
        }
      }
      case AppendEntries<T> a -> onAppendEntries(from, a);
      case InstallSnapshot<T> s -> onInstallSnapshot(from, s);
      case AppendAccepted<T> a -> {
        if (role == Role.LEADER) {
          onAccepted(from, a);
        }
      }
      case AppendRejected<T> r -> {
        if (role == Role.LEADER) {
          onRejected(from, r);
        }
      }
    }
  }

  /** A request from an older term is answered with ours, so its sender steps down; stale replies are dropped. */
  private void answerStale(int from, RaftMessage<T> m, long term) {
    switch (m) {
      case AppendEntries<T> a -> send(from, new AppendRejected<>(term, a.prevLogIndex(), 0));
      case InstallSnapshot<T> s -> send(from, new AppendRejected<>(term, s.lastIncludedIndex(), 0));
      case RequestVote<T> rv -> send(from, new VoteRefused<>(term, rv.preVote()));
      default -> { }
    }
  }

  /** True while, with CheckQuorum, this peer heard its leader within the minimum election timeout. */
  private boolean inLease() {
    return raft.checkQuorum() && leader != -1 && electionElapsed < options.electionTimeoutTicks();
  }

  private void becomeFollower(long term, int newLeader) {
    if (term > storage.term()) {
      storage.setTermAndVote(term, -1);
    }
    if (role == Role.LEADER) {
      resetElectionTimer(); // its counter measured quorum checks, not silence
    }
    role = Role.FOLLOWER;
    leader = newLeader;
    votes.clear();
    progress.clear();
  }

  // ------------------------------------------------------------------ elections (§5.2, §5.4.1; PreVote §9.6)

  private void campaign() {
    if (raft.preVote()) {
      role = Role.PRE_CANDIDATE;
      startCampaign(storage.term() + 1, true);
    } else {
      becomeCandidate();
    }
  }

  private void becomeCandidate() {
    storage.setTermAndVote(storage.term() + 1, self);
    role = Role.CANDIDATE;
    startCampaign(storage.term(), false);
  }

  private void startCampaign(long term, boolean preVote) {
    leader = -1;
    votes.clear();
    votes.put(self, true);
    resetElectionTimer();
    for (int peer : others) {
      send(peer, new RequestVote<>(term, storage.lastIndex(), storage.lastTerm(), preVote));
    }
    if (majority == 1) {
      won();
    }
  }

  private void tally(int from, boolean granted) {
    votes.put(from, granted);
    long yes = votes.values().stream().filter(v -> v).count();
    if (yes >= majority) {
      won();
    } else if (votes.size() - yes >= majority) {
      becomeFollower(storage.term(), -1);
    }
  }

  private void won() {
    if (role == Role.PRE_CANDIDATE) {
      becomeCandidate();
    } else {
      becomeLeader();
    }
  }

  private void onRequestVote(int from, RequestVote<T> rv) {
    long term = storage.term();
    boolean upToDate = candidateLogIsUpToDate(rv.lastLogTerm(), rv.lastLogIndex());
    if (rv.preVote()) {
      // A pre-vote changes nothing here: grant it when we would vote in that term (etcd's rule).
      send(from, rv.term() > term && upToDate ? new PreVoteGranted<>(rv.term()) : new VoteRefused<>(term, true));
      return;
    }
    int voted = storage.votedFor();
    if ((voted == -1 || voted == from) && upToDate) {
      if (voted != from) {
        storage.setTermAndVote(term, from);
      }
      // Granting a vote restarts the election timer (Figure 2, Followers) with a timeout drawn anew (§5.2: "chosen
      // randomly"; LogCabin draws at every restart, etcd at every term change, which a grant here comes with).
      // Keeping the old draw, a server that grants vote after vote may keep a long one and never time out first.
      resetElectionTimer();
      send(from, new VoteGranted<>(term));
    } else {
      send(from, new VoteRefused<>(term, false));
    }
  }

  /**
   * The election restriction (§5.4.1): the candidate's log is at least as up-to-date as ours, by the
   * term of the last entry, then by length. A test's broken variant overrides it.
   */
  boolean candidateLogIsUpToDate(long lastTerm, long lastIndex) {
    long myTerm = storage.lastTerm();
    return lastTerm > myTerm || (lastTerm == myTerm && lastIndex >= storage.lastIndex());
  }

  private void resetElectionTimer() {
    electionElapsed = 0;
    int t = options.electionTimeoutTicks();
    randomizedElectionTimeout = t + random.nextInt(t);
  }

  // ------------------------------------------------------------------ leader (§5.3, §5.4.2; CheckQuorum §6.2)

  private void becomeLeader() {
    role = Role.LEADER;
    leader = self;
    votes.clear();
    progress.clear();
    for (int peer : others) {
      Progress p = new Progress(storage.lastIndex() + 1);
      p.sendPending = true; // announce the leadership at once
      progress.put(peer, p);
    }
    heartbeatElapsed = 0;
    electionElapsed = 0;
    maybeCommit();
  }

  private void tickLeader() {
    heartbeatElapsed++;
    electionElapsed++;
    if (electionElapsed >= options.electionTimeoutTicks()) {
      electionElapsed = 0;
      if (raft.checkQuorum() && !quorumActive()) {
        becomeFollower(storage.term(), -1);
        return;
      }
    }
    if (heartbeatElapsed >= heartbeatTicks) {
      heartbeatElapsed = 0;
      for (Map.Entry<Integer, Progress> e : progress.entrySet()) {
        Progress p = e.getValue();
        if (p.replicating && p.next - 1 > p.match && !p.ackedSinceHeartbeat) {
          // Nothing acknowledged for a whole heartbeat while entries were in flight: assume them lost.
          p.replicating = false;
          p.next = p.match + 1;
        }
        p.ackedSinceHeartbeat = false;
        p.probeSent = false;
        sendAppend(e.getKey(), p, true);
      }
    }
  }

  /** CheckQuorum: whether a majority, this leader included, was heard since the last check; starts a new period. */
  private boolean quorumActive() {
    int active = 1;
    for (Progress p : progress.values()) {
      if (p.recentlyActive) {
        active++;
      }
      p.recentlyActive = false;
    }
    return active >= majority;
  }

  /**
   * Sends a follower what it lacks: the snapshot when its next entry was compacted, else the entries
   * from its next index (none: a heartbeat). While probing, at most one per heartbeat; while replicating,
   * new entries as they come, at most {@link #MAX_INFLIGHT_BATCHES} batches ahead of its acknowledgements.
   */
  private void sendAppend(int to, Progress p, boolean heartbeat) {
    p.sendPending = false;
    if (!p.replicating && p.probeSent && !heartbeat) {
      return;
    }
    long term = storage.term();
    if (p.next <= storage.snapshotIndex()) {
      Snapshot s = storage.snapshot().orElseThrow();
      send(to, new InstallSnapshot<>(term, s.index(), storage.snapshotTerm(), s.data()));
      p.replicating = false;
      p.probeSent = true;
      return;
    }
    long last = storage.lastIndex();
    if (p.replicating && !heartbeat
        && (p.next > last || p.next - 1 - p.match >= (long) MAX_INFLIGHT_BATCHES * options.maxBatchSize())) {
      return;
    }
    long until = Math.min(last, p.next + options.maxBatchSize() - 1);
    long prev = p.next - 1;
    send(to, new AppendEntries<>(term, prev, storage.termAt(prev), storage.entries(p.next, until),
        storage.commitIndex()));
    if (p.replicating) {
      p.next = until + 1;
    } else {
      p.probeSent = true;
    }
  }

  private void onAccepted(int from, AppendAccepted<T> a) {
    if (a.matchIndex() > storage.lastIndex()) {
      throw new IllegalStateException("peer " + from + " acknowledged index " + a.matchIndex() + " in term " + a.term()
          + " but leader " + self + " has only " + storage.lastIndex());
    }
    Progress p = progress.get(from);
    p.recentlyActive = true;
    p.ackedSinceHeartbeat = true;
    if (p.acknowledged(a.matchIndex())) {
      maybeCommit();
    }
    if (p.next <= storage.lastIndex()) {
      p.sendPending = true;
    }
  }

  private void onRejected(int from, AppendRejected<T> r) {
    Progress p = progress.get(from);
    p.recentlyActive = true;
    if (p.rejected(r.rejectedIndex(), r.hintIndex())) {
      p.sendPending = true;
    }
  }

  /** Commits the highest index a majority holds, if the leader may (§5.4.2). */
  private void maybeCommit() {
    long[] matches = new long[others.length + 1];
    matches[0] = storage.lastIndex();
    int i = 1;
    for (Progress p : progress.values()) {
      matches[i++] = p.match;
    }
    Arrays.sort(matches);
    long n = matches[matches.length - majority];
    if (n > storage.commitIndex() && mayCommitByCounting(n)) {
      storage.setCommitIndex(n);
    }
  }

  /**
   * Whether a leader may commit index {@code n} because a majority holds it: only an entry of its own
   * term (§5.4.2, Figure 8); earlier ones are committed with it. A test's broken variant overrides it.
   */
  boolean mayCommitByCounting(long n) {
    return storage.termAt(n) == storage.term();
  }

  // ------------------------------------------------------------------ follower (§5.3, §7)

  /** A message from the current term's leader: follow it, and restart the election timer. */
  private void heardLeader(int from) {
    if (role == Role.LEADER) {
      throw new IllegalStateException("peer " + self + " leads term " + storage.term() + " and got a leader's message"
          + " of the same term from " + from);
    }
    role = Role.FOLLOWER;
    leader = from;
    votes.clear();
    electionElapsed = 0;
  }

  private void onAppendEntries(int from, AppendEntries<T> a) {
    heardLeader(from);
    long term = storage.term();
    long prev = a.prevLogIndex();
    List<Entry<T>> entries = a.entries();
    long commit = storage.commitIndex();
    if (prev < commit) {
      // What is committed here matches every leader's log (§5.4.3): skip it.
      long skip = Math.min(commit - prev, entries.size());
      entries = entries.subList((int) skip, entries.size());
      if (entries.isEmpty()) {
        send(from, new AppendAccepted<>(term, Math.max(commit, prev + a.entries().size())));
        return;
      }
      prev = commit;
    } else if (prev > storage.lastIndex() || storage.termAt(prev) != a.prevLogTerm()) {
      send(from, new AppendRejected<>(term, prev, hint(prev)));
      return;
    }
    long index = prev + 1;
    int k = 0;
    while (k < entries.size() && index <= storage.lastIndex() && storage.termAt(index) == entries.get(k).term()) {
      k++;
      index++;
    }
    if (k < entries.size()) {
      storage.appendFrom(index, entries.subList(k, entries.size())); // truncates a conflicting suffix first
    }
    long lastNew = prev + entries.size();
    long newCommit = Math.min(a.leaderCommit(), lastNew);
    if (newCommit > storage.commitIndex()) {
      storage.setCommitIndex(newCommit);
    }
    send(from, new AppendAccepted<>(term, lastNew));
  }

  /**
   * Where the leader should probe next after a failed check at {@code prev}: our last index when our log
   * is shorter, else just before the first entry of the conflicting term (§5.3), never below the commit index.
   */
  private long hint(long prev) {
    if (prev > storage.lastIndex()) {
      return storage.lastIndex();
    }
    long conflictTerm = storage.termAt(prev);
    long i = prev;
    while (i - 1 > storage.commitIndex() && storage.termAt(i - 1) == conflictTerm) {
      i--;
    }
    return i - 1;
  }

  private void onInstallSnapshot(int from, InstallSnapshot<T> s) {
    heardLeader(from);
    long term = storage.term();
    if (s.lastIncludedIndex() <= storage.commitIndex()) {
      send(from, new AppendAccepted<>(term, storage.commitIndex()));
      return;
    }
    storage.installSnapshot(new Snapshot(s.lastIncludedIndex(), s.data()), s.lastIncludedTerm());
    send(from, new AppendAccepted<>(term, s.lastIncludedIndex()));
  }

  private void send(int to, RaftMessage<T> m) {
    out.add(new Outgoing(to, m));
  }

  // ------------------------------------------------------------------ the log, as the service sees it

  @Override
  public long decidedIndex() {
    return storage.commitIndex();
  }

  @Override
  public List<T> readDecided(long fromIndex, long toIndex) {
    if (fromIndex < storage.snapshotIndex() || toIndex > storage.commitIndex() || fromIndex > toIndex) {
      throw new IllegalArgumentException("read [" + fromIndex + "," + toIndex + ") outside decided ["
          + storage.snapshotIndex() + "," + storage.commitIndex() + ")");
    }
    return storage.entries(fromIndex + 1, toIndex).stream().map(Entry::value).toList();
  }

  @Override
  public long compactedIndex() {
    return storage.snapshotIndex();
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return storage.snapshot();
  }

  @Override
  public void compact(Snapshot snapshot) {
    if (snapshot.index() > storage.commitIndex()) {
      throw new IllegalArgumentException("cannot compact to " + snapshot.index() + ": only " + storage.commitIndex()
          + " entries are decided");
    }
    if (snapshot.index() > storage.snapshotIndex()) {
      storage.installSnapshot(snapshot, storage.termAt(snapshot.index()));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the leader this peer heard in its current term (itself while leading) and that term as
   * {@code (term, 0)}; no leader while it campaigns or has not heard one. A leader cut off in a minority
   * keeps leading until it hears a higher term (or, with CheckQuorum, until its quorum check fails).
   */
  @Override
  public Leadership leadership() {
    if (role == Role.LEADER) {
      return Leadership.leading(self, termOf(storage.term()));
    }
    return leader == -1 ? Leadership.NONE : Leadership.following(leader, termOf(storage.term()));
  }

  /** {@inheritDoc} Here: the current term, in which the vote (if any) was cast, recovered after a restart. */
  @Override
  public Optional<Term> promisedTerm() {
    return Optional.of(termOf(storage.term()));
  }

  /** {@inheritDoc} Here: the current term and the log's length. */
  @Override
  public Optional<AcceptedLog> acceptedLog() {
    return Optional.of(new AcceptedLog(termOf(storage.term()), storage.lastIndex()));
  }

  // ------------------------------------------------------------------ for tests

  Role role() {
    return role;
  }

  long term() {
    return storage.term();
  }

  long lastIndex() {
    return storage.lastIndex();
  }

  /**
   * Describes this peer in one line, for failure messages.
   *
   * @return role, term, vote, log and commit index
   */
  public String describe() {
    return "peer " + self + ": " + role + " term " + storage.term() + " voted " + storage.votedFor() + " leader " + leader
        + " log " + storage.snapshotIndex() + ".." + storage.lastIndex() + " (last term " + storage.lastTerm()
        + ") commit " + storage.commitIndex() + (role == Role.LEADER ? " " + progress : "");
  }
}
