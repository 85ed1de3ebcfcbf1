package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import dev.omnisim.sim.Disk;
import dev.omnisim.sim.Node;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.Simulation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A test harness for any consensus peer on the simulator (the baselines' counterpart of omnipaxos'
 * {@code Cluster}): n peers, each on a simulated node with a 10 ms tick and its state on the node's
 * disk, deterministic by seed. After every step of every peer it checks safety and throws {@link
 * SafetyViolation} naming the first breach: no two peers decide different entries at one index, a
 * peer's decided prefix never changes and its decided index never shrinks (across restarts too), no
 * two peers lead in one term, every decided entry was proposed.
 */
public final class PeerCluster {
  public static final long TICK_MICROS = 10_000;
  public static final long MILLIS = 1_000;
  public static final long SECONDS = 1_000_000;

  /** A safety check failed. */
  public static final class SafetyViolation extends RuntimeException {
    SafetyViolation(String message) {
      super(message);
    }
  }

  public final Simulation sim;
  public final int n;
  private final List<Integer> ids;
  private final ConsensusPeerFactory<String> factory;
  private final Host[] hosts;
  private final List<List<String>> observed = new ArrayList<>();
  private final long[] lastDecided;
  private final List<String> committed = new ArrayList<>();
  private final Set<String> proposed = new HashSet<>();
  private final TreeMap<Term, Integer> leaderOfTerm = new TreeMap<>();
  /** Prints every message but heartbeats delivered from this virtual time on (debugging); -1: never. */
  public long traceAfterMicros = -1;

  public PeerCluster(int n, long seed, ConsensusPeerFactory<String> factory) {
    this.sim = new Simulation(seed);
    this.n = n;
    this.factory = factory;
    this.ids = IntStream.range(0, n).boxed().toList();
    this.hosts = new Host[n];
    this.lastDecided = new long[n];
    for (int i = 0; i < n; i++) {
      observed.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      sim.addNode(i, Host::new);
    }
  }

  private final class Host implements Node {
    final NodeContext ctx;
    ConsensusPeer<String> peer;

