package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import dev.omnisim.sim.Node;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A test harness after the MIT lab's config.go: n Raft peers, each hosted on a simulated node with a
 * 10 ms tick and its storage on the node's disk, in virtual time, deterministic by seed. After every step
 * of every peer it checks safety and throws {@link SafetyViolation} naming what broke: agreement (no two
 * peers decide different entries at an index), the decided prefix never goes back (across restarts too),
 * at most one leader per term, every decided entry was proposed, a vote survives a restart, and a peer
 * keeps the entries it acknowledged in a term.
 */
final class RaftCluster {

  static final long TICK_MICROS = 10_000;
  static final long MILLIS = 1_000;
  static final long SECONDS = 1_000_000;

  /** A broken safety property, named. */
  static final class SafetyViolation extends AssertionError {
    final String property;

    SafetyViolation(String property, String detail) {
      super(property + ": " + detail);
      this.property = property;
    }
  }

  final Simulation sim;
  final int n;
  private final List<Integer> ids;
  private final ConsensusOptions options;
  private final ConsensusPeerFactory<String> factory;
  private final PeerNode[] nodes;
  private final List<List<String>> observed = new ArrayList<>();
  private final long[] lastDecided;
  private final List<String> committed = new ArrayList<>();
  private final TreeSet<String> proposed = new TreeSet<>();
  private final TreeMap<Term, Integer> leaderOfTerm = new TreeMap<>();
  private final Term[] votedIn;
  private final Term[] acknowledgedTerm;
  private final long[] acknowledgedLength;
  private int nextProposer;

  RaftCluster(int n, long seed, ConsensusPeerFactory<String> factory) {
    this(n, seed, factory, ConsensusOptions.DEFAULTS);
  }

  RaftCluster(int n, long seed, ConsensusPeerFactory<String> factory, ConsensusOptions options) {
    this.sim = new Simulation(seed);
    this.n = n;
    this.options = options;
    this.factory = factory;
    this.ids = IntStream.range(0, n).boxed().toList();
    this.nodes = new PeerNode[n];
    this.lastDecided = new long[n];
    this.votedIn = new Term[n];
    this.acknowledgedTerm = new Term[n];
    this.acknowledgedLength = new long[n];
    Arrays.fill(votedIn, Term.NONE);
    Arrays.fill(acknowledgedTerm, Term.NONE);
    for (int i = 0; i < n; i++) {
      observed.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      sim.addNode(i, PeerNode::new);
    }
  }

  private final class PeerNode implements Node {
    final NodeContext ctx;
    ConsensusPeer<String> peer;

    PeerNode(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {
      int id = ctx.id();
      peer = factory.create(new PeerSetup<>(id, ids, options, new DiskByteStore(ctx.disk()), EntryCodec.UTF8_STRING,
          ctx.random()));
      nodes[id] = this;
      Term promised = peer.promisedTerm().orElseThrow();
      if (votedIn[id].isAbove(promised)) {
        throw new SafetyViolation("vote survives a restart", "peer " + id + " voted in term " + votedIn[id]
            + " but came back in term " + promised);
      }
      observe(id, peer);
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
      peer.receive(from, message);
      pump();
    }

    void pump() {
      for (Outgoing o : peer.drainOutgoing()) {
        int id = ctx.id();
        if (o.message() instanceof RaftMessage.VoteGranted<?> v && v.promisedTerm().isAbove(votedIn[id])) {
          votedIn[id] = v.promisedTerm();
        }
        if (o.message() instanceof RaftMessage.AppendAccepted<?> a) {
          if (a.acceptedTerm().isAbove(acknowledgedTerm[id])) {
            acknowledgedTerm[id] = a.acceptedTerm();
            acknowledgedLength[id] = a.acceptedLength();
          } else if (a.acceptedTerm().equals(acknowledgedTerm[id])) {
            acknowledgedLength[id] = Math.max(acknowledgedLength[id], a.acceptedLength());
          }
        }
        ctx.send(o.to(), o.message());
      }
      observe(ctx.id(), peer);
    }
  }

  // ------------------------------------------------------------------ safety

  private void observe(int id, ConsensusPeer<String> p) {
    long d = p.decidedIndex();
    if (d < lastDecided[id]) {
      throw new SafetyViolation("decided prefix never changes", "peer " + id + " decided index went back from "
          + lastDecided[id] + " to " + d);
    }
    lastDecided[id] = d;
    List<String> mine = observed.get(id);
    if (p.compactedIndex() > mine.size()) {
      List<String> snap = decodeSnapshot(p.snapshot().orElseThrow());
      for (int i = mine.size(); i < snap.size(); i++) {
        check(id, i, snap.get(i), mine);
      }
    }
    if (d > mine.size()) {
      for (String v : p.readDecided(mine.size(), d)) {
        check(id, mine.size(), v, mine);
      }
    }
    if (p.leadership().leading()) {
      Integer prev = leaderOfTerm.putIfAbsent(p.leadership().term(), id);
      if (prev != null && prev != id) {
        throw new SafetyViolation("one leader per term", "peers " + prev + " and " + id + " both lead in term "
            + p.leadership().term());
      }
    }
    AcceptedLog held = p.acceptedLog().orElseThrow();
    if (acknowledgedTerm[id].isAbove(held.term())
        || (acknowledgedTerm[id].equals(held.term()) && held.length() < acknowledgedLength[id])) {
      throw new SafetyViolation("acknowledged entries kept", "peer " + id + " acknowledged " + acknowledgedLength[id]
          + " entries in term " + acknowledgedTerm[id] + " but holds " + held);
    }
  }

