package dev.omnisim.scenarios.detection;

import static dev.omnisim.scenarios.detection.BrokenVariant.Layer.ELECTION;
import static dev.omnisim.scenarios.detection.BrokenVariant.Layer.KV;
import static dev.omnisim.scenarios.detection.BrokenVariant.Layer.SEQUENCE_PAXOS;
import static dev.omnisim.scenarios.detection.BrokenVariant.Layer.STORAGE;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvService;
import dev.omnisim.kvpaxos.KvStateMachine;
import dev.omnisim.omnipaxos.OmniPaxos;
import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.fuzz.BrokenConsensus;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Deliberately broken implementations, each one small change of the kind students and busy engineers
 * make, for measuring the detection power of the default checks ({@link DetectionPower}). Bugs a
 * wrapper can express are wrappers (a server or state machine subclass, a byte store, a peer
 * decorator), the earlier {@link BrokenServers} and {@link BrokenConsensus} included; bugs inside
 * OmniPaxos or the key-value server are {@link SourceMutant}s of the real sources. Each constant's
 * Javadoc names the execution in which the bug breaks safety or liveness.
 */
enum BrokenVariant {
  // ------------------------------------------------------------------ key-value layer

  /** {@link BrokenServers#WITHOUT_DUPLICATE_DETECTION}: a retried Append whose reply was lost runs twice. */
  WITHOUT_DUPLICATE_DETECTION(KV, "no duplicate detection: every decided copy of a retried command executes",
      c -> BrokenServers.WITHOUT_DUPLICATE_DETECTION.implementation()),
  /** {@link BrokenServers#READING_LOCALLY_AT_THE_LEADER}: a deposed leader that has not heard so reads stale. */
  READING_LOCALLY_AT_THE_LEADER(KV, "Get answered from the leader's own map, not through the log",
      c -> BrokenServers.READING_LOCALLY_AT_THE_LEADER.implementation()),
  /** {@link BrokenServers#READING_LOCALLY_ANYWHERE}: any lagging replica answers a stale Get. */
  READING_LOCALLY_ANYWHERE(KV, "Get answered from any replica's own map",
      c -> BrokenServers.READING_LOCALLY_ANYWHERE.implementation()),
  /**
   * The snapshot holds the map but not the duplicate table. A server that restarts, or a follower
   * that catches up, from a snapshot has an empty table: a client whose Append was decided (its reply
   * lost) retries, the retry is decided again after the snapshot, and this replica executes it twice
   * while the replicas that applied the log kept the table and did not: replicas diverge, and a Get
   * through this one returns the value with the Append twice.
   */
  SNAPSHOT_WITHOUT_DUPLICATE_TABLE(KV, "snapshot of the map without the duplicate table",
      c -> kvStateMachine(KvBugs.SnapshotWithoutDuplicateTable::new)),
  /**
   * A waiter is answered as soon as some entry is decided at the index its command was appended at,
   * without checking that the entry is its own, in a server whose waiters wait across leader changes
   * for their index to be decided (a correct design on its own, as DESIGN.md allows: "sees another
   * entry decided at the index it proposed at"). A leader appends Put(k, v) at index i and is deposed
   * before i is decided; the new leader decides another command at i: the client is told its Put
   * succeeded, the Put is never executed, and a later Get(k) misses v. (The reference also fails every
   * waiter when it stops leading, which on its own masks the missing check: dropping only the check
   * would be an equivalent mutant, hence the two edits.)
   */
  ANSWERING_WITHOUT_CHECKING_ITS_ENTRY(KV, "waiter answered by whatever entry is decided at its index",
      c -> kvServerMutant(c, SourceMutant.kvServer(List.of(
          "boolean mine = w.command().equals(c);", "boolean mine = true; // we proposed at this index, so it is our command",
          "if (!waiting.isEmpty() && !peer.isLeader()) {\n      failAllWaiting();\n    }",
          "// waiters wait for their index to be decided, whoever leads by then")))),
  /**
   * The leader executes a write on its map when it appends it, not when it is decided (out of log
   * order: proposal order first, decided order never checked). When the leader is deposed and its
   * appended entry is replaced, its map keeps a write nobody decided; a Get it later serves through
   * the log returns that value, and a retry is answered at once from the table though never decided.
   */
  APPLYING_BEFORE_DECIDED(KV, "applies its own commands when proposed instead of in decided order",
      c -> Implementation.REFERENCE.withServer(KvBugs.ApplyingBeforeDecided::new)),
  /**
   * The duplicate table forgets a client once a retry of its latest command was filtered ("it has its
   * reply now"). On a lossy network a command can be decided three times (the first reply and the
   * first retry's reply both lost, or forwards repeated across a leader change): the third copy finds
   * no entry and executes again, so an Append appears twice.
   */
  DUPLICATE_TABLE_FREED_TOO_EARLY(KV, "duplicate-table entry freed after the first filtered retry",
      c -> kvStateMachine(KvBugs.FreeingTheEntryAfterARetry::new)),
  /** An Append executes as a Put (copy-paste of the Put case): Append(k, "x") after Put(k, "a") leaves "x". */
  APPEND_APPLIED_AS_PUT(KV, "Append executed as Put", c -> kvStateMachine(KvBugs.AppendAsPut::new)),