    Host(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void start() {
      int id = ctx.id();
      peer = factory.create(new PeerSetup<>(id, ids, ConsensusOptions.DEFAULTS, new DiskStore(ctx.disk()),
          EntryCodec.UTF8_STRING, ctx.random()));
      hosts[id] = this;
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
      if (traceAfterMicros >= 0 && sim.now() >= traceAfterMicros && !message.getClass().getSimpleName().startsWith("Heartbeat")) {
        System.err.println(sim.now() / MILLIS + "ms " + from + "->" + ctx.id() + " " + message);
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

  /** The simulator's disk as a byte store. */
  private record DiskStore(Disk disk) implements ByteStore {
    @Override
    public byte[] read(String name) {
      return disk.read(name);
    }

    @Override
    public void write(String name, byte[] bytes) {
      disk.write(name, bytes);
    }

    @Override
    public void append(String name, byte[] bytes) {
      disk.append(name, bytes);
    }

    @Override
    public void sync() {
      disk.sync();
    }

    @Override
    public boolean exists(String name) {
      return disk.exists(name);
    }

    @Override
    public void delete(String name) {
      disk.delete(name);
    }
  }

  private void observe(int id, ConsensusPeer<String> p) {
    long d = p.decidedIndex();
    if (d < lastDecided[id]) {
      violation("peer " + id + " decided index shrank from " + lastDecided[id] + " to " + d);
    }
    lastDecided[id] = d;
    List<String> mine = observed.get(id);
    if (p.compactedIndex() > mine.size()) {
      List<String> snap = decodeSnapshot(p.snapshot().orElseThrow());
      for (int i = mine.size(); i < snap.size(); i++) {
        check(id, i, snap.get(i), mine);
      }
      for (int i = 0; i < mine.size(); i++) {
        if (!mine.get(i).equals(snap.get(i))) {
          violation("peer " + id + "'s snapshot changes its decided entry " + i);
        }
      }
    }
    if (d > mine.size()) {
      for (String v : p.readDecided(mine.size(), d)) {
        check(id, mine.size(), v, mine);
      }
    }
    if (p.leadership().leading()) {
      Term t = p.leadership().term();
      Integer prev = leaderOfTerm.putIfAbsent(t, id);
      if (prev != null && prev != id) {
        violation("peers " + prev + " and " + id + " both lead in term " + t);
      }
    }
  }

  private void check(int id, int index, String v, List<String> mine) {
    if (!proposed.contains(v)) {
      violation("peer " + id + " decided " + v + " at " + index + ", which nobody proposed");
    }
    if (index < committed.size()) {
      if (!committed.get(index).equals(v)) {
        violation("peer " + id + " decided " + v + " at " + index + " but " + committed.get(index) + " was decided there");
      }
    } else if (index == committed.size()) {
      committed.add(v);
    } else {
      violation("peer " + id + " decided index " + index + " beyond the known log " + committed.size());
    }
    mine.add(v);
  }

  private void violation(String what) {
    throw new SafetyViolation("at " + sim.now() / MILLIS + " ms: " + what + "\n" + describe());
  }

  static Snapshot encodeSnapshot(List<String> entries) {
    return new Snapshot(entries.size(), String.join("\n", entries).getBytes(StandardCharsets.UTF_8));
  }

  static List<String> decodeSnapshot(Snapshot s) {
    if (s.index() == 0) {
      return List.of();
    }
    return Arrays.asList(new String(s.data(), StandardCharsets.UTF_8).split("\n", -1));
  }

  /** Peer {@code id}, or null while it is down. */
  public ConsensusPeer<String> peer(int id) {
    Host h = hosts[id];
    return sim.isUp(id) && h != null ? h.peer : null;
  }

  /** Every entry some peer decided, in log order. */
  public List<String> committed() {
    return List.copyOf(committed);
  }

  /** Proposes {@code cmd} at peer {@code id} (if it is up), as a client of that peer would. */
  public ProposeResult propose(int id, String cmd) {
    ConsensusPeer<String> p = peer(id);
    if (p == null) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    proposed.add(cmd);
    ProposeResult r = p.propose(cmd);
    hosts[id].pump();
    return r;
  }

  /** The service at {@code id} snapshots and trims everything its peer decided. */
  public void compact(int id) {
    ConsensusPeer<String> p = peer(id);
    if (p != null && p.decidedIndex() > p.compactedIndex()) {
      p.compact(encodeSnapshot(observed.get(id).subList(0, (int) p.decidedIndex())));
      hosts[id].pump();
    }
  }

  /** The up peer that leads in the highest term, or -1. */
  public int leader() {
    Term best = Term.NONE;
    int who = -1;
    for (int i = 0; i < n; i++) {
      ConsensusPeer<String> p = peer(i);
      if (p != null && p.leadership().leading() && p.leadership().term().isAbove(best)) {
        best = p.leadership().term();
        who = i;
      }
    }
    return who;
  }

  /** Waits until some up peer leads; returns it, or -1 after {@code timeoutMicros}. */
  public int awaitLeader(long timeoutMicros) {
    sim.runUntil(() -> leader() >= 0, timeoutMicros);
    return leader();
  }

  /** Proposes {@code cmd} at the leader until {@code count} peers decided it; false after {@code timeoutMicros}. */
  public boolean one(String cmd, int count, long timeoutMicros) {
    long t0 = sim.now();
    while (sim.now() - t0 < timeoutMicros) {
      int l = leader();
      if (l >= 0 && propose(l, cmd) instanceof ProposeResult.Appended) {
        long t1 = sim.now();
        if (sim.runUntil(() -> decidedBy(cmd) >= count, Math.min(2 * SECONDS, timeoutMicros))) {
          return true;
        }
        if (sim.now() - t1 < 0) {
          return false;
        }
      } else {
        sim.runFor(50 * MILLIS);
      }
    }
    return false;
  }

  private int decidedBy(String cmd) {
    int idx = committed.indexOf(cmd);
    if (idx < 0) {
      return 0;
    }
    int c = 0;
    for (List<String> l : observed) {
      if (l.size() > idx) {
        c++;
      }
    }
    return c;
  }

  /** One line per peer. */
  public String describe() {
    StringBuilder b = new StringBuilder("at " + sim.now() / MILLIS + " ms:");
    for (int i = 0; i < n; i++) {
      ConsensusPeer<String> p = peer(i);
      b.append("\n  peer ").append(i).append(": ");
      b.append(p == null ? "down" : p.leadership() + ", decided " + p.decidedIndex()
          + ", promised " + p.promisedTerm().map(Term::toString).orElse("?")
          + ", accepted " + p.acceptedLog().map(Object::toString).orElse("?"));
    }
    return b.toString();
  }
}
