package dev.omnisim.scenarios.check;

import dev.omnisim.consensus.AcceptedLog;
import dev.omnisim.consensus.Acknowledging;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.Promising;
import dev.omnisim.consensus.Term;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.kvpaxos.KvService;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.SimLog;
import dev.omnisim.sim.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named invariants the harness checks after every input to every server, for every
 * implementation, as DSLabs' invariants and TigerBeetle's state checker do. The first violation
 * throws a {@link Failure.InvariantBroken} naming the invariant, the time, the server, the input it
 * was handling and the evidence.
 *
 * <ul>
 *   <li>{@value #AGREEMENT}: no two servers decide different entries at an index; a restarted server's
 *       whole decided log is verified again.
 *   <li>{@value #DECIDED_PREFIX}: a server's decided index never goes back, within a run of its process
 *       and across a restart from its disk.
 *   <li>{@value #PROMISE_DURABLE}: a restarted server's promised term ({@code
 *       ConsensusPeer.promisedTerm()}) is at or above every term it promised in a {@code Promising}
 *       message it sent before the crash (the simulator saw each one leave).
 *   <li>{@value #ACKNOWLEDGED_KEPT}: a server's accepted log ({@code ConsensusPeer.acceptedLog()}), after
 *       every step and after a restart, is in a term at or above every term it acknowledged in an
 *       {@code Acknowledging} message, and in that same term at least as long as it acknowledged.
 *   <li>{@value #QUORUM_BEHIND_DECISIONS}: an index decided for the first time anywhere is held by a
 *       majority in one term: the deciding server's accepted log ({@code ConsensusPeer.acceptedLog()})
 *       is in a term t and at least that long, and with it the leader of t and the servers that
 *       acknowledged at least that length in t in an {@code Acknowledging} message (sent before the
 *       decision; in flight counts) make a majority. An acknowledgement from an older term is not one
 *       for t, however long: a leader that counts it decides entries only it may hold. Checked for
 *       protocols that report their accepted log.
 *   <li>{@value #REPLICA_EQUALITY}: servers that applied the same number of entries have equal state
 *       digests (map and duplicate table).
 *   <li>{@value #ONE_LEADER_PER_TERM}: no two servers lead in the same term.
 *   <li>{@value #QUORUM_CONNECTED_TAKEOVER} (when claimed): a server elects itself only if a majority
 *       of servers, itself included, were up and linked with it both ways at some moment within the last
 *       {@value #TAKEOVER_EVIDENCE_TIMEOUTS} election rounds.
 *   <li>{@value #STABLE_LEADER} (when claimed): the paper's "a stable quorum-connected leader is not
 *       displaced". Once the network has been unchanged for the grace period, every message sent
 *       under earlier faults has had time to arrive, and no link between
 *       servers loses or delays messages, no server elects itself in a new term while the last server
 *       that led is up and quorum-connected. Replacing a leader that is not quorum-connected is the
 *       election doing its job, however late; how late is the business of {@value #PROGRESS}. (The
 *       stricter form, no election at all after the grace period, failed the reference where late
 *       messages from a healed slow link let two servers that were not quorum-connected take over
 *       just after a constrained election, and the only quorum-connected server replaced them 13
 *       election timeouts after the change: fuzz-partial seed 971.)
 *   <li>{@value #PROGRESS} (when claimed): {@link #checkProgress} — clients that reach a server that
 *       has been quorum-connected for 4 election timeouts complete their operation within the bound.
 * </ul>
 */
public final class Invariants {
  public static final String AGREEMENT = "agreement";
  public static final String DECIDED_PREFIX = "decided prefix immutable";
  public static final String PROMISE_DURABLE = "promise survives a restart";
  public static final String ACKNOWLEDGED_KEPT = "acknowledged entries kept";
  public static final String QUORUM_BEHIND_DECISIONS = "decisions rest on a quorum";
  public static final String REPLICA_EQUALITY = "replica equality";
  public static final String ONE_LEADER_PER_TERM = "one leader per term";
  public static final String QUORUM_CONNECTED_TAKEOVER = "only a quorum-connected server takes over";
  public static final String STABLE_LEADER = "stable leader";
  public static final String PROGRESS = "progress while quorum-connected";

  /**
   * How old, in election rounds, the connectivity behind a takeover may be: the paper's election
   * replaces a leader after about two silent rounds, and the heartbeats it decides on may take another
   * round to arrive and be confirmed by a probe.
   */
  static final int TAKEOVER_EVIDENCE_TIMEOUTS = 4;

  /** How many election timeouts a network change may keep elections going before stability is demanded. */
  static final int STABILITY_GRACE_TIMEOUTS = 10;

  private final Simulation sim;
  private final int[] servers;
  private final Set<Guarantee> guarantees;
  private final long electionTimeoutMicros;
  private final long progressBoundMicros;
  private final Connectivity links;
  /** Every decided entry seen so far, by index. */
  private final ArrayList<KvCommand> decided = new ArrayList<>();
  /** Per server: decided entries verified so far in this incarnation, and its last decided index. */
  private final long[] verifiedUpTo;
  private final long[] lastDecided;
  /** Per server: the server object of the incarnation last seen, to tell a restart. */
  private final KvService[] incarnation;
  private final long[] lastApplied;
  /** Per server: the highest term it promised in a message it sent, in this or an earlier incarnation. */
  private final Term[] promised;
  /** Per server: the highest term it acknowledged entries in, and the longest log it acknowledged there. */
  private final Term[] acknowledgedTerm;
  private final long[] acknowledgedLength;
  /** Per term: the longest log each server (by index) acknowledged in it. */
  private final HashMap<Term, long[]> acknowledgedIn = new HashMap<>();
  /** The highest index decided anywhere so far: a decision beyond it is new and needs its quorum. */
  private long decidedAnywhere;
  /** Per server: the term of the last leadership in which it named itself leader. */
  private final Term[] selfElectedIn;
  /** Applied index to the digest of the first replica seen there (and which it was). */
  private final HashMap<Long, long[]> digestAt = new HashMap<>();
  private final TreeMap<Term, Integer> leaderOfTerm = new TreeMap<>();

  /**
   * Invariants over {@code servers} of {@code sim}.
   *
   * @param guarantees which protocol claims to check beyond safety
   * @param electionTimeoutMicros the protocol's election timeout in virtual time
   * @param progressBoundMicros how long a client may wait once progress is due
   */
  public Invariants(Simulation sim, int[] servers, Set<Guarantee> guarantees, long electionTimeoutMicros,
      long progressBoundMicros) {
    this.sim = sim;
    this.servers = servers.clone();
    this.guarantees = guarantees;
    this.electionTimeoutMicros = electionTimeoutMicros;
    this.progressBoundMicros = progressBoundMicros;
    this.links = new Connectivity(sim, servers, electionTimeoutMicros);
    int n = servers.length;
    this.verifiedUpTo = new long[n];
    this.lastDecided = new long[n];
    this.incarnation = new KvService[n];
    this.lastApplied = new long[n];
    this.selfElectedIn = new Term[n];
    this.promised = new Term[n];
    this.acknowledgedTerm = new Term[n];
    this.acknowledgedLength = new long[n];
    java.util.Arrays.fill(acknowledgedTerm, Term.NONE);
    java.util.Arrays.fill(promised, Term.NONE);
    java.util.Arrays.fill(selfElectedIn, Term.NONE);
    java.util.Arrays.fill(lastApplied, -1);
  }

  /** Checks every invariant after server {@code ctx.id()} handled {@code event}. */
  public void afterStep(NodeContext ctx, KvService server, Object event, List<Outgoing> sent) {
    int id = ctx.id();
    boolean restartedNow = false;
    if (incarnation[id] != server) {
      restartedNow = incarnation[id] != null; // a restart: verify the whole recovered log again
      incarnation[id] = server;
      verifiedUpTo[id] = 0;
      lastApplied[id] = -1;
    }
    ConsensusPeer<KvCommand> peer = server.peer();
    checkLog(id, peer, event);
    if (restartedNow) {
      checkPromiseKept(id, peer, event);
    }
    checkAcknowledgedKept(id, peer, event);
    for (Outgoing o : sent) {
      if (o.message() instanceof Promising p && p.promisedTerm().isAbove(promised[id])) {
        promised[id] = p.promisedTerm();
      }
      if (o.message() instanceof Acknowledging a) {
        remember(id, a);
      }
    }
    if (event instanceof KvServerNode.Input in && in.payload() instanceof Acknowledging a && indexOfOrMinus(in.from()) >= 0) {
      // Also as it arrives: a sender that crashed inside the step that sent it was never checked after it.
      acknowledged(in.from(), a);
    }
    checkQuorumBehindDecisions(id, peer, event);
    checkReplica(id, server, event);
    checkLeadership(id, peer.leadership(), event);
  }

  private void checkLog(int id, ConsensusPeer<KvCommand> peer, Object event) {
    long decidedNow = peer.decidedIndex();
    if (decidedNow < lastDecided[id]) {
      throw broken(DECIDED_PREFIX, id, event, "decided index went back from " + lastDecided[id] + " to " + decidedNow
          + (verifiedUpTo[id] == 0 ? " across a restart (the disk lost what was decided)" : ""));
    }
    lastDecided[id] = decidedNow;
    long from = Math.max(verifiedUpTo[id], peer.compactedIndex());
    if (from >= decidedNow) {
      return;
    }
    List<KvCommand> entries = peer.readDecided(from, decidedNow);
    for (int k = 0; k < entries.size(); k++) {
      long index = from + k;
      KvCommand mine = entries.get(k);
      if (index < decided.size()) {
        KvCommand known = decided.get((int) index);
        if (known != null && !known.equals(mine)) {
          throw broken(AGREEMENT, id, event, "decided " + mine + " at index " + index + " where another server decided "
              + known);
        }
        if (known == null) {
          decided.set((int) index, mine);
        }
      } else {
        while (decided.size() < index) {
          decided.add(null); // compacted away on every server seen so far
        }
        decided.add(mine);
      }
    }
    verifiedUpTo[id] = decidedNow;
  }

  private void checkPromiseKept(int id, ConsensusPeer<KvCommand> peer, Object event) {
    Optional<Term> recovered = peer.promisedTerm();
    if (recovered.isPresent() && promised[id].isAbove(recovered.get())) {
      throw broken(PROMISE_DURABLE, id, event, "came back promising term " + recovered.get() + " but before the"
          + " crash it had sent a promise for term " + promised[id]);
    }
  }

  private void checkQuorumBehindDecisions(int id, ConsensusPeer<KvCommand> peer, Object event) {
    long d = peer.decidedIndex();
    if (d <= decidedAnywhere) {
      return;
    }
    Optional<AcceptedLog> held = peer.acceptedLog();
    if (held.isPresent()) {
      Term t = held.get().term();
      Integer leader = leaderOfTerm.get(t);
      long[] acked = acknowledgedIn.get(t);
      int holders = held.get().length() >= d ? 1 : 0;
      List<Integer> who = new ArrayList<>();
      for (int i = 0; i < servers.length; i++) {
        int s = servers[i];
        if (s != id && (leader != null && s == leader || acked != null && acked[i] >= d)) {
          holders++;
          who.add(s);
        }
      }
      if (holders < servers.length / 2 + 1) {
        throw broken(QUORUM_BEHIND_DECISIONS, id, event, "decided up to index " + d + " (beyond " + decidedAnywhere
            + ", the most decided anywhere) in term " + t + ", holding " + held.get().length() + " entries itself;"
            + " in term " + t + " only " + (who.isEmpty() ? "no other server" : "servers " + who) + " acknowledged"
            + " or led with that many (a majority is " + (servers.length / 2 + 1) + ")");
      }
    }
    decidedAnywhere = d;
  }

  private void acknowledged(int id, Acknowledging a) {
    long[] acked = acknowledgedIn.computeIfAbsent(a.acceptedTerm(), t -> new long[servers.length]);
    int i = indexOf(id);
    acked[i] = Math.max(acked[i], a.acceptedLength());
  }

  private void remember(int id, Acknowledging a) {
    acknowledged(id, a);
    if (a.acceptedTerm().isAbove(acknowledgedTerm[id])) {
      acknowledgedTerm[id] = a.acceptedTerm();
      acknowledgedLength[id] = a.acceptedLength();
    } else if (a.acceptedTerm().equals(acknowledgedTerm[id])) {
      acknowledgedLength[id] = Math.max(acknowledgedLength[id], a.acceptedLength());
    }
  }

  /** What a server acknowledged stays in its accepted log until a higher term replaces it. */
  private void checkAcknowledgedKept(int id, ConsensusPeer<KvCommand> peer, Object event) {
    Optional<AcceptedLog> held = peer.acceptedLog();
    if (held.isEmpty() || acknowledgedTerm[id].equals(Term.NONE)) {
      return;
    }
    AcceptedLog log = held.get();
    if (acknowledgedTerm[id].isAbove(log.term())) {
      throw broken(ACKNOWLEDGED_KEPT, id, event, "holds a log accepted in term " + log.term() + " but acknowledged"
          + " entries in term " + acknowledgedTerm[id]);
    }
    if (log.term().equals(acknowledgedTerm[id]) && log.length() < acknowledgedLength[id]) {
      throw broken(ACKNOWLEDGED_KEPT, id, event, "holds " + log.length() + " entries accepted in term " + log.term()
          + " but acknowledged " + acknowledgedLength[id] + " in that term");
    }
  }

  private void checkReplica(int id, KvService server, Object event) {
    long applied = server.appliedIndex();
    if (applied == lastApplied[id]) {
      return;
    }
    lastApplied[id] = applied;
    long digest = server.stateDigest();
    long[] first = digestAt.putIfAbsent(applied, new long[] {digest, id});
    if (first != null && first[0] != digest) {
      throw broken(REPLICA_EQUALITY, id, event, "state digest " + Long.toHexString(digest) + " after applying "
          + applied + " entries, but server " + first[1] + " had " + Long.toHexString(first[0]) + " there");
    }
  }

  private void checkLeadership(int id, Leadership view, Object event) {
    if (view.leading()) {
      Integer other = leaderOfTerm.putIfAbsent(view.term(), id);
      if (other != null && other != id) {
        throw broken(ONE_LEADER_PER_TERM, id, event, "leads in term " + view.term() + ", as server " + other + " did");
      }
    }
    boolean selfElected = view.leader().isPresent() && view.leader().getAsInt() == id
        && view.term().isAbove(selfElectedIn[id]);
    if (!selfElected) {
      return;
    }
    selfElectedIn[id] = view.term();
    long now = sim.now();
    int index = indexOf(id);
    if (guarantees.contains(Guarantee.ELECTS_ONLY_QUORUM_CONNECTED)) {
      long from = now - TAKEOVER_EVIDENCE_TIMEOUTS * electionTimeoutMicros;
      int linked = links.linkedSince(index, from);
      if (linked < links.majority()) {
        throw broken(QUORUM_CONNECTED_TAKEOVER, id, event, "elected itself in term " + view.term() + " but only " + linked
            + " servers, itself included, were up and linked with it both ways since t=" + SimLog.formatMicros(from)
            + " (a majority is " + links.majority() + ")");
      }
    }
    if (guarantees.contains(Guarantee.STABLE_LEADER) && !links.lossy()) {
      long quiet = now - links.settledAtMicros();
      var previous = leaderOfTerm.lowerEntry(view.term());
      if (quiet > STABILITY_GRACE_TIMEOUTS * electionTimeoutMicros && previous != null
          && sim.isUp(previous.getValue()) && links.connectedSince(indexOf(previous.getValue())) >= 0) {
        throw broken(STABLE_LEADER, id, event, "elected itself in term " + view.term() + " although server "
            + previous.getValue() + ", leader in term " + previous.getKey() + ", is up and quorum-connected, and the"
            + " network has been settled (unchanged, earlier messages arrived) for " + SimLog.formatMicros(quiet));
      }
    }
  }

  /**
   * Fails the run when a client has waited too long while progress was due: some server had been
   * quorum-connected, with its quorum alive, for 4 election timeouts, the client reached it both
   * ways, and the client's open operation is older than that plus the bound.
   *
   * @param clientNode the client's node id
   * @param openSinceMicros when its open operation was called, or -1 when none is open
   */
  public void checkProgress(int clientNode, long openSinceMicros) {
    if (!progressMayBeLate(openSinceMicros)) {
      return;
    }
    long now = sim.now();
    for (int i = 0; i < servers.length; i++) {
      long since = links.connectedSince(i);
      if (since < 0 || !sim.network().isLinkUp(clientNode, servers[i]) || !sim.network().isLinkUp(servers[i], clientNode)) {
        continue;
      }
      long due = Math.max(openSinceMicros, since + 4 * electionTimeoutMicros);
      if (now - due > progressBoundMicros) {
        throw new InvariantViolation(new Failure.NoProgress("while quorum-connected", "client node " + clientNode
            + "'s operation, open since t=" + SimLog.formatMicros(openSinceMicros) + ", had not completed at t="
            + SimLog.formatMicros(now) + " although server " + servers[i] + " has been quorum-connected since t="
            + SimLog.formatMicros(since) + " (bound " + SimLog.formatMicros(progressBoundMicros) + " after 4 election"
            + " timeouts)"));
      }
    }
  }

  /**
   * Whether an operation open since {@code openSinceMicros} (-1: none) can be late yet: progress is due
   * at the earliest at its call, so before the bound has passed since then nothing can be late, and
   * the per-step check costs one comparison instead of a look at every link of the client.
   */
  public boolean progressMayBeLate(long openSinceMicros) {
    return openSinceMicros >= 0 && sim.now() - openSinceMicros > progressBoundMicros
        && guarantees.contains(Guarantee.PROGRESS_WHEN_QUORUM_CONNECTED);
  }

  private int indexOfOrMinus(int id) {
    for (int i = 0; i < servers.length; i++) {
      if (servers[i] == id) {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(int id) {
    int i = indexOfOrMinus(id);
    if (i < 0) {
      throw new IllegalArgumentException("node " + id + " is not a server");
    }
    return i;
  }

  private InvariantViolation broken(String invariant, int node, Object event, String evidence) {
    return new InvariantViolation(new Failure.InvariantBroken(invariant, sim.now(), node, String.valueOf(event), evidence));
  }

  /** Thrown out of the step that broke an invariant; the runner turns it into the run's failure. */
  public static final class InvariantViolation extends RuntimeException {
    private final transient Failure failure;

    InvariantViolation(Failure failure) {
      super(failure.describe());
      this.failure = failure;
    }

    /** What broke, typed. */
    public Failure failure() {
      return failure;
    }
  }
}
