package dev.omnisim.omnipaxos;

import dev.omnisim.sim.NetworkPreset;

import dev.omnisim.sim.LinkFaults;

import dev.omnisim.sim.fault.FaultTarget;

import dev.omnisim.sim.fault.FaultAction;

import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.EntryCodec;
import static org.junit.jupiter.api.Assertions.fail;

import dev.omnisim.sim.Node;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The test harness, after the MIT lab's config.go: n OmniPaxos peers, each hosted on a simulated
 * node with a 10 ms tick timer and its storage on the node's disk, in virtual time, deterministic
 * by seed. After every step of every peer it checks safety: no two peers decide different entries
 * at one index, a peer's decided prefix only grows, no two peers lead with the same ballot, every
 * decided entry was proposed.
 */
final class Cluster {

  static final long TICK_MICROS = 10_000;
  static final long MILLIS = 1_000;
  static final long SECONDS = 1_000_000;
  static final ConsensusOptions OPTIONS = ConsensusOptions.DEFAULTS;
  static final long ELECTION_TIMEOUT_MICROS = OPTIONS.electionTimeoutTicks() * TICK_MICROS;

  final Simulation sim;
  final int n;
  final List<Integer> ids;
  private final ConsensusOptions options;
  private final PeerNode[] nodes;
  /** What each peer decided, as observed after each of its steps (kept across its crashes). */
  private final List<List<String>> observed = new ArrayList<>();
  private final long[] lastDecided;
  /** The union of all decided prefixes: the one true log. */
  private final List<String> committed = new ArrayList<>();
  private final List<Long> commitTimeMicros = new ArrayList<>();
  private final Set<String> proposed = new HashSet<>();
  private final Map<Ballot, Integer> leaderOfBallot = new TreeMap<>();
  private int nextProposer;
  /** Recent protocol messages (not heartbeats), printed when a safety check fails. */
  private final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();
  boolean traceEnabled = Boolean.getBoolean("omnipaxos.trace");

  Cluster(int n, long seed) {
    this(n, seed, OPTIONS);
  }

  Cluster(int n, long seed, ConsensusOptions options) {
    this.sim = new Simulation(seed);
    this.n = n;
    this.options = options;
    this.ids = IntStream.range(0, n).boxed().toList();
    this.nodes = new PeerNode[n];
    this.lastDecided = new long[n];
    for (int i = 0; i < n; i++) {
      observed.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      sim.addNode(i, PeerNode::new);
    }
  }

  /** One simulated node hosting one peer. */
  private final class PeerNode implements Node {
    final NodeContext ctx;
    OmniPaxos<String> peer;

    PeerNode(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {
      int id = ctx.id();
      Storage<String> storage = PersistentStorage.open(new DiskByteStore(ctx.disk()), EntryCodec.UTF8_STRING);
      peer = new OmniPaxos<>(id, ids, options, storage);
      nodes[id] = this;
      lastDecided[id] = 0;
      observe(id, peer);
      // Peers are added one by one and may not send to peers not yet added: the first tick sends.
      scheduleTick();
    }

    private void scheduleTick() {
      ctx.setTimer(TICK_MICROS, "tick", () -> {
        peer.tick();
        pump();
        scheduleTick();
      });
    }

    @Override
    public void onMessage(int from, Object message) {
      if (traceEnabled && !(message instanceof Message.HeartbeatRequest<?>) && !(message instanceof Message.HeartbeatReply<?>)) {
        trace.addLast(sim.now() / MILLIS + "ms " + from + "->" + ctx.id() + " " + message);
        if (trace.size() > 4000) {
          trace.removeFirst();
        }
      }
      peer.receive(from, message);
      pump();
    }

    void pump() {
      for (Outgoing o : peer.drainOutgoing()) {
        ctx.send(o.to(), o.message());
      }
      observe(ctx.id(), peer);
    }
  }

  // ------------------------------------------------------------------ safety

  private void observe(int id, OmniPaxos<String> p) {
    long d = p.decidedIndex();
    if (d < lastDecided[id]) {
      fail("peer " + id + " decided index shrank from " + lastDecided[id] + " to " + d);
    }
    lastDecided[id] = d;
    List<String> mine = observed.get(id);
    if (p.compactedIndex() > mine.size()) {
      List<String> snap = decodeSnapshot(p.snapshot().orElseThrow());
      for (int i = 0; i < snap.size(); i++) {
        check(id, i, snap.get(i), mine);
      }
    }
    if (d > mine.size()) {
      List<String> fresh = p.readDecided(mine.size(), d);
      for (String v : fresh) {
        check(id, mine.size(), v, mine);
      }
    }
    if (p.isLeader()) {
      Integer prev = leaderOfBallot.putIfAbsent(p.leaderBallot(), id);
      if (prev != null && prev != id) {
        fail("peers " + prev + " and " + id + " both lead with " + p.leaderBallot());
      }
    }
  }

