package dev.omnisim.scenarios;

import dev.omnisim.sim.NetworkPreset;

import dev.omnisim.sim.LinkFaults;

import dev.omnisim.sim.fault.FaultTarget;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.kvpaxos.KvService;
import dev.omnisim.scenarios.check.Invariants;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.HistoryRecorder;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.sim.Node;
import dev.omnisim.sim.SimLog;
import dev.omnisim.sim.Simulation;
import dev.omnisim.sim.SimulationOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The test harness around a key-value cluster, in the role of the lab's config.go: servers 0..n-1 on
 * simulated nodes, Clerks on client nodes connected to every server (or, with {@link
 * #connectClient}, to some only), helpers to cut and heal links between servers, crash and restart
 * servers, find the leader, and the run's history of client operations for the linearizability
 * checker. Tests drive it step by step in virtual time.
 */
public final class KvCluster {
  private final Simulation sim;
  private final ClusterOptions options;
  private final int[] serverIds;
  private final HistoryRecorder<KvOp, String> history = new HistoryRecorder<>();
  /** The client node each Clerk lives on, by clerk id. */
  private final HashMap<Long, Integer> nodeOfClerk = new HashMap<>();
  /** The invariants checked after every input to every server. */
  private final Invariants invariants;
  /** False only to measure what the invariants cost ({@code omnisim bench sim --fuzz}). */
  private final boolean checkInvariants;
  /** Every Clerk made, for the progress check. */
  private final List<RecordingClerk> clerks = new ArrayList<>();
  /** What each server last reported of leadership, by server id: a change becomes a trace event. */
  private final Leadership[] lastLeadership;
  private int nextNodeId;
  private long nextClerkId = 1;

  /** A cluster of {@code options.servers()} servers, started, on a simulation with {@code seed}. */
  public KvCluster(long seed, ClusterOptions options) {
    this(seed, options, true);
  }

  /**
   * As {@link #KvCluster(long, ClusterOptions)}; with {@code checkInvariants} false nothing is checked
   * after each step, which only a measurement of the checks' cost may want.
   */
  public KvCluster(long seed, ClusterOptions options, boolean checkInvariants) {
    this.options = options;
    this.checkInvariants = checkInvariants;
    this.sim = new Simulation(seed, SimulationOptions.DEFAULTS.withRecordTrace(options.recordTrace())
        .withMaxTimeMicros(Math.max(options.virtualTimeLimitMicros() * 2, 1)));
    this.serverIds = IntStream.range(0, options.servers()).toArray();
    sim.network().apply(options.preset());
    this.lastLeadership = new Leadership[serverIds.length];
    Arrays.fill(lastLeadership, Leadership.NONE);
    KvServerNode.Config config = options.serverConfig().withObserver(this::afterStep);
    long electionTimeoutMicros = config.options().electionTimeoutTicks() * config.tickMicros();
    // With long election timeouts (compare's 5 s) a takeover alone takes rounds: the bound grows with them.
    long progressBoundMicros = Math.max(Math.max(3_000_000, 2L * options.servers()
        * (References.CLERK_CALL_TIMEOUT_MICROS + References.CLERK_BACKOFF_MICROS)), 5 * electionTimeoutMicros);
    this.invariants = new Invariants(sim, serverIds, options.implementation().guarantees(), electionTimeoutMicros,
        progressBoundMicros);
    for (int id : serverIds) {
      sim.addNode(id, ctx -> new KvServerNode(ctx, config));
    }
    nextNodeId = options.servers();
  }

  /** The simulation underneath. */
  public Simulation sim() {
    return sim;
  }

  /** The cluster's options. */
  public ClusterOptions options() {
    return options;
  }

  /** Number of servers. */
  public int servers() {
    return serverIds.length;
  }

  /** The server ids 0..n-1. */
  public int[] serverIds() {
    return serverIds.clone();
  }

  /** Virtual seconds since the start. */
  public double seconds() {
    return sim.now() / 1e6;
  }

  // ---- clients -------------------------------------------------------------------------------

  /** A new Clerk on a new client node, connected to every server; its operations go into the history. */
  public KvClerk makeClerk() {
    int node = nextNodeId++;
    long clerkId = nextClerkId++;
    KvClerk[] made = new KvClerk[1];
    List<Integer> servers = IntStream.of(serverIds).boxed().toList();
    sim.addNode(node, ctx -> {
      made[0] = new RecordingClerk(options.implementation().clerks().create(ctx, clerkId, servers), sim, history, node);
      clerks.add((RecordingClerk) made[0]);
      return new ClientNode(node);
    });
    if (made[0].clientId() != clerkId) {
      throw new IllegalStateException("the clerk factory ignored its client id: asked for " + clerkId + ", got "
          + made[0].clientId());
    }
    nodeOfClerk.put(clerkId, node);
    return made[0];
  }

  /**
   * A new Clerk that knows every server but reaches only {@code servers} (config.go's makeClient
   * followed by ConnectClient): a client stuck on one side of a partition. {@link #heal()} connects
   * it to every server again.
   */
  public KvClerk makeClerk(int... servers) {
    for (int id : servers) {
      requireServer(id); // before the client node exists
    }
    KvClerk clerk = makeClerk();
    connectClient(clerk, servers);
    return clerk;
  }

  /**
   * Lets {@code clerk} reach exactly {@code servers}: its links to the other servers go down, to
   * these up (config.go's ConnectClient). A Clerk still knows every server, so it keeps trying the
   * unreachable ones and completes as soon as the links come back.
   */
  public void connectClient(KvClerk clerk, int... servers) {
    Integer node = nodeOfClerk.get(clerk.clientId());
    if (node == null) {
      throw new IllegalArgumentException("clerk " + clerk.clientId() + " was not made by this cluster");
    }
    boolean[] reach = new boolean[serverIds.length];
    for (int id : servers) {
      reach[requireServer(id)] = true;
    }
    for (int id : serverIds) {
      if (reach[id]) {
        sim.network().link(node, id);
      } else {
        sim.network().cut(node, id);
      }
    }
  }

  /** The client history so far; operations still open are pending. */
  public History<KvOp, String> history() {
    return history.history();
  }

  /** Client operations completed. */
  public long completedOperations() {
    return sim.counters().clientOperations();
  }

  // ---- servers and network -------------------------------------------------------------------

  /** The server that is leader, when exactly one running server claims to be. */
  public OptionalInt leader() {
    int found = -1;
    for (int id : serverIds) {
      if (isLeader(id)) {
        if (found >= 0) {
          return OptionalInt.empty();
        }
        found = id;
      }
    }
    return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
  }

  /** True when server {@code id} is running and leads. */
  public boolean isLeader(int id) {
    return sim.isUp(requireServer(id)) && peer(id).isLeader();
  }

  /** The leader server {@code id} believes in, if it is running and knows one. */
  public OptionalInt leaderSeenBy(int id) {
    return sim.isUp(requireServer(id)) ? peer(id).leader() : OptionalInt.empty();
  }

  /** Server {@code id}'s view of leadership (its leader, that leader's term, whether it leads); none when down. */
  public Leadership leadership(int id) {
    return sim.isUp(requireServer(id)) ? peer(id).leadership() : Leadership.NONE;
  }

  private ConsensusPeer<KvCommand> peer(int id) {
    return ((KvServerNode) sim.node(id)).server().peer();
  }

  /**
   * After every input to a server: a change in its view of leadership goes into the trace, then every
   * invariant is checked (a violation stops the run), and every waiting client's progress.
   */
  private void afterStep(NodeContext ctx, KvService server, KvServerNode.Input input, List<Outgoing> sent) {
    Leadership now = server.peer().leadership();
    if (!now.equals(lastLeadership[ctx.id()])) {
      lastLeadership[ctx.id()] = now;
      sim.recordLeadership(ctx.id(), now.leader().orElse(-1), now.toString());
    }
    if (!checkInvariants) {
      return;
    }
    invariants.afterStep(ctx, server, input, sent);
    for (RecordingClerk c : clerks) {
      long open = c.openSinceMicros();
      if (invariants.progressMayBeLate(open) && reachesEveryRunningServer(c.node())) {
        invariants.checkProgress(c.node(), open);
      }
    }
  }

  /** A client stuck on one side of a partition is not owed progress by the other side. */
  private boolean reachesEveryRunningServer(int clientNode) {
    for (int id : serverIds) {
      if (sim.isUp(id) && (!sim.network().isLinkUp(clientNode, id) || !sim.network().isLinkUp(id, clientNode))) {
        return false;
      }
    }
    return true;
  }

  /** Waits up to {@code timeoutMicros} for exactly one leader and returns it; fails the scenario if none. */
  public int awaitLeader(long timeoutMicros) {
    if (!runUntil(() -> leader().isPresent(), timeoutMicros)) {
      throw new ScenarioFailure("expected one leader within " + SimLog.formatMicros(timeoutMicros) + ", found none at t="
          + SimLog.formatMicros(sim.now()));
    }
    return leader().getAsInt();
  }

  /** These servers as the target of fault actions, with the preset's link faults as what a heal restores. */
  public FaultTarget faultTarget() {
    return faultTarget(options.preset().faults());
  }

  /** These servers as the target of fault actions; a heal restores {@code baseline} on every link. */
  public FaultTarget faultTarget(LinkFaults baseline) {
    return new ClusterTarget(this, baseline);
  }

  private record ClusterTarget(KvCluster cluster, LinkFaults baselineFaults) implements FaultTarget {
    @Override
    public Simulation sim() {
      return cluster.sim();
    }

    @Override
    public int servers() {
      return cluster.servers();
    }

    @Override
    public OptionalInt leader() {
      return cluster.leader();
    }

    @Override
    public NetworkPreset preset() {
      return cluster.options().preset();
    }
  }

  /** Crashes server {@code id}; its disk is kept (the lab's ShutdownServer). */
  public void crash(int id) {
    sim.crash(requireServer(id));
  }

  /** Restarts server {@code id} from its disk (the lab's StartServer). */
  public void restart(int id) {
    sim.restart(requireServer(id));
  }

  /** Cuts server {@code id} from the other servers; clients still reach it. */
  public void isolateServer(int id) {
    requireServer(id);
    for (int other : serverIds) {
      if (other != id) {
        sim.network().cut(id, other);
      }
    }
  }

  /** Cuts every server-to-server link. */
  public void cutAllServerLinks() {
    int[][] singletons = IntStream.of(serverIds).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
    sim.network().partition(singletons);
  }

  /** Only the links between {@code center} and the other servers are up among servers. */
  public void star(int center) {
    requireServer(center);
    sim.network().star(center, IntStream.of(serverIds).filter(i -> i != center).toArray());
  }

  /** Splits the servers into groups; clients stay connected to all. */
  public void partition(int[]... groups) {
    for (int[] g : groups) {
      for (int id : g) {
        requireServer(id);
      }
    }
    sim.network().partition(groups);
  }

  /** Cuts the link between two servers. */
  public void cut(int a, int b) {
    sim.network().cut(requireServer(a), requireServer(b));
  }

  /** Every link up again. */
  public void heal() {
    sim.network().heal();
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Runs {@code micros} of virtual time, failing the scenario past its virtual time limit. */
  public void runFor(long micros) {
    sim.runFor(Math.min(micros, remaining()));
    checkTimeLimit();
  }

  /** Runs until {@code condition} or {@code timeoutMicros}; returns whether it holds. */
  public boolean runUntil(BooleanSupplier condition, long timeoutMicros) {
    boolean held = sim.runUntil(condition, Math.min(timeoutMicros, remaining()));
    if (!held) {
      checkTimeLimit();
    }
    return held;
  }

  private long remaining() {
    return Math.max(0, options.virtualTimeLimitMicros() - sim.now());
  }

  private void checkTimeLimit() {
    if (sim.now() >= options.virtualTimeLimitMicros()) {
      throw new ScenarioFailure("test took longer than " + SimLog.formatMicros(options.virtualTimeLimitMicros())
          + " of virtual time");
    }
  }

  private int requireServer(int id) {
    if (id < 0 || id >= serverIds.length) {
      throw new IllegalArgumentException("server id must be within [0, " + (serverIds.length - 1) + "], was " + id);
    }
    return id;
  }

  /** A client node: its Clerk works through RPC callbacks, so it receives no one-way messages. */
  private record ClientNode(int id) implements Node {
    @Override
    public void onMessage(int from, Object message) {
      throw new IllegalStateException("client node " + id + " got an unexpected message from " + from + ": " + message);
    }
  }
}