  // ------------------------------------------------------------------ Sequence Paxos

  /** {@link BrokenConsensus#DECIDING_WITHOUT_A_MAJORITY}: a leader in a minority keeps deciding. */
  DECIDING_WITHOUT_A_MAJORITY(SEQUENCE_PAXOS, "leader counts forged acknowledgements: decides alone",
      c -> BrokenConsensus.DECIDING_WITHOUT_A_MAJORITY.implementation()),
  /**
   * Ballots compare by round and priority only, not by pid ("two peers never pick the same round").
   * Two peers that take over at the same moment both bid round n + 1; a follower that promised one
   * finds the other's prepare not below its promise and promises it too, so both leaders gather
   * quorums for "the same" ballot and decide different entries at the same index.
   */
  BALLOT_IGNORING_PID(SEQUENCE_PAXOS, "ballot comparison that ignores the pid",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("Ballot.java",
          "return c != 0 ? c : Integer.compare(pid, o.pid);", "return c;"))),
  /**
   * The leader counts any {@code Accepted} not above its ballot, old ones included ("an older
   * acknowledgement is still an acknowledgement"). A follower that accepted entries 0..9 under an
   * earlier leader, delivered late to the new leader, counts as holding the new leader's 0..9, which
   * may differ: the leader decides entries only it holds, and they are lost when it fails.
   */
  ACCEPTED_FROM_AN_OLDER_BALLOT(SEQUENCE_PAXOS, "Accepted counted from an older ballot",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "if (!a.n().equals(leaderBallot)) {", "if (a.n().isAbove(leaderBallot)) {"))),
  /**
   * The quorum is {@code n / 2} (the "+ 1" forgotten): 1 of 3, 2 of 5. A leader finishes its prepare
   * without hearing anyone (3 servers) and so never adopts the decided entries it lacks, and two
   * leaders cut off from each other both decide (5 servers: each with one follower).
   */
  QUORUM_OF_HALF(SEQUENCE_PAXOS, "quorum size n / 2 instead of n / 2 + 1",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "this.majority = ids.length / 2 + 1;", "this.majority = ids.length / 2;"))),
  /**
   * A follower compares a Prepare with its accepted round instead of its promise (two ballots, easy to
   * confuse): having promised b2 but accepted only in b1, it promises a late Prepare of b1.5, lowering
   * its promise, and accepts the deposed leader's entries: two leaders each count it in their quorum.
   */
  ACCEPTING_BELOW_THE_PROMISE(SEQUENCE_PAXOS, "Prepare checked against the accepted round, not the promise",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "if (storage.promise().isAbove(p.n())) {", "if (storage.acceptedRound().isAbove(p.n())) {"))),
  /**
   * The leader ignores the logs in the promises and keeps its own ("it won the election, so it is up
   * to date", true in Raft, not in Ballot Leader Election). A peer that was cut off while the others
   * decided entries takes over and overwrites them: decided writes vanish.
   */
  LEADER_NOT_ADOPTING_THE_MOST_RECENT_LOG(SEQUENCE_PAXOS, "prepare phase keeps the leader's own log",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "Message.Promise<T> best = leader.mostRecentPromise();",
          "Message.Promise<T> best = null; // elected, so our log is the most recent"))),
  /**
   * The most recent log is the longest one, whatever round it was accepted in (Raft's comparison
   * without its term). A long log from a deposed leader's round beats a shorter log of a later round
   * that holds decided entries, which the new leader then overwrites.
   */
  LONGEST_LOG_WINS(SEQUENCE_PAXOS, "most recent log chosen by length only, ignoring the accepted round",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("LeaderState.java",
          "int c = p.acceptedRound().compareTo(bestRound);", "int c = 0; // the longest log is the newest"))),
  /**
   * A follower takes every AcceptSync as the whole truth and cuts its log to it, even in the ballot it
   * is already synchronised in. A late or repeated sync (a resync of the same session) cuts entries
   * it acknowledged after the first sync and the leader counted towards a decision; if the leader
   * then fails, the next leader may not find them: decided entries lost.
   */
  ACCEPT_SYNC_TRUNCATING_ACCEPTED_ENTRIES(SEQUENCE_PAXOS, "AcceptSync cuts entries accepted in the same ballot",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "appendBeyondLog(suffix);\n    } else {", "adopt(suffix); // the leader's sync is the truth, in any ballot\n    } else {"))),
  /**
   * A follower takes the leader's decided index as it is, without clamping it to its own log ("the
   * leader knows best"). A Decide that overtakes the AcceptDecide carrying the entries, or a batch cut
   * short by the per-step bound, marks entries decided that the follower does not hold.
   */
  DECIDED_INDEX_NOT_CLAMPED(SEQUENCE_PAXOS, "follower's decided index not clamped to its log",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("SequencePaxos.java",
          "long d = Math.min(follower.leaderDecided, storage.logLength());", "long d = follower.leaderDecided;"))),

  // ------------------------------------------------------------------ storage and sync order

  /** {@link BrokenServers#FORGETTING_TO_PERSIST}: consensus state in memory only; a crash of all loses it. */
  FORGETTING_TO_PERSIST(STORAGE, "consensus state kept in memory only",
      c -> BrokenServers.FORGETTING_TO_PERSIST.implementation()),
  /** {@link BrokenConsensus#ACKNOWLEDGING_BEFORE_SYNC}: a lossy disk loses what was acknowledged. */
  ACKNOWLEDGING_BEFORE_SYNC(STORAGE, "never syncs: acknowledges what the page cache holds",
      c -> BrokenConsensus.ACKNOWLEDGING_BEFORE_SYNC.implementation()),
  /**
   * The fsync is issued after the messages are handed out (it runs before the next write). A follower
   * accepts entries, sends {@code Accepted}, and crashes before its next write: on a disk that loses
   * unsynced writes it comes back without entries a quorum was counted on.
   */
  SYNCING_AFTER_SENDING(STORAGE, "sync issued after the messages were sent",
      c -> withStore(StorageBugs.SyncingAfterSending::new)),
  /**
   * The promise is written to storage only with the next state change ("it is in memory, and the
   * accepted round is written soon anyway"). A follower promises b2, crashes, and restarts with its
   * old promise b1: it accepts a deposed leader's b1.5 entries, and both leaders count it.
   */
  PROMISE_NOT_PERSISTED_BEFORE_PROMISE(STORAGE, "promise not persisted before the Promise is sent",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("PersistentStorage.java",
          "promise = Objects.requireNonNull(ballot);\n      stateDirty = true;",
          "promise = Objects.requireNonNull(ballot); // written with the next state change"))),
  /**
   * Log appends sit in an application buffer that is written out only when full, while sync() fsyncs
   * the files (the decided index is in the state file, written through). A crash loses buffered
   * entries the peer acknowledged, and its recovered decided index can exceed its log.
   */
  DECIDED_INDEX_PERSISTED_BUT_LOG_NOT(STORAGE, "log appends buffered past sync; decided index written through",
      c -> withStore(StorageBugs.LogBufferedPastSync::new)),
  /**
   * Recovery skips the checksum of log records ("the length field already tells where a record
   * ends"). A crash that tears the last append leaves a record of the right length with garbage or
   * zeros: recovery decodes it as an entry the peer never accepted, and may later send or decide it.
   */
  RECOVERY_TRUSTING_A_TORN_RECORD(STORAGE, "log recovery without the record checksum",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("PersistentStorage.java",
          "if ((int) crc.getValue() != buf.getInt()) {\n        clean = false; // torn tail\n        break;\n      }",
          "buf.getInt(); // the length field already tells where a record ends"))),

  // ------------------------------------------------------------------ leader election

  /** {@link BrokenConsensus#IGNORING_QUORUM_CONNECTIVITY}: plain highest-ballot election. */
  IGNORING_QUORUM_CONNECTIVITY(ELECTION, "every heartbeat read as quorum-connected",
      c -> BrokenConsensus.IGNORING_QUORUM_CONNECTIVITY.implementation()),
  /**
   * A peer that is not quorum-connected still judges and takes over ("if nobody leads, I will"). In
   * the quorum-loss shape the isolated peers keep raising ballots; their heartbeats carry ever higher
   * promises to the one server they reach, which then ousts a working leader again and again.
   */
  TAKEOVER_WITHOUT_QUORUM_CONNECTIVITY(ELECTION, "takeover by a peer that is not quorum-connected",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("BallotLeaderElection.java", List.of(
          "quorumConnected = connected >= majority;\n    if (!quorumConnected) {\n      return Optional.empty();\n    }",
          "quorumConnected = connected >= majority;",
          "if (tick < graceTicks || !freshlyQuorumConnected()) {", "if (tick < graceTicks) {")))),
  /**
   * A peer counts another as connected when it hears from it, whether or not that peer hears it. With
   * a one-way cut A→B, B counts A and A does not count B: B believes itself quorum-connected through
   * a link that cannot carry its prepares or accepts, takes over, and never finishes preparing.
   */
  CONNECTIVITY_COUNTED_ONE_WAY(ELECTION, "connectivity counted when only one direction works",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("BallotLeaderElection.java",
          "return echoIsRecent(heardMyRound[i], multiplier);", "return true;"))),
  /**
   * A leader that never gives up: while it believes it leads, it takes its own ballot as the top one
   * ("I am the leader"), and it takes over from a higher ballot even when that ballot's holder answers
   * its probe alive and quorum-connected. Whenever another peer takes over (a lost heartbeat, a
   * partition that heals), the old leader sees a higher promise than its ballot and takes over again;
   * the new one, now ousted while it believed it led, does the same: the two oust each other every few
   * rounds for as long as both run, and every takeover stalls clients for a prepare phase.
   */
  LEADER_NEVER_GIVES_UP(ELECTION, "a leader that ignores higher ballots and takes over again",
      c -> omniPaxosMutant(c, SourceMutant.omnipaxos("BallotLeaderElection.java", List.of(
          "top = Ballot.max(top, ballot);", "top = leader.pid() == self ? ballot : Ballot.max(top, ballot);",
          "return Optional.empty(); // it answered: alive and quorum-connected, only its heartbeats are slow",
          "// it answered; we were leading, so it must be mistaken"))));

  /** Where a bug lives; the labels are the table's. */
  enum Layer {
    KV("kv"), SEQUENCE_PAXOS("sequence-paxos"), STORAGE("storage"), ELECTION("election");

    final String label;

    Layer(String label) {
      this.label = label;
    }
  }

  final Layer layer;
  final String mistake;
  private final Function<MutantCompiler, Implementation> build;

  BrokenVariant(Layer layer, String mistake, Function<MutantCompiler, Implementation> build) {
    this.layer = layer;
    this.mistake = mistake;
    this.build = build;
  }

  /** The broken implementation, named after this variant; source-level mutants compile through {@code compiler}. */
  Implementation implementation(MutantCompiler compiler) {
    return build.apply(compiler).named(name());
  }

  private static Implementation kvStateMachine(Supplier<KvStateMachine> machine) {
    return Implementation.REFERENCE.withServer((peer, every) -> new KvServer(peer, machine.get(), every));
  }

  /** OmniPaxos on a wrapped byte store. */
  private static Implementation withStore(UnaryOperator<ByteStore> wrap) {
    return Implementation.REFERENCE.withConsensus(setup -> new OmniPaxos<>(setup.withStore(wrap.apply(setup.store()))));
  }

  /** The reference with the mutant OmniPaxos, built through its {@code OmniPaxos(PeerSetup)} constructor. */
  @SuppressWarnings("unchecked")
  private static Implementation omniPaxosMutant(MutantCompiler compiler, SourceMutant mutant) {
    Constructor<?> make = constructor(compiler.loadClass(mutant, OmniPaxos.class.getName()), PeerSetup.class);
    return Implementation.REFERENCE.withConsensus(setup -> (ConsensusPeer<KvCommand>) construct(make, setup));
  }

  /** The reference with the mutant {@code KvServer}, over the reference state machine. */
  private static Implementation kvServerMutant(MutantCompiler compiler, SourceMutant mutant) {
    Constructor<?> make = constructor(compiler.loadClass(mutant, KvServer.class.getName()),
        ConsensusPeer.class, KvStateMachine.class, long.class);
    return Implementation.REFERENCE.withServer((peer, every) -> (KvService) construct(make, peer, new KvStateMachine(), every));
  }

  private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
    if (type.getClassLoader() == BrokenVariant.class.getClassLoader()) {
      throw new IllegalStateException(type + " came from the test classpath: the mutant would be the reference");
    }
    try {
      return type.getConstructor(parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the mutant " + type + " lost its constructor", e);
    }
  }

  /** Calls a mutant's constructor; what the constructor throws is thrown as it is (a node's exception). */
  private static Object construct(Constructor<?> make, Object... arguments) {
    try {
      return make.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + make.getDeclaringClass(), e);
    }
  }
}