  private void check(int id, int index, String v, List<String> mine) {
    if (!proposed.contains(v)) {
      fail("peer " + id + " decided " + v + " at " + index + ", which nobody proposed");
    }
    if (index < committed.size()) {
      if (!committed.get(index).equals(v)) {
        if (traceEnabled) {
          trace.forEach(System.err::println);
          System.err.println(describe());
        }
        fail("peer " + id + " decided " + v + " at " + index + " but " + committed.get(index) + " was decided there");
      }
    } else if (index == committed.size()) {
      committed.add(v);
      commitTimeMicros.add(sim.now());
    } else {
      fail("peer " + id + " decided index " + index + " beyond the known log " + committed.size());
    }
    if (index == mine.size()) {
      mine.add(v);
    } else if (index > mine.size()) {
      fail("peer " + id + " skipped to " + index);
    }
  }

  static Snapshot encodeSnapshot(List<String> entries) {
    return new Snapshot(entries.size(), String.join("\n", entries).getBytes(StandardCharsets.UTF_8));
  }

  static List<String> decodeSnapshot(Snapshot s) {
    if (s.index() == 0) {
      return List.of();
    }
    List<String> l = Arrays.asList(new String(s.data(), StandardCharsets.UTF_8).split("\n", -1));
    if (l.size() != s.index()) {
      throw new AssertionError("snapshot of " + s.index() + " holds " + l.size() + " entries");
    }
    return l;
  }

  // ------------------------------------------------------------------ peers

  OmniPaxos<String> peer(int id) {
    PeerNode node = nodes[id];
    return sim.isUp(id) && node != null ? node.peer : null;
  }

  List<String> committed() {
    return List.copyOf(committed);
  }

  List<String> decidedBy(int id) {
    return List.copyOf(observed.get(id));
  }

  /** The virtual time at which entry {@code index} was first decided by some peer. */
  long commitTimeMicros(int index) {
    return commitTimeMicros.get(index);
  }

  /** Proposes {@code cmd} at peer {@code id}, as a client of that peer would. */
  ProposeResult propose(int id, String cmd) {
    OmniPaxos<String> p = peer(id);
    if (p == null) {
      throw new IllegalStateException("peer " + id + " is down");
    }
    proposed.add(cmd);
    ProposeResult r = p.propose(cmd);
    nodes[id].pump();
    return r;
  }

  /** Proposes directly through the peer, bypassing the node's pump: for compaction tests. */
  void compact(int id, int upTo) {
    OmniPaxos<String> p = peer(id);
    p.compact(encodeSnapshot(decidedBy(id).subList(0, upTo)));
    nodes[id].pump();
  }

  // ------------------------------------------------------------------ faults

  void crash(int id) {
    sim.crash(id);
  }

  void restart(int id) {
    sim.restart(id);
  }

  void disconnect(int id) {
    sim.network().disconnect(id);
  }

  void connect(int id) {
    sim.network().connect(id);
  }

  boolean connected(int id) {
    return sim.network().isConnected(id);
  }

  void runFor(long micros) {
    sim.runFor(micros);
  }

  /**
   * The peers as the target of the fault vocabulary ({@link FaultAction}: the paper's figure 5 shapes,
   * crashes, one-way cuts, ...), the same actions the key-value scenarios and the fuzzer use. The
   * leader is the newest-ballot connected leader; a heal restores the reliable preset.
   */
  FaultTarget faults() {
    return new FaultTarget() {
      @Override
      public Simulation sim() {
        return sim;
      }

      @Override
      public int servers() {
        return n;
      }

      @Override
      public OptionalInt leader() {
        TreeMap<Ballot, Integer> l = leaders();
        return l.isEmpty() ? OptionalInt.empty() : OptionalInt.of(l.lastEntry().getValue());
      }

      @Override
      public NetworkPreset preset() {
        return NetworkPreset.RELIABLE;
      }

      @Override
      public LinkFaults baselineFaults() {
        return NetworkPreset.RELIABLE.faults();
      }
    };
  }

