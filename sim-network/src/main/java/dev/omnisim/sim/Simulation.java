package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deterministic simulation: a virtual clock in microseconds, one event queue ordered by (time,
 * insertion sequence), nodes, the {@link Network} between them, their disks, {@link Counters} and
 * the {@link Trace}. It runs on the caller's thread, one event at a time, and reads no wall clock:
 * the same setup, seed and code give the same run, event for event.
 *
 * <pre>{@code
 * Simulation sim = new Simulation(seed);
 * sim.addNode(0, ctx -> new MyNode(ctx));           // nodes get a NodeContext
 * sim.network().apply(NetworkPreset.UNRELIABLE);    // faults: see Network
 * sim.schedule(2_000_000, "crash 0", () -> sim.crash(0));
 * sim.runUntil(() -> done(), 10_000_000);           // or runFor, runUntilIdle
 * sim.fingerprint();                                // identifies the run
 * }</pre>
 *
 * <p>A crash discards the node object and its memory, cancels its timers, drops messages in flight to
 * it and fails calls waiting on it; a restart builds a new object through the node's factory, with
 * only its disk left. {@link #crash} crashes a node between steps; a crash point ({@link
 * #crashDuringNextStep}, {@link #setCrashPoints}) crashes it inside a step, between two of its effects,
 * and is traced as a {@link TraceKind#CRASH} whose detail names the point. Caps on events and virtual
 * time stop a runaway run with a clear error.
 */
public final class Simulation {
  private static final Logger NODE_LOG = LoggerFactory.getLogger("dev.omnisim.node");
  /** Node ids are small: they index arrays. */
  public static final int MAX_NODE_ID = 1023;

  private final long seed;
  private final SimulationOptions options;
  private final EventQueue queue = new EventQueue();
  private final Trace trace;
  private final Counters counters = new Counters();
  private final Network network;
  private final DeterministicRandom callRandom;
  private final LinkedHashMap<Long, PendingCall> pendingCalls = new LinkedHashMap<>();
  /** Observers of who can talk to whom ({@link #onTopologyChange}), in registration order. */
  private final java.util.ArrayList<Runnable> topologyObservers = new java.util.ArrayList<>();
  private NodeSlot[] slots = new NodeSlot[8];
  private long now;
  private long nextSeq;
  private long eventsRun;
  private long nextCallId;
  /** The node whose step runs with a crash point armed; null otherwise (the common, cheap case). */
  private NodeSlot stepping;
  /** Effects the stepping node may still make before it crashes. */
  private int effectsLeft;
  /** Effects the stepping node made in this step. */
  private int effectsDone;
  /** True once the stepping node crashed at its crash point: whatever it still tries to do fails. */
  private boolean crashedInStep;
  /** In a step run for an aimed crash point: true until the node's first disk change of the step. */
  private boolean awaitingWrite;

  /** A simulation with default options. */
  public Simulation(long seed) {
    this(seed, SimulationOptions.DEFAULTS);
  }

  /** A simulation with the given options. */
  public Simulation(long seed, SimulationOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("simulation options must be given, was null");
    }
    this.seed = seed;
    this.options = options;
    this.trace = new Trace(options.recordTrace(), options.maxRecordedEvents());
    this.network = new Network(this, DeterministicRandom.derive(seed, "network"));
    this.callRandom = DeterministicRandom.derive(seed, "rpc");
  }

  // ---- setup and inspection ------------------------------------------------------------------

  /** The run's seed. */
  public long seed() {
    return seed;
  }

  /** Virtual time in microseconds since the start of the run. */
  public long now() {
    return now;
  }

  /** The network between the nodes. */
  public Network network() {
    return network;
  }

  /** What the network carried. */
  public Counters counters() {
    return counters;
  }

  /** The run's trace. */
  public Trace trace() {
    return trace;
  }

  /** The run's fingerprint so far. */
  public long fingerprint() {
    return trace.fingerprint();
  }

  /** Events processed so far. */
  public long eventsRun() {
    return eventsRun;
  }

  /** Events waiting in the queue (including cancelled timers not yet reached). */
  public int eventsPending() {
    return queue.size();
  }

  /** The random stream named {@code name} of this run, for components outside the nodes (workloads, fault schedules). */
  public DeterministicRandom randomStream(String name) {
    return DeterministicRandom.derive(seed, name);
  }

  /** Adds node {@code id}, creates it through {@code factory} and starts it. */
  public void addNode(int id, NodeFactory factory) {
    if (id < 0 || id > MAX_NODE_ID) {
      throw new IllegalArgumentException("node id must be within [0, " + MAX_NODE_ID + "], was " + id);
    }
    if (factory == null) {
      throw new IllegalArgumentException("factory of node " + id + " must be given, was null");
    }
    if (id < slots.length && slots[id] != null) {
      throw new IllegalArgumentException("node " + id + " was already added");
    }
    if (id >= slots.length) {
      slots = Arrays.copyOf(slots, Math.max(id + 1, slots.length * 2));
    }
    NodeSlot slot = new NodeSlot(id, factory);
    slots[id] = slot;
    network.addNode(id);
    trace.fold(TraceKind.START, now, id, -1, 0, () -> "start");
    boot(slot);
  }

  /** True when node {@code id} exists and is running. */
  public boolean isUp(int id) {
    return slot(id, "isUp").up;
  }

  /** The ids of all nodes, in order. */
  public List<Integer> nodeIds() {
    List<Integer> ids = new ArrayList<>();
    for (NodeSlot s : slots) {
      if (s != null) {
        ids.add(s.id);
      }
    }
    return ids;
  }

  /** True when {@code id} names a node of this simulation. */
  public boolean hasNode(int id) {
    return id >= 0 && id < slots.length && slots[id] != null;
  }

  /** The disk of node {@code id}; it survives crashes. */
  public SimulatedDisk disk(int id) {
    return slot(id, "disk").disk;
  }

  /**
   * The current object of node {@code id}, for tests that inspect a node's state. Returns null while the
   * node is down.
   */
  public Node node(int id) {
    NodeSlot s = slot(id, "node");
    return s.up ? s.node : null;
  }

  // ---- faults --------------------------------------------------------------------------------

  /** Crashes node {@code id} now, between steps: see the class comment for what that discards. */
  public void crash(int id) {
    NodeSlot s = slot(id, "crash");
    if (!s.up) {
      throw new IllegalStateException("crash of node " + id + ": it is already down");
    }
    crashNow(s, false, 0, "crash");
  }

  /**
   * Arms a crash point: node {@code id} crashes during its next step, after exactly {@code
   * effectsBeforeCrash} of that step's effects and before the next one; a step with no more effects than
   * that crashes at its end. The node stays down until restarted. A step is the kernel's call into the
   * node: a message, an RPC request, a call's result or a timer ({@code start()} is not a step). Effects
   * are the calls that change the world: {@link Disk#write}, {@link Disk#append}, {@link Disk#truncate},
   * {@link Disk#delete}, {@link Disk#sync}, {@link NodeContext#send}, {@link NodeContext#call}, {@link
   * Responder#reply} and {@link NodeContext#setTimer}. Effects before the point happened (messages sent
   * are in flight, writes are on the disk, which then crashes by its {@link DiskMode}); the node's
   * attempt at the next one throws an {@link Error} that unwinds its handler, and nothing after it
   * happens. A crash of the node before that step disarms the point.
   */
  public void crashDuringNextStep(int id, int effectsBeforeCrash) {
    armCrashPoint(id, effectsBeforeCrash, -1, "crashDuringNextStep");
  }

  /**
   * As {@link #crashDuringNextStep(int, int)}, and the simulation restarts the node {@code
   * restartAfterMicros} after that crash, unless it was restarted meanwhile.
   */
  public void crashDuringNextStep(int id, int effectsBeforeCrash, long restartAfterMicros) {
    if (restartAfterMicros < 0) {
      throw new IllegalArgumentException("crashDuringNextStep of node " + id + ": restartAfterMicros must be >= 0, was "
          + restartAfterMicros);
    }
    armCrashPoint(id, effectsBeforeCrash, restartAfterMicros, "crashDuringNextStep");
  }

  /**
   * Sets random crash points inside the steps of node {@code id} ({@link CrashPoints#NONE} switches them
   * off, the default). The setting outlives the node's crashes; a point armed by {@link
   * #crashDuringNextStep} takes precedence for the step it names.
   */
  public void setCrashPoints(int id, CrashPoints crashPoints) {
    NodeSlot s = slot(id, "setCrashPoints");
    if (crashPoints == null) {
      throw new IllegalArgumentException("crash points of node " + id + " must be given, was null");
    }
    s.crashPoints = crashPoints;
  }

  /** The random crash points of node {@code id}. */
  public CrashPoints crashPoints(int id) {
    return slot(id, "crashPoints").crashPoints;
  }

  /**
   * Arms a crash point aimed at a write: node {@code id} crashes in the first of its steps that changes
   * its disk (write, append, truncate or delete), right after that change and {@code
   * effectsAfterWrite} more effects, before the rest (the step's other writes, its sync, its sends);
   * steps before it that change nothing run whole. So "sync before send" and writes to two files that
   * must agree are tested where it matters, not in the heartbeat steps that make most of a run. A step
   * with fewer effects crashes at its end. The simulation restarts the node {@code restartAfterMicros}
   * after the crash (-1: never), unless it was restarted meanwhile; a crash before that step disarms it.
   */
  public void crashDuringNextWritingStep(int id, int effectsAfterWrite, long restartAfterMicros) {
    if (effectsAfterWrite < 0 || restartAfterMicros < -1) {
      throw new IllegalArgumentException("crashDuringNextWritingStep of node " + id + ": effectsAfterWrite must be >= 0"
          + " and restartAfterMicros >= -1, were " + effectsAfterWrite + " and " + restartAfterMicros);
    }
    armCrashPoint(id, effectsAfterWrite, restartAfterMicros, "crashDuringNextWritingStep");
    NodeSlot s = slot(id, "crashDuringNextWritingStep");
    s.armedAtWrite = true;
  }

  /**
   * Disarms the crash point armed for node {@code id} by {@link #crashDuringNextStep} or {@link
   * #crashDuringNextWritingStep} that has not struck yet; nothing when none is armed or the node is
   * down. A fault schedule ends with it: a point aimed at the next writing step may otherwise strike
   * long after the faults were over (swarm seed 47648: armed at 9.21 s, it struck the quorum-connected
   * server in its first writing step, its takeover at 10.39 s, during the liveness phase).
   */
  public void disarmCrashPoint(int id) {
    NodeSlot s = slot(id, "disarmCrashPoint");
    s.armedEffects = -1;
    s.armedAtWrite = false;
    s.armedRestartAfterMicros = -1;
  }

  private void armCrashPoint(int id, int effectsBeforeCrash, long restartAfterMicros, String what) {
    NodeSlot s = slot(id, what);
    if (effectsBeforeCrash < 0) {
      throw new IllegalArgumentException(what + " of node " + id + ": effectsBeforeCrash must be >= 0, was "
          + effectsBeforeCrash);
    }
    if (!s.up) {
      throw new IllegalStateException(what + " of node " + id + ": it is down; restart it first");
    }
    s.armedEffects = effectsBeforeCrash;
    s.armedRestartAfterMicros = restartAfterMicros;
    s.armedAtWrite = false;
  }

  /**
   * The crash itself, between steps or at a crash point: the node's object, timers, context and the
   * messages in flight to it are gone, its disk loses what its mode says, and calls it waits on fail.
   */
  private void crashNow(NodeSlot s, boolean insideStep, long detailHash, String detail) {
    int id = s.id;
    s.up = false;
    s.node = null;
    s.incarnation++; // invalidates its timers, its context and messages in flight to it
    s.armedEffects = -1; // a crash point belongs to the incarnation it was armed for
    s.armedAtWrite = false;
    SimulatedDisk.CrashLoss loss = s.disk.crash();
    counters.crashed(insideStep, loss);
    trace.fold(TraceKind.CRASH, now, id, -1, detailHash,
        () -> insideStep ? detail + "; disk: " + loss.description : detail);
    topologyChanged();
    for (Iterator<PendingCall> it = pendingCalls.values().iterator(); it.hasNext(); ) {
      PendingCall c = it.next();
      if (c.caller == id) {
        c.done = true; // its caller is gone: the callback must never run
        it.remove();
      } else if (c.callee == id && !(insideStep && c.replied)) {
        // At a crash point a reply sent before the crash is in flight like any message, and answers
        // the call. (A crash between steps fails the call at once, reply or not, as it always has.)
        scheduleCallFailure(c, 0, CallFailure.CALLEE_CRASHED);
      }
    }
  }

  /** Restarts crashed node {@code id}: a new object from its factory, with only its disk kept. */
  public void restart(int id) {
    NodeSlot s = slot(id, "restart");
    if (s.up) {
      throw new IllegalStateException("restart of node " + id + ": it is running; crash it first");
    }
    trace.fold(TraceKind.RESTART, now, id, -1, 0, () -> "restart");
    boot(s);
  }

  /** Records a client operation in the trace and the counters (the lab's "ops"). */
  public void recordClientOperation(int client, String description) {
    counters.clientOperation();
    trace.fold(TraceKind.CLIENT, now, client, -1, DeterministicRandom.fnv1a64(description), () -> description);
  }

  /**
   * Records that node {@code node}'s view of leadership changed: it now follows {@code leader} (-1 for
   * none); {@code view} says how (e.g. "leading in term 3"). Hosts call this so that reports and
   * checks read leadership from the trace, whatever the protocol's messages look like.
   */
  public void recordLeadership(int node, int leader, String view) {
    trace.fold(TraceKind.LEADERSHIP, now, node, leader, DeterministicRandom.fnv1a64(view), () -> view);
  }

  // ---- scheduling and running ----------------------------------------------------------------

  /** Runs {@code action} after {@code delayMicros} of virtual time, as a traced event named {@code label}. */
  public void schedule(long delayMicros, String label, Runnable action) {
    if (label == null) {
      throw new IllegalArgumentException("schedule: label must be given, was null");
    }
    if (delayMicros < 0) {
      throw new IllegalArgumentException("schedule '" + label + "': delayMicros must be >= 0, was " + delayMicros);
    }
    if (action == null) {
      throw new IllegalArgumentException("schedule '" + label + "': action must be given, was null");
    }
    ExternalEvent e = new ExternalEvent(label, action);
    enqueue(e, after(delayMicros));
  }

  /** Runs events until virtual time {@code now + micros}; the clock then reads exactly that time. */
  public void runFor(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("runFor: micros must be >= 0, was " + micros);
    }
    long until = after(micros);
    while (nextLiveEvent() != null && queue.peek().time <= until) {
      step();
    }
    now = Math.max(now, until);
  }

  /**
   * Runs events until {@code condition} holds (checked before the first event and after each) or
   * {@code timeoutMicros} of virtual time pass. Returns whether the condition holds.
   */
  public boolean runUntil(BooleanSupplier condition, long timeoutMicros) {
    if (timeoutMicros < 0) {
      throw new IllegalArgumentException("runUntil: timeoutMicros must be >= 0, was " + timeoutMicros);
    }
    long deadline = after(timeoutMicros);
    if (condition.getAsBoolean()) {
      return true;
    }
    while (nextLiveEvent() != null && queue.peek().time <= deadline) {
      step();
      if (condition.getAsBoolean()) {
        return true;
      }
    }
    now = Math.max(now, deadline);
    return condition.getAsBoolean();
  }

  /** Runs until no event is left. Nodes with periodic timers never go idle: the event cap stops them. */
  public void runUntilIdle() {
    while (nextLiveEvent() != null) {
      step();
    }
  }

  /** Runs exactly one event; returns false when there was none. */
  public boolean step() {
    if (nextLiveEvent() == null) {
      return false;
    }
    EventQueue.Event e = queue.poll();
    if (++eventsRun > options.maxEvents()) {
      throw new SimulationLimitExceeded("simulation (seed " + seed + ") stopped after " + options.maxEvents()
          + " events at t=" + SimLog.formatMicros(now) + ": a livelock, or raise SimulationOptions.maxEvents");
    }
    if (e.time > options.maxTimeMicros()) {
      throw new SimulationLimitExceeded("simulation (seed " + seed + ") reached its virtual time cap of "
          + SimLog.formatMicros(options.maxTimeMicros()) + ": raise SimulationOptions.maxTimeMicros");
    }
    now = e.time;
    try {
      e.fire();
    } catch (RuntimeException | AssertionError ex) {
      ex.addSuppressed(new SimulationContext("while running event #" + eventsRun + " at t="
          + SimLog.formatMicros(now) + " (seed " + seed + "): " + e.describe()));
      throw ex;
    }
    return true;
  }

  /**
   * The next event that would do something, after discarding dead ones from the head of the queue: a
   * cancelled timer or the timeout of a finished call must neither move the clock nor trip a cap.
   */
  private EventQueue.Event nextLiveEvent() {
    while (!queue.isEmpty() && queue.peek().dead()) {
      queue.poll();
    }
    return queue.peek();
  }

  // ---- internals used by contexts and the network --------------------------------------------

  void enqueue(EventQueue.Event e, long time) {
    e.time = time;
    e.seq = nextSeq++;
    queue.add(e);
  }

  /**
   * The virtual time {@code delayMicros} (>= 0) from now, saturating at {@link Long#MAX_VALUE}: a
   * delay like {@code Long.MAX_VALUE} means "never", and must not overflow into the past.
   */
  long after(long delayMicros) {
    long t = now + delayMicros;
    return t < now ? Long.MAX_VALUE : t;
  }

  Trace traceInternal() {
    return trace;
  }

  /**
   * Registers {@code observer} to run right after every change of who can talk to whom: any change
   * of the network (a cut, a heal, new fault settings), a node's crash and its restart. An observer
   * that derives something from the links (as the invariants' link matrix does) then sees a change
   * that lasts less than a step, which sampling between steps would miss. Observers must not change
   * the simulation; they do not enter the trace or the fingerprint.
   */
  public void onTopologyChange(Runnable observer) {
    if (observer == null) {
      throw new IllegalArgumentException("topology observer must be given, was null");
    }
    topologyObservers.add(observer);
  }

  void topologyChanged() {
    for (int i = 0; i < topologyObservers.size(); i++) {
      topologyObservers.get(i).run();
    }
  }

  void checkNode(int id, String what) {
    if (!hasNode(id)) {
      throw new IllegalArgumentException(what + ": unknown node id " + id + " (nodes: " + nodeIds() + ")");
    }
  }

  private NodeSlot slot(int id, String what) {
    checkNode(id, what);
    return slots[id];
  }

  private void boot(NodeSlot s) {
    s.up = true; // the factory and start() may already use the context
    s.context = new Context(s, s.incarnation);
    try {
      s.node = s.factory.create(s.context);
      if (s.node == null) {
        throw new IllegalStateException("factory of node " + s.id + " returned null");
      }
      topologyChanged(); // up before start(), which may already send
      s.node.start();
    } catch (RuntimeException | AssertionError e) {
      // A process that fails while starting is down, as after a crash: no half-started node that
      // messages would be delivered to, and no timer it set may fire.
      s.up = false;
      s.node = null;
      s.incarnation++;
      s.disk.crash();
      topologyChanged();
      throw e;
    }
  }

  /** Hands a message to the network: counts it and lets the network route it. */
  private void transmit(Delivery d) {
    d.type = counters.typeOf(d.payload);
    counters.sent(d.from, d.type, options.messageSizer().applyAsInt(d.payload));
    NodeSlot target = slots[d.to];
    if (!target.up) {
      dropped(d, DropReason.TARGET_DOWN);
      return;
    }
    d.targetIncarnation = target.incarnation;
    network.route(d);
  }

  /** The network or a crash lost {@code d}: record why, and let a waiting caller learn of it. */
  void dropped(Delivery d, DropReason reason) {
    counters.drop(reason);
    trace.fold(TraceKind.DROP, now, d.from, d.to, d.type.nameHash ^ reason.ordinal(),
        () -> d.describePayload() + " dropped: " + reason.description());
    if (Network.LOG.isDebugEnabled()) {
      Network.LOG.debug("[{}] dropped {} {}→{}: {}", SimLog.formatMicros(now), d.type.name, d.from, d.to,
          reason.description());
    }
    if (d.duplicate || d.callId == 0) {
      return;
    }
    PendingCall c = pendingCalls.get(d.callId);
    if (c == null) {
      return;
    }
    CallFailure failure = switch (d.kind) {
      case REPLY -> CallFailure.REPLY_DROPPED;
      case REQUEST -> switch (reason) {
        case TARGET_DOWN -> CallFailure.CALLEE_DOWN;
        case TARGET_CRASHED -> CallFailure.CALLEE_CRASHED;
        case LINK_DOWN, LINK_DOWN_IN_FLIGHT -> CallFailure.UNREACHABLE;
        case RANDOM_LOSS -> CallFailure.REQUEST_DROPPED;
      };
      case ONE_WAY -> throw new IllegalStateException("a one-way message has no call");
    };
    long delay = network.unreachableFailure().sampleMicros(callRandom);
    scheduleCallFailure(c, delay, failure);
  }

  private void deliver(Delivery d) {
    NodeSlot target = slots[d.to];
    if (!target.up || target.incarnation != d.targetIncarnation) {
      dropped(d, DropReason.TARGET_CRASHED);
      return;
    }
    if (!network.carries(d)) {
      dropped(d, DropReason.LINK_DOWN_IN_FLIGHT);
      return;
    }
    counters.delivered(d.to, d.type);
    trace.fold(TraceKind.DELIVER, now, d.from, d.to, d.type.nameHash + d.kind.ordinal(), d::describePayload);
    switch (d.kind) {
      case ONE_WAY -> runStep(target, () -> target.node.onMessage(d.from, d.payload));
      case REQUEST -> runStep(target,
          () -> target.node.onRequest(d.from, d.payload, new CallResponder(d, target.incarnation)));
      case REPLY -> {
        PendingCall c = pendingCalls.get(d.callId);
        if (c != null) {
          complete(c, new CallResult.Reply(d.payload));
        }
      }
    }
  }

  private void scheduleCallFailure(PendingCall c, long delayMicros, CallFailure failure) {
    enqueue(new CallFailureEvent(c, failure), after(delayMicros));
  }

  private void complete(PendingCall c, CallResult result) {
    if (c.done) {
      return;
    }
    c.done = true;
    pendingCalls.remove(c.id);
    c.timeout.cancelled = true;
    if (result instanceof CallResult.Failure f) {
      counters.rpcFailed();
      trace.fold(TraceKind.CALL_FAILED, now, c.caller, c.callee, f.reason().ordinal(),
          () -> "call #" + c.id + " failed: " + f.reason());
    }
    NodeSlot caller = slots[c.caller];
    if (caller.up && caller.incarnation == c.callerIncarnation) {
      runStep(caller, () -> c.onDone.accept(result));
    }
  }

  // ---- crash points inside steps -------------------------------------------------------------

  /**
   * Runs one step of node {@code s}: {@code handler} is the kernel's call into it. Without a crash point
   * for this step that is all; with one, the node's effects are counted ({@link #beforeEffect}) and it
   * crashes at the drawn point, or at the end of the step when it made no more effects than that.
   */
  private void runStep(NodeSlot s, Runnable handler) {
    int budget = crashPointOf(s);
    if (budget < 0) {
      handler.run();
      return;
    }
    int incarnation = s.incarnation;
    stepping = s;
    awaitingWrite = s.armedAtWrite;
    effectsLeft = awaitingWrite ? Integer.MAX_VALUE : budget;
    int aimedBudget = budget;
    effectsDone = 0;
    crashedInStep = false;
    try {
      handler.run();
    } catch (RuntimeException | Error e) {
      if (!crashedInStep || !causedByCrash(e)) {
        throw e; // a bug in the node, not its crash
      }
    } finally {
      stepping = null;
    }
    if (awaitingWrite) {
      awaitingWrite = false;
      if (s.up && s.incarnation == incarnation) {
        s.armedEffects = aimedBudget; // it changed nothing on disk: the point waits for a step that does
        s.armedRestartAfterMicros = s.restartAfterMicros;
        return;
      }
    }
    if (!crashedInStep && s.up && s.incarnation == incarnation) {
      crashInsideStep(s, "at the end of its step");
    }
    crashedInStep = false;
  }

  /** The effects node {@code s} may make in the step about to run before it crashes; -1: no crash. */
  private int crashPointOf(NodeSlot s) {
    if (s.armedEffects >= 0) {
      int k = s.armedEffects;
      s.armedEffects = -1;
      s.restartAfterMicros = s.armedRestartAfterMicros;
      s.pendingAimedBudget = k;
      return k;
    }
    CrashPoints cp = s.crashPoints;
    if (cp.stepProbability() > 0 && s.crashRandom().chance(cp.stepProbability())) {
      int k = s.crashRandom().nextInt(cp.effectsMax() + 1);
      s.restartAfterMicros = cp.downtime().sampleMicros(s.crashRandom());
      return k;
    }
    return -1;
  }

  /**
   * Called before node {@code s} makes an effect ({@code operation} on {@code peer} or {@code subject}):
   * in a step with a crash point, the node crashes here when its budget is spent, and a node that caught
   * its crash and carries on is stopped again at each later attempt.
   */
  private void beforeEffect(NodeSlot s, String operation, int peer, Object subject) {
    if (stepping != s) {
      return;
    }
    if (crashedInStep) {
      throw new NodeCrashed(s.id);
    }
    if (awaitingWrite && isDiskChange(operation)) {
      awaitingWrite = false; // the aimed point's write: it happens, then the budget counts
      s.armedAtWrite = false;
      effectsLeft = s.pendingAimedBudget + 1;
    }
    if (effectsLeft == 0) {
      crashInsideStep(s, "before " + describeEffect(operation, peer, subject));
      throw new NodeCrashed(s.id);
    }
    effectsLeft--;
    effectsDone++;
  }

  private static boolean isDiskChange(String operation) {
    return switch (operation) {
      case "write", "append", "truncate", "delete" -> true;
      default -> false;
    };
  }

  private void crashInsideStep(NodeSlot s, String where) {
    crashedInStep = true;
    String detail = "crash inside a step, after " + effectsDone + (effectsDone == 1 ? " effect, " : " effects, ") + where;
    crashNow(s, true, DeterministicRandom.fnv1a64(detail), detail);
    if (s.restartAfterMicros >= 0) {
      enqueue(new RestartEvent(s, s.incarnation), after(s.restartAfterMicros));
    }
  }

  private static String describeEffect(String operation, int peer, Object subject) {
    String what = subject == null ? "" : subject instanceof String file ? " '" + file + "'"
        : " " + subject.getClass().getSimpleName();
    return operation + what + (peer < 0 ? "" : " to " + peer);
  }

  /** True when {@code e} is, or wraps, the error a crash point threw (node code may wrap what it catches). */
  private static boolean causedByCrash(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof NodeCrashed) {
        return true;
      }
    }
    return false;
  }

  /**
   * Thrown into a node's handler at its crash point to stop it where it is. An {@link Error}, so node
   * code that catches {@link Exception} lets it through; node code that catches it anyway cannot make
   * another effect in that step, and the crash has already happened.
   */
  static final class NodeCrashed extends Error {
    NodeCrashed(int node) {
      super("node " + node + " crashed at a crash point inside its step; node code must let this Error through",
          null, false, false);
    }
  }

  // ---- nodes ---------------------------------------------------------------------------------

  /** What the simulation keeps of a node across its incarnations. */
  private final class NodeSlot {
    final int id;
    final NodeFactory factory;
    final SimulatedDisk disk;
    final DeterministicRandom random;
    Node node;
    Context context;
    boolean up;
    int incarnation;
    CrashPoints crashPoints = CrashPoints.NONE;
    /** Derived on first use: a node without crash points never creates it. */
    private DeterministicRandom crashRandom;
    /** A crash point armed for the next step (effects before the crash), or -1. */
    int armedEffects = -1;
    long armedRestartAfterMicros = -1;
    /** The armed point waits for a step that changes the disk ({@link #crashDuringNextWritingStep}). */
    boolean armedAtWrite;
    /** The effects after the write allowed by the aimed point of the step running now. */
    int pendingAimedBudget;
    /** When the current step crashes: how long until the simulation restarts the node; -1: never. */
    long restartAfterMicros = -1;

    NodeSlot(int id, NodeFactory factory) {
      this.id = id;
      this.factory = factory;
      this.random = DeterministicRandom.derive(seed, "node-" + id);
      this.disk = new SimulatedDisk(id, DeterministicRandom.derive(seed, "disk-" + id),
          (operation, file) -> beforeEffect(this, operation, -1, file));
    }

    DeterministicRandom crashRandom() {
      if (crashRandom == null) {
        crashRandom = DeterministicRandom.derive(seed, "crash-points-" + id);
      }
      return crashRandom;
    }
  }

  /** A node's view of the world, valid for one incarnation. */
  private final class Context implements NodeContext {
    private final NodeSlot slot;
    private final int incarnation;
    private final SimLog log;

    Context(NodeSlot slot, int incarnation) {
      this.slot = slot;
      this.incarnation = incarnation;
      this.log = new SimLog(NODE_LOG, Simulation.this::now, "node " + slot.id);
    }

    private void requireAlive(String what) {
      if (!slot.up || slot.incarnation != incarnation) {
        if (stepping == slot && crashedInStep) {
          throw new NodeCrashed(slot.id); // it caught its crash and carries on: stop it again
        }
        throw new IllegalStateException("node " + slot.id + " is crashed (this context belongs to an ended"
            + " incarnation) and cannot " + what);
      }
    }

    @Override
    public int id() {
      return slot.id;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public void send(int to, Object message) {
      requireAlive("send");
      checkNode(to, "send from node " + slot.id);
      if (message == null) {
        throw new IllegalArgumentException("node " + slot.id + " sent a null message to node " + to);
      }
      beforeEffect(slot, "send", to, message);
      counters.countOneWay();
      transmit(new Delivery(Kind.ONE_WAY, slot.id, to, message, 0));
    }

    @Override
    public void call(int to, Object request, long timeoutMicros, Consumer<CallResult> onDone) {
      requireAlive("call");
      checkNode(to, "call from node " + slot.id);
      if (request == null || onDone == null) {
        throw new IllegalArgumentException("call from node " + slot.id + " to " + to + ": request and onDone must be given");
      }
      if (timeoutMicros <= 0) {
        throw new IllegalArgumentException("call from node " + slot.id + " to " + to
            + ": timeoutMicros must be > 0, was " + timeoutMicros);
      }
      beforeEffect(slot, "call", to, request);
      PendingCall c = new PendingCall(++nextCallId, slot.id, incarnation, to, onDone);
      pendingCalls.put(c.id, c);
      counters.rpcSent();
      c.timeout = new CallFailureEvent(c, CallFailure.TIMEOUT);
      enqueue(c.timeout, after(timeoutMicros));
      transmit(new Delivery(Kind.REQUEST, slot.id, to, request, c.id));
    }

    @Override
    public Timer setTimer(long delayMicros, String name, Runnable action) {
      requireAlive("set a timer");
      if (name == null) {
        throw new IllegalArgumentException("timer of node " + slot.id + ": name must be given, was null");
      }
      if (delayMicros < 0) {
        throw new IllegalArgumentException("timer '" + name + "' of node " + slot.id
            + ": delayMicros must be >= 0, was " + delayMicros);
      }
      if (action == null) {
        throw new IllegalArgumentException("timer '" + name + "' of node " + slot.id + ": action must be given");
      }
      beforeEffect(slot, "set timer", -1, name);
      TimerEvent t = new TimerEvent(slot, incarnation, name, action);
      enqueue(t, after(delayMicros));
      return t;
    }

    @Override
    public Disk disk() {
      return slot.disk;
    }

    @Override
    public RandomGenerator random() {
      return slot.random;
    }

    @Override
    public SimLog log() {
      return log;
    }
  }

  // ---- events --------------------------------------------------------------------------------

  enum Kind { ONE_WAY, REQUEST, REPLY }

  /** A message on its way: one copy of a one-way message, an RPC request or an RPC reply. */
  final class Delivery extends EventQueue.Event {
    final Kind kind;
    final int from;
    final int to;
    final Object payload;
    final long callId;
    Counters.MutableTypeCount type;
    int targetIncarnation;
    /** How often its link had gone down when it was sent (see {@link Network#carries}). */
    long linkDownsAtSend;
    boolean duplicate;

    Delivery(Kind kind, int from, int to, Object payload, long callId) {
      this.kind = kind;
      this.from = from;
      this.to = to;
      this.payload = payload;
      this.callId = callId;
    }

    Delivery copy() {
      Delivery d = new Delivery(kind, from, to, payload, callId);
      d.type = type;
      d.targetIncarnation = targetIncarnation;
      d.linkDownsAtSend = linkDownsAtSend;
      d.duplicate = true;
      return d;
    }

    @Override
    void fire() {
      deliver(this);
    }

    String describePayload() {
      String s = String.valueOf(payload);
      String text = s.length() > 300 ? s.substring(0, 300) + "…" : s;
      return switch (kind) {
        case ONE_WAY -> text;
        case REQUEST -> "call #" + callId + " " + text;
        case REPLY -> "reply #" + callId + " " + text;
      };
    }

    @Override
    String describe() {
      return "deliver " + from + "→" + to + " " + describePayload();
    }
  }

  private final class TimerEvent extends EventQueue.Event implements Timer {
    private final NodeSlot slot;
    private final int incarnation;
    private final String name;
    private final Runnable action;
    private boolean cancelled;
    private boolean fired;

    TimerEvent(NodeSlot slot, int incarnation, String name, Runnable action) {
      this.slot = slot;
      this.incarnation = incarnation;
      this.name = name;
      this.action = action;
    }

    @Override
    void fire() {
      if (!isPending()) {
        return; // cancelled, or its node crashed: a crashed node's timer never fires
      }
      fired = true;
      trace.fold(TraceKind.TIMER, now, slot.id, -1, name.hashCode(), () -> name);
      runStep(slot, action);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    boolean dead() {
      return !isPending();
    }

    @Override
    public boolean isPending() {
      return !cancelled && !fired && slot.up && slot.incarnation == incarnation;
    }

    @Override
    String describe() {
      return "timer '" + name + "' of node " + slot.id;
    }
  }

  private final class ExternalEvent extends EventQueue.Event {
    private final String label;
    private final Runnable action;

    ExternalEvent(String label, Runnable action) {
      this.label = label;
      this.action = action;
    }

    @Override
    void fire() {
      trace.fold(TraceKind.EXTERNAL, now, -1, -1, label.hashCode(), () -> label);
      action.run();
    }

    @Override
    String describe() {
      return "scheduled action '" + label + "'";
    }
  }

  /** Restarts a node that crashed at a crash point, unless someone restarted it in the meantime. */
  private final class RestartEvent extends EventQueue.Event {
    private final NodeSlot slot;
    private final int incarnation;

    RestartEvent(NodeSlot slot, int incarnation) {
      this.slot = slot;
      this.incarnation = incarnation;
    }

    @Override
    void fire() {
      if (!dead()) {
        restart(slot.id);
      }
    }

    @Override
    boolean dead() {
      return slot.up || slot.incarnation != incarnation;
    }

    @Override
    String describe() {
      return "restart of node " + slot.id + " after its crash inside a step";
    }
  }

  private final class CallFailureEvent extends EventQueue.Event {
    private final PendingCall call;
    private final CallFailure failure;
    boolean cancelled;

    CallFailureEvent(PendingCall call, CallFailure failure) {
      this.call = call;
      this.failure = failure;
    }

    @Override
    void fire() {
      if (!cancelled) {
        complete(call, new CallResult.Failure(failure));
      }
    }

    @Override
    boolean dead() {
      return cancelled || call.done;
    }

    @Override
    String describe() {
      return "failure " + failure + " of call #" + call.id + " " + call.caller + "→" + call.callee;
    }
  }

  private static final class PendingCall {
    final long id;
    final int caller;
    final int callerIncarnation;
    final int callee;
    final Consumer<CallResult> onDone;
    CallFailureEvent timeout;
    boolean done;
    /** The callee has sent its reply (which may still be lost). */
    boolean replied;

    PendingCall(long id, int caller, int callerIncarnation, int callee, Consumer<CallResult> onDone) {
      this.id = id;
      this.caller = caller;
      this.callerIncarnation = callerIncarnation;
      this.callee = callee;
      this.onDone = onDone;
    }
  }

  private final class CallResponder implements Responder {
    private final Delivery request;
    private final int calleeIncarnation;
    private boolean replied;

    CallResponder(Delivery request, int calleeIncarnation) {
      this.request = request;
      this.calleeIncarnation = calleeIncarnation;
    }

    @Override
    public void reply(Object response) {
      if (replied) {
        throw new IllegalStateException("node " + request.to + " answered call #" + request.callId + " twice");
      }
      if (response == null) {
        throw new IllegalArgumentException("node " + request.to + " answered call #" + request.callId + " with null");
      }
      NodeSlot callee = slots[request.to];
      if (!callee.up || callee.incarnation != calleeIncarnation) {
        if (stepping == callee && crashedInStep) {
          throw new NodeCrashed(callee.id);
        }
        throw new IllegalStateException("node " + request.to + " is crashed and cannot answer call #" + request.callId);
      }
      beforeEffect(callee, "reply", request.from, response);
      replied = true;
      PendingCall c = pendingCalls.get(request.callId);
      if (c != null) {
        c.replied = true;
      }
      transmit(new Delivery(Kind.REPLY, request.to, request.from, response, request.callId));
    }
  }

  /** Names the event during which an exception was thrown; attached as a suppressed exception. */
  static final class SimulationContext extends RuntimeException {
    SimulationContext(String message) {
      super(message, null, false, false);
    }
  }
}
