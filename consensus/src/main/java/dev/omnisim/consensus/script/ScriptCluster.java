package dev.omnisim.consensus.script;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.MemoryByteStore;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.Term;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A sans-IO cluster for interaction scripts: peers 1..n of one protocol, each on its own in-memory byte
 * store (which survives {@link #crash} and {@link #restart}), a queue of messages in flight in the order
 * they were sent, and links that are up or cut per direction. Nothing moves unless a command says so: a
 * tick, a delivery. Every command returns the lines it prints: the messages it handled and every change
 * of a peer's leadership or decided index it caused.
 */
public final class ScriptCluster {
  /** Most messages one {@link #run} round may deliver: a livelock ends with a message, not a hang. */
  static final int MAX_DELIVERIES_PER_ROUND = 100_000;

  private final ConsensusPeerFactory<String> factory;
  private final TreeMap<Integer, ConsensusPeer<String>> peers = new TreeMap<>();
  private final TreeMap<Integer, MemoryByteStore> stores = new TreeMap<>();
  private final TreeMap<Integer, Leadership> shownLeadership = new TreeMap<>();
  private final TreeMap<Integer, Long> shownDecided = new TreeMap<>();
  /** Cut directed links, as "from>to". */
  private final TreeSet<String> cut = new TreeSet<>();
  private final List<InFlight> inFlight = new ArrayList<>();
  /** Messages held back by {@link #hold}: delayed, neither delivered nor lost, until {@link #release}. */
  private final List<InFlight> held = new ArrayList<>();
  private List<Integer> ids = List.of();
  private ConsensusOptions options = ConsensusOptions.DEFAULTS;

  /** The options the peers were started with. */
  ConsensusOptions options() {
    return options;
  }

  /** A message sent and not yet delivered or dropped. */
  record InFlight(int from, int to, Object message) {
    String name() {
      return message.getClass().getSimpleName();
    }

    @Override
    public String toString() {
      return from + "->" + to + " " + name();
    }
  }

  /** A cluster whose peers {@code factory} builds, with entries that are strings. */
  public ScriptCluster(ConsensusPeerFactory<String> factory) {
    this.factory = factory;
  }

  /** Starts peers 1..n with {@code options}. */
  List<String> addPeers(int n, ConsensusOptions peerOptions) {
    if (!peers.isEmpty()) {
      throw new IllegalArgumentException("add-peers: the cluster already has peers " + ids);
    }
    if (n < 1 || n > 64) {
      throw new IllegalArgumentException("add-peers: n must be within [1, 64], was " + n);
    }
    this.options = peerOptions;
    List<Integer> all = new ArrayList<>();
    for (int id = 1; id <= n; id++) {
      all.add(id);
    }
    this.ids = List.copyOf(all);
    for (int id : ids) {
      stores.put(id, new MemoryByteStore());
      start(id);
    }
    List<String> out = new ArrayList<>();
    out.add("peers " + ids + ", election timeout " + options.electionTimeoutTicks() + " ticks");
    changes(out, "");
    return out;
  }

  private void start(int id) {
    peers.put(id, factory.create(new PeerSetup<>(id, ids, options, stores.get(id), EntryCodec.UTF8_STRING,
        new SeededStream(id))));
    shownLeadership.put(id, Leadership.NONE);
    shownDecided.put(id, 0L);
  }

  /** The running peer {@code id}. */
  public ConsensusPeer<String> peer(int id) {
    ConsensusPeer<String> p = peers.get(id);
    if (p == null) {
      throw new IllegalArgumentException("no running peer " + id + " (peers " + ids + ", down ones crashed)");
    }
    return p;
  }

  /** Ticks {@code who} (every running peer when null) {@code times} times; messages stay in flight. */
  List<String> tick(Integer who, int times) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < times; t++) {
      for (int id : who == null ? List.copyOf(peers.keySet()) : List.of(who)) {
        peer(id).tick();
        collect(id);
      }
    }
    changes(out, "");
    return out;
  }

  /**
   * Runs {@code rounds} rounds of: tick every running peer once, then deliver every message in flight,
   * and the messages they cause, until none is left (messages on cut links are lost).
   */
  List<String> run(int rounds) {
    List<String> out = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      for (int id : List.copyOf(peers.keySet())) {
        peer(id).tick();
        collect(id);
      }
      int delivered = 0;
      while (!inFlight.isEmpty()) {
        if (++delivered > MAX_DELIVERIES_PER_ROUND) {
          throw new IllegalStateException("run: round " + r + " delivered " + MAX_DELIVERIES_PER_ROUND
              + " messages without running out: a message storm");
        }
        InFlight m = inFlight.remove(0);
        if (reachable(m)) {
          peer(m.to()).receive(m.from(), m.message());
          collect(m.to());
        }
      }
      changes(out, "round " + r + ": ");
    }
    return out;
  }

  /** Delivers (or, with {@code deliver} false, drops) the messages in flight now that {@code filter} accepts. */
  List<String> deliver(Predicate<InFlight> filter, boolean deliver, boolean verbose) {
    List<String> out = new ArrayList<>();
    List<InFlight> chosen = inFlight.stream().filter(filter).toList();
    for (InFlight m : chosen) {
      inFlight.remove(m);
      String shown = verbose ? m + " " + m.message() : m.toString();
      if (!deliver) {
        out.add("dropped " + shown);
      } else if (!reachable(m)) {
        out.add(shown + " lost (link cut)");
      } else {
        out.add(shown);
        peer(m.to()).receive(m.from(), m.message());
        collect(m.to());
        changes(out, "  ");
      }
    }
    if (chosen.isEmpty()) {
      out.add("no such message in flight");
    }
    return out;
  }

  /** Holds back the messages in flight that {@code filter} accepts: a message delayed across ballots. */
  List<String> hold(Predicate<InFlight> filter) {
    List<InFlight> chosen = inFlight.stream().filter(filter).toList();
    inFlight.removeAll(chosen);
    held.addAll(chosen);
    return chosen.isEmpty() ? List.of("no such message in flight")
        : chosen.stream().map(m -> "held " + m).toList();
  }

  /** Puts every held message back in flight, after the others. */
  List<String> release() {
    List<String> out = held.stream().map(m -> "released " + m).toList();
    inFlight.addAll(held);
    held.clear();
    return out.isEmpty() ? List.of("nothing held") : out;
  }

  /** Proposes {@code value} at {@code id}. */
  List<String> propose(int id, String value) {
    List<String> out = new ArrayList<>();
    out.add(id + ": " + peer(id).propose(value));
    collect(id);
    changes(out, "");
    return out;
  }

  /** The messages in flight that {@code filter} accepts. */
  List<String> messages(Predicate<InFlight> filter, boolean verbose) {
    List<String> out = new ArrayList<>();
    for (InFlight m : inFlight) {
      if (filter.test(m)) {
        out.add(verbose ? m + " " + m.message() : m.toString());
      }
    }
    return out.isEmpty() ? List.of("none") : out;
  }

  /**
   * What the contract shows of each peer ({@code id} only, when given), leaderless ones included: its
   * leadership, the term it promised, its log's length and the term it accepted it in, and its decided
   * index. What a protocol does not report is "not reported".
   */
  List<String> state(Integer id) {
    List<String> out = new ArrayList<>();
    for (int i : id == null ? ids : List.of(requirePeer(id))) {
      ConsensusPeer<String> p = peers.get(i);
      if (p == null) {
        out.add(i + ": down");
        continue;
      }
      String promised = p.promisedTerm().map(Term::toString).orElse("not reported");
      String log = p.acceptedLog().map(a -> a.length() + ", accepted in term " + a.term()).orElse("not reported");
      out.add(i + ": " + p.leadership() + "; promised term " + promised + "; log " + log + "; decided " + p.decidedIndex());
    }
    return out;
  }

  /**
   * Ticks peer {@code id} alone, messages staying in flight, until it campaigns: until the term it
   * promised or its leadership changes (a Raft candidate votes for itself in a new term; an OmniPaxos
   * server takes over). At most {@code maxTicks} ticks.
   */
  List<String> campaign(int id, int maxTicks) {
    ConsensusPeer<String> p = peer(id);
    Optional<Term> promised = p.promisedTerm();
    Leadership leadership = p.leadership();
    List<String> out = new ArrayList<>();
    for (int t = 1; t <= maxTicks; t++) {
      p.tick();
      collect(id);
      if (!p.promisedTerm().equals(promised) || !p.leadership().equals(leadership)) {
        out.add(id + ": campaigned after " + t + " tick(s)");
        changes(out, "");
        return out;
      }
    }
    out.add(id + ": no campaign within " + maxTicks + " tick(s)");
    changes(out, "");
    return out;
  }

  /** Each peer's leadership, decided index and decided entries. */
  List<String> status() {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      ConsensusPeer<String> p = peers.get(id);
      if (p == null) {
        out.add(id + ": down");
        continue;
      }
      long decided = p.decidedIndex();
      long from = Math.max(p.compactedIndex(), 0);
      out.add(id + ": " + p.leadership() + "; decided " + decided + " " + p.readDecided(from, decided));
    }
    return out;
  }

  /** Cuts {@code a}-{@code b} both ways ({@code oneWay}: only from a to b). */
  List<String> cut(int a, int b, boolean oneWay) {
    requirePeer(a);
    requirePeer(b);
    cut.add(a + ">" + b);
    if (!oneWay) {
      cut.add(b + ">" + a);
    }
    return List.of("ok");
  }

  /** Every link up again. */
  List<String> heal() {
    cut.clear();
    return List.of("ok");
  }

  /** Only the links listed as "a-b" are up (both ways); every other link between peers is cut. */
  List<String> topology(List<String> links) {
    TreeSet<String> up = new TreeSet<>();
    for (String link : links) {
      String[] ab = link.split("-", -1);
      if (ab.length != 2) {
        throw new IllegalArgumentException("topology: links are written a-b, was '" + link + "'");
      }
      int a = requirePeer(Integer.parseInt(ab[0]));
      int b = requirePeer(Integer.parseInt(ab[1]));
      up.add(a + ">" + b);
      up.add(b + ">" + a);
    }
    cut.clear();
    for (int a : ids) {
      for (int b : ids) {
        if (a != b && !up.contains(a + ">" + b)) {
          cut.add(a + ">" + b);
        }
      }
    }
    return List.of("ok");
  }

  /** Crashes {@code id}: its memory and the messages to and from it in flight are gone; its store stays. */
  List<String> crash(int id) {
    peer(id);
    peers.remove(id);
    inFlight.removeIf(m -> m.to() == id || m.from() == id);
    held.removeIf(m -> m.to() == id);
    return List.of(id + ": down");
  }

  /** Restarts {@code id} from its byte store. */
  List<String> restart(int id) {
    requirePeer(id);
    if (peers.containsKey(id)) {
      throw new IllegalArgumentException("restart: peer " + id + " is running");
    }
    start(id);
    List<String> out = new ArrayList<>();
    out.add(id + ": up");
    changes(out, "");
    return out;
  }

  private int requirePeer(int id) {
    if (!ids.contains(id)) {
      throw new IllegalArgumentException("no peer " + id + " (peers " + ids + ")");
    }
    return id;
  }

  private boolean reachable(InFlight m) {
    return peers.containsKey(m.to()) && !cut.contains(m.from() + ">" + m.to());
  }

  private void collect(int id) {
    for (Outgoing o : peer(id).drainOutgoing()) {
      inFlight.add(new InFlight(id, o.to(), o.message()));
    }
  }

  /** Appends a line per peer whose leadership or decided index changed since last shown. */
  private void changes(List<String> out, String prefix) {
    for (Iterator<Integer> it = peers.keySet().iterator(); it.hasNext(); ) {
      int id = it.next();
      ConsensusPeer<String> p = peers.get(id);
      Leadership now = p.leadership();
      if (!now.equals(shownLeadership.get(id))) {
        shownLeadership.put(id, now);
        out.add(prefix + id + ": " + now);
      }
      long decided = p.decidedIndex();
      if (decided != shownDecided.get(id)) {
        shownDecided.put(id, decided);
        out.add(prefix + id + ": decided " + decided);
      }
    }
  }

  /**
   * A peer's random stream, seeded by its id (SplitMix64): a script is the same on every run and every
   * JDK. The contract forbids unseeded sources, and this module may use nothing of the simulator's.
   */
  private static final class SeededStream implements RandomGenerator {
    private long state;

    SeededStream(long seed) {
      this.state = seed * 0x9E3779B97F4A7C15L;
    }

    @Override
    public long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