  // ------------------------------------------------------------------ lab checks

  /** The ids of up, connected peers that lead, by ballot; fails if two share one. */
  private TreeMap<Ballot, Integer> leaders() {
    TreeMap<Ballot, Integer> byBallot = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      OmniPaxos<String> p = peer(i);
      if (p != null && connected(i) && p.isLeader()) {
        Integer other = byBallot.put(p.leaderBallot(), i);
        if (other != null) {
          fail("ballot " + p.leaderBallot() + " has two leaders: " + other + " and " + i);
        }
      }
    }
    return byBallot;
  }

  /** The lab's checkOneLeader: within about 5 s some connected peer leads; returns the newest. */
  int checkOneLeader() {
    for (int iter = 0; iter < 10; iter++) {
      sim.runFor(500 * MILLIS);
      TreeMap<Ballot, Integer> l = leaders();
      if (!l.isEmpty()) {
        return l.lastEntry().getValue();
      }
    }
    return fail("expected one leader, got none; " + describe());
  }

  /** Waits until some connected peer leads (at most {@code timeoutMicros}); returns it. */
  int awaitLeader(long timeoutMicros) {
    if (!sim.runUntil(() -> !leaders().isEmpty(), timeoutMicros)) {
      fail("no leader within " + timeoutMicros / MILLIS + " ms; " + describe());
    }
    return leaders().lastEntry().getValue();
  }

  /** The lab's checkNoLeader: no connected peer leads. */
  void checkNoLeader() {
    TreeMap<Ballot, Integer> l = leaders();
    if (!l.isEmpty()) {
      fail("expected no leader among connected peers, but " + l + " lead");
    }
  }

  /** How many peers decided index {@code index} (crashed ones count with what they decided before). */
  int nCommitted(int index) {
    int c = 0;
    for (List<String> l : observed) {
      if (l.size() > index) {
        c++;
      }
    }
    return c;
  }

  /** Waits up to {@code timeoutMicros} until {@code count} peers decided {@code cmd} at some index. */
  boolean awaitCommitted(String cmd, int count, long timeoutMicros) {
    return sim.runUntil(() -> {
      int idx = committed.indexOf(cmd);
      return idx >= 0 && nCommitted(idx) >= count;
    }, timeoutMicros);
  }

  /**
   * The lab's one(): proposes {@code cmd} at a leader, retrying for 10 s, until {@code expected}
   * peers decided it; returns its index.
   */
  int one(String cmd, int expected, boolean retry) {
    long t0 = sim.now();
    while (sim.now() - t0 < 10 * SECONDS) {
      long index = -1;
      for (int k = 0; k < n; k++) {
        int s = nextProposer;
        nextProposer = (nextProposer + 1) % n;
        OmniPaxos<String> p = peer(s);
        if (p != null && connected(s) && p.isLeader()) {
          if (propose(s, cmd) instanceof ProposeResult.Appended a) {
            index = a.index();
            break;
          }
        }
      }
      if (index >= 0) {
        long t1 = sim.now();
        while (sim.now() - t1 < 2 * SECONDS) {
          int idx = committed.indexOf(cmd);
          if (idx >= 0 && nCommitted(idx) >= expected) {
            return idx;
          }
          sim.runFor(20 * MILLIS);
        }
        if (!retry) {
          fail("one(" + cmd + ") failed to reach agreement of " + expected);
        }
      } else {
        sim.runFor(50 * MILLIS);
      }
    }
    return fail("one(" + cmd + ") failed to reach agreement of " + expected + " in 10 s; " + describe());
  }

  /** The ballot of the leader peer {@code id} follows. */
  Ballot leaderBallotOf(int id) {
    return peer(id).leaderBallot();
  }

  OptionalInt leaderOf(int id) {
    return peer(id).leader();
  }

  /** One line per peer describing its state, for failure messages. */
  String describe() {
    StringBuilder b = new StringBuilder("at " + sim.now() / MILLIS + " ms, " + sim.eventsPending() + " events pending, " + sim.eventsRun() + " run:");
    for (int i = 0; i < n; i++) {
      OmniPaxos<String> p = peer(i);
      b.append("\n  ").append(p == null ? "peer " + i + " down" : p.describe());
    }
    return b.toString();
  }

  long messagesSent() {
    return sim.counters().messagesSent();
  }
}