  private void check(int id, int index, String v, List<String> mine) {
    if (!proposed.contains(v)) {
      throw new SafetyViolation("only proposed entries are decided", "peer " + id + " decided " + v + " at " + index);
    }
    if (index < committed.size()) {
      if (!committed.get(index).equals(v)) {
        throw new SafetyViolation("agreement", "peer " + id + " decided " + v + " at " + index + " but "
            + committed.get(index) + " was decided there");
      }
    } else if (index == committed.size()) {
      committed.add(v);
    } else {
      throw new SafetyViolation("agreement", "peer " + id + " decided index " + index + " beyond the known log "
          + committed.size());
    }
    if (index == mine.size()) {
      mine.add(v);
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

  // ------------------------------------------------------------------ peers and faults

  ConsensusPeer<String> peer(int id) {
    PeerNode node = nodes[id];
    return sim.isUp(id) && node != null ? node.peer : null;
  }

  List<String> committed() {
    return List.copyOf(committed);
  }

  ProposeResult propose(int id, String cmd) {
    ConsensusPeer<String> p = peer(id);
    proposed.add(cmd);
    ProposeResult r = p.propose(cmd);
    nodes[id].pump();
    return r;
  }

  /** The service at {@code id} snapshots everything it decided and trims its log. */
  void compact(int id) {
    ConsensusPeer<String> p = peer(id);
    if (p != null && p.decidedIndex() > p.compactedIndex()) {
      p.compact(encodeSnapshot(observed.get(id).subList(0, (int) p.decidedIndex())));
      nodes[id].pump();
    }
  }

  void crash(int id) {
    sim.crash(id);
  }

  void restart(int id) {
    sim.restart(id);
  }

  void runFor(long micros) {
    sim.runFor(micros);
  }

  private TreeMap<Term, Integer> leaders() {
    TreeMap<Term, Integer> byTerm = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ConsensusPeer<String> p = peer(i);
      if (p != null && sim.network().isConnected(i) && p.isLeader()) {
        byTerm.put(p.leadership().term(), i);
      }
    }
    return byTerm;
  }

  /** Waits until some connected peer leads (at most {@code timeoutMicros}); returns the newest. */
  int awaitLeader(long timeoutMicros) {
    if (!sim.runUntil(() -> !leaders().isEmpty(), timeoutMicros)) {
      throw new AssertionError("no leader within " + timeoutMicros / MILLIS + " ms; " + describe());
    }
    return leaders().lastEntry().getValue();
  }

  private int nCommitted(int index) {
    int c = 0;
    for (List<String> l : observed) {
      if (l.size() > index) {
        c++;
      }
    }
    return c;
  }

  /** The lab's one(): proposes at a leader, retrying for 10 s, until {@code expected} peers decided it. */
  int one(String cmd, int expected) {
    long t0 = sim.now();
    while (sim.now() - t0 < 10 * SECONDS) {
      boolean appended = false;
      for (int k = 0; k < n && !appended; k++) {
        int s = nextProposer;
        nextProposer = (nextProposer + 1) % n;
        ConsensusPeer<String> p = peer(s);
        if (p != null && sim.network().isConnected(s) && p.isLeader()) {
          appended = propose(s, cmd) instanceof ProposeResult.Appended;
        }
      }
      if (appended) {
        long t1 = sim.now();
        while (sim.now() - t1 < 2 * SECONDS) {
          int idx = committed.indexOf(cmd);
          if (idx >= 0 && nCommitted(idx) >= expected) {
            return idx;
          }
          sim.runFor(20 * MILLIS);
        }
      } else {
        sim.runFor(50 * MILLIS);
      }
    }
    throw new AssertionError("one(" + cmd + ") failed to reach agreement of " + expected + " in 10 s; " + describe());
  }

  String describe() {
    StringBuilder b = new StringBuilder("at " + sim.now() / MILLIS + " ms:");
    for (int i = 0; i < n; i++) {
      ConsensusPeer<String> p = peer(i);
      b.append("\n  ").append(p == null ? "peer " + i + " down" : p instanceof Raft<String> r ? r.describe() : p);
    }
    return b.toString();
  }
}
