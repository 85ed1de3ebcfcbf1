package dev.omnisim.sim;

import java.util.Arrays;
import java.util.Collection;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated network between nodes. Its whole API:
 *
 * <ul>
 *   <li>Links are directed. A message from a to b gets through only when a and b are both connected
 *       ({@link #disconnect}, {@link #connect}: labrpc's enable) and the link a→b is up ({@link #cut},
 *       {@link #link}, {@link #partition}, {@link #isolate}, {@link #star}, {@link #chain}).
 *   <li>One-way faults: {@link #cutOneWay(int, int)} and {@link #linkOneWay} for one link, {@link
 *       #cutOneWay(java.util.Collection, java.util.Collection)} from a group to a group, {@link
 *       #isolateOutgoing} (a node nobody hears) and {@link #isolateIncoming} (a node that hears nobody).
 *   <li>{@link #heal} puts every link back up. A link that goes down also loses what is in flight on it.
 *   <li>Each link has {@link LinkFaults}: latency, drop and duplication probabilities, FIFO or not,
 *       delay spikes, stale messages (one message held back past later ones). Defaults ({@link
 *       #setDefaultFaults}, {@link #apply(NetworkPreset)}) plus per-link overrides ({@link #setLinkFaults}).
 *   <li>A call to a node it cannot reach fails after a delay drawn from {@link #unreachableFailure()}.
 *   <li>Every drop is counted and traced with its {@link DropReason}, and logged at debug level on
 *       logger {@code dev.omnisim.sim.Network}.
 * </ul>
 *
 * Topology helpers change only the links among the nodes they name, so clients stay connected when a
 * test partitions the servers. Every change is folded into the run's trace.
 */
public final class Network {
  /** Changes so far ({@link #changeCount()}). */
  private long changes;
  static final Logger LOG = LoggerFactory.getLogger(Network.class);

  private final Simulation sim;
  private final DeterministicRandom random;
  private boolean[] known = new boolean[0];
  private boolean[] disconnected = new boolean[0];
  private boolean[][] down = new boolean[0][0];
  /**
   * How often each link and each node went down. A message remembers their sum when it is sent, so a
   * link that goes down loses what is in flight on it even when it is back up before the message
   * would arrive.
   */
  private long[][] linkDowns = new long[0][0];
  private long[] nodeDowns = new long[0];
  private LinkFaults[][] overrides = new LinkFaults[0][0];
  private long[][] lastFifoArrival = new long[0][0];
  private LinkFaults defaults = NetworkPreset.RELIABLE.faults();
  private Latency unreachableFailure = NetworkPreset.RELIABLE.unreachableFailure();

  Network(Simulation sim, DeterministicRandom random) {
    this.sim = sim;
    this.random = random;
  }

  // ---- connectivity --------------------------------------------------------------------------

  /** Disconnects {@code node} from everyone, keeping its link settings for {@link #connect}. */
  public void disconnect(int node) {
    check(node, "disconnect");
    if (!disconnected[node]) {
      nodeDowns[node]++;
    }
    disconnected[node] = true;
    changed("disconnect " + node);
  }

  /** Undoes {@link #disconnect}: the node's links are as they were before. */
  public void connect(int node) {
    check(node, "connect");
    disconnected[node] = false;
    changed("connect " + node);
  }

  /** True when {@code node} is connected (not {@link #disconnect}ed). */
  public boolean isConnected(int node) {
    check(node, "isConnected");
    return !disconnected[node];
  }

  /** Cuts the links a→b and b→a. */
  public void cut(int a, int b) {
    checkPair(a, b, "cut");
    setDown(a, b, true);
    setDown(b, a, true);
    changed("cut " + a + "-" + b);
  }

  /** Cuts only the link from → to: to still reaches from. */
  public void cutOneWay(int from, int to) {
    checkPair(from, to, "cutOneWay");
    setDown(from, to, true);
    changed("cut " + from + "→" + to);
  }

  /**
   * Cuts every link from a node of {@code from} to a node of {@code to} (a one-way partition): the
   * {@code to} group still reaches the {@code from} group. A node named in both groups keeps its own
   * (non-existent) self-link; links to nodes named in neither are unchanged. Undone by {@link #heal}.
   */
  public void cutOneWay(Collection<Integer> from, Collection<Integer> to) {
    int[] senders = members(from, "cutOneWay", "from");
    int[] receivers = members(to, "cutOneWay", "to");
    for (int a : senders) {
      for (int b : receivers) {
        if (a != b) {
          setDown(a, b, true);
        }
      }
    }
    changed("cut " + Arrays.toString(senders) + "→" + Arrays.toString(receivers));
  }

  /**
   * Cuts every link out of {@code node}: it still hears everyone, nobody hears it (a node whose
   * outgoing traffic is blackholed). Undone by {@link #heal}.
   */
  public void isolateOutgoing(int node) {
    check(node, "isolateOutgoing");
    for (int other = 0; other < known.length; other++) {
      if (known[other] && other != node) {
        setDown(node, other, true);
      }
    }
    changed("isolate outgoing " + node);
  }

  /**
   * Cuts every link into {@code node}: everyone still hears it, it hears nobody (a node whose
   * incoming traffic is blackholed). Undone by {@link #heal}.
   */
  public void isolateIncoming(int node) {
    check(node, "isolateIncoming");
    for (int other = 0; other < known.length; other++) {
      if (known[other] && other != node) {
        setDown(other, node, true);
      }
    }
    changed("isolate incoming " + node);
  }

  /** Restores the links a→b and b→a. */
  public void link(int a, int b) {
    checkPair(a, b, "link");
    down[a][b] = false;
    down[b][a] = false;
    changed("link " + a + "-" + b);
  }

  /** Restores only the link from → to. */
  public void linkOneWay(int from, int to) {
    checkPair(from, to, "linkOneWay");
    down[from][to] = false;
    changed("link " + from + "→" + to);
  }

  /** Cuts the links between {@code node} and every other node. */
  public void isolate(int node) {
    check(node, "isolate");
    for (int other = 0; other < known.length; other++) {
      if (known[other] && other != node) {
        setDown(node, other, true);
        setDown(other, node, true);
      }
    }
    changed("isolate " + node);
  }

  /**
   * Splits the named nodes into groups: links within a group up, links between groups down. Links to
   * nodes not named are unchanged. A node may be named once.
   */
  public void partition(int[]... groups) {
    int[] groupOf = new int[known.length];
    Arrays.fill(groupOf, -1);
    StringJoiner text = new StringJoiner(" | ", "partition ", "");
    for (int g = 0; g < groups.length; g++) {
      StringJoiner members = new StringJoiner(",");
      for (int node : groups[g]) {
        check(node, "partition");
        if (groupOf[node] >= 0) {
          throw new IllegalArgumentException("partition: node " + node + " is named in two groups");
        }
        groupOf[node] = g;
        members.add(Integer.toString(node));
      }
      text.add(members.toString());
    }
    for (int a = 0; a < known.length; a++) {
      for (int b = 0; b < known.length; b++) {
        if (a != b && groupOf[a] >= 0 && groupOf[b] >= 0) {
          setDown(a, b, groupOf[a] != groupOf[b]);
        }
      }
    }
    changed(text.toString());
  }

  /** Among {@code center} and {@code others}: only the links to and from {@code center} are up. */
  public void star(int center, int... others) {
    check(center, "star");
    for (int a : others) {
      checkPair(center, a, "star"); // all checked before any change: a refused call changes nothing
    }
    for (int a : others) {
      down[center][a] = false;
      down[a][center] = false;
      for (int b : others) {
        if (a != b) {
          setDown(a, b, true);
        }
      }
    }
    changed("star " + center + " " + Arrays.toString(others));
  }

  /** Among the named nodes: only links between neighbours in the chain are up (a-b-c: a and c cut). */
  public void chain(int... nodes) {
    for (int i = 0; i < nodes.length; i++) { // all checked before any change: a refused call changes nothing
      check(nodes[i], "chain");
      for (int j = 0; j < i; j++) {
        if (nodes[i] == nodes[j]) {
          throw new IllegalArgumentException("network chain: node " + nodes[i] + " is named twice");
        }
      }
    }
    for (int i = 0; i < nodes.length; i++) {
      for (int j = 0; j < nodes.length; j++) {
        if (i != j) {
          setDown(nodes[i], nodes[j], Math.abs(i - j) != 1);
        }
      }
    }
    changed("chain " + Arrays.toString(nodes));
  }

  /** Every node connected and every link up; fault settings are kept. */
  public void heal() {
    Arrays.fill(disconnected, false);
    for (boolean[] row : down) {
      Arrays.fill(row, false);
    }
    changed("heal");
  }

  /** True when a message sent now from {@code from} would get through to {@code to} (faults aside). */
  public boolean isLinkUp(int from, int to) {
    check(from, "isLinkUp");
    check(to, "isLinkUp");
    return linkUp(from, to);
  }

  private boolean linkUp(int from, int to) {
    return !disconnected[from] && !disconnected[to] && !down[from][to];
  }

  /**
   * True when {@code d} may still arrive: its link is up and has not gone down since {@code d} was
   * sent, however briefly.
   */
  boolean carries(Simulation.Delivery d) {
    return linkUp(d.from, d.to) && downs(d.from, d.to) == d.linkDownsAtSend;
  }

  private long downs(int from, int to) {
    return linkDowns[from][to] + nodeDowns[from] + nodeDowns[to];
  }

  private void setDown(int from, int to, boolean isDown) {
    if (isDown && !down[from][to]) {
      linkDowns[from][to]++;
    }
    down[from][to] = isDown;
  }

  // ---- fault settings ------------------------------------------------------------------------

  /** Sets the default faults and the unreachable-call failure delay of a labrpc mode. */
  public void apply(NetworkPreset preset) {
    if (preset == null) {
      throw new IllegalArgumentException("network preset must be given, was null");
    }
    defaults = preset.faults();
    unreachableFailure = preset.unreachableFailure();
    changed("preset " + preset);
  }

  /** The faults of links without an override. */
  public LinkFaults defaultFaults() {
    return defaults;
  }

  /** Sets the faults of every link without an override. */
  public void setDefaultFaults(LinkFaults faults) {
    if (faults == null) {
      throw new IllegalArgumentException("default link faults must be given, was null");
    }
    defaults = faults;
    changed("default faults " + faults);
  }

  /** Overrides the faults of the link from → to. */
  public void setLinkFaults(int from, int to, LinkFaults faults) {
    checkPair(from, to, "setLinkFaults");
    if (faults == null) {
      throw new IllegalArgumentException("faults of link " + from + "→" + to + " must be given, was null");
    }
    overrides[from][to] = faults;
    changed("faults " + from + "→" + to + " " + faults);
  }

  /** Removes every per-link override. */
  public void clearLinkFaults() {
    for (LinkFaults[] row : overrides) {
      Arrays.fill(row, null);
    }
    changed("clear link faults");
  }

  /** The faults in force on the link from → to. */
  public LinkFaults faults(int from, int to) {
    checkPair(from, to, "faults");
    LinkFaults o = overrides[from][to];
    return o == null ? defaults : o;
  }

  /** How long a call to an unreachable or down node takes to fail. */
  public Latency unreachableFailure() {
    return unreachableFailure;
  }

  /** Sets how long a call to an unreachable or down node takes to fail. */
  public void setUnreachableFailure(Latency latency) {
    if (latency == null) {
      throw new IllegalArgumentException("unreachable-failure latency must be given, was null");
    }
    unreachableFailure = latency;
    changed("unreachable failure " + latency);
  }

  // ---- routing -------------------------------------------------------------------------------

  void addNode(int id) {
    if (id >= known.length) {
      int n = Math.max(id + 1, known.length * 2);
      known = Arrays.copyOf(known, n);
      disconnected = Arrays.copyOf(disconnected, n);
      down = grow(down, n);
      linkDowns = grow(linkDowns, n);
      nodeDowns = Arrays.copyOf(nodeDowns, n);
      lastFifoArrival = grow(lastFifoArrival, n);
      LinkFaults[][] o = new LinkFaults[n][n];
      for (int i = 0; i < overrides.length; i++) {
        System.arraycopy(overrides[i], 0, o[i], 0, overrides[i].length);
      }
      overrides = o;
    }
    known[id] = true;
  }

  /** Decides the fate of a message handed to the network now: lost, delivered once, or twice. */
  void route(Simulation.Delivery d) {
    if (!linkUp(d.from, d.to)) {
      sim.dropped(d, DropReason.LINK_DOWN);
      return;
    }
    d.linkDownsAtSend = downs(d.from, d.to);
    LinkFaults f = overrides[d.from][d.to];
    if (f == null) {
      f = defaults;
    }
    if (random.chance(f.dropProbability())) {
      sim.dropped(d, DropReason.RANDOM_LOSS);
      return;
    }
    sim.enqueue(d, arrival(d, f));
    if (random.chance(f.duplicateProbability())) {
      Simulation.Delivery copy = d.copy();
      sim.counters().duplicated();
      sim.enqueue(copy, arrival(copy, f));
    }
  }

  private long arrival(Simulation.Delivery d, LinkFaults f) {
    long delay = f.latency().sampleMicros(random);
    if (random.chance(f.spikeProbability())) {
      delay += f.spike().sampleMicros(random);
    }
    // chance() draws nothing at probability 0, so links without stale messages draw what they always did.
    if (random.chance(f.staleProbability())) {
      sim.counters().stale();
      // A stale message is overtaken even on a FIFO link, and does not hold back the ones behind it.
      return sim.after(saturatingAdd(delay, f.stale().sampleMicros(random)));
    }
    long at = sim.after(delay);
    if (f.fifo()) {
      // Same-time arrivals keep their send order through the queue's sequence numbers.
      at = Math.max(at, lastFifoArrival[d.from][d.to]);
      lastFifoArrival[d.from][d.to] = at;
    }
    return at;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private void changed(String what) {
    changes++;
    sim.traceInternal().fold(TraceKind.NETWORK, sim.now(), -1, -1, what.hashCode(), () -> what);
    sim.topologyChanged();
  }

  /**
   * How many times the network was changed (a cut, a heal, new fault settings, ...): an observer that
   * derives something from the links compares this number to know when to derive it again.
   */
  public long changeCount() {
    return changes;
  }

  private void check(int node, String what) {
    sim.checkNode(node, "network " + what);
  }

  /** The nodes of a group, checked before any change so a refused call changes nothing. */
  private int[] members(Collection<Integer> group, String what, String setting) {
    if (group == null || group.isEmpty()) {
      throw new IllegalArgumentException("network " + what + ": " + setting + " must name at least one node, was " + group);
    }
    int[] out = new int[group.size()];
    int i = 0;
    for (Integer node : group) {
      if (node == null) {
        throw new IllegalArgumentException("network " + what + ": " + setting + " names a null node: " + group);
      }
      check(node, what);
      out[i++] = node;
    }
    return out;
  }

  private void checkPair(int a, int b, String what) {
    check(a, what);
    check(b, what);
    if (a == b) {
      throw new IllegalArgumentException("network " + what + ": a link joins two different nodes, got " + a + " twice");
    }
  }

  private static boolean[][] grow(boolean[][] m, int n) {
    boolean[][] out = new boolean[n][n];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out[i], 0, m[i].length);
    }
    return out;
  }

  private static long[][] grow(long[][] m, int n) {
    long[][] out = new long[n][n];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out[i], 0, m[i].length);
    }
    return out;
  }
}
