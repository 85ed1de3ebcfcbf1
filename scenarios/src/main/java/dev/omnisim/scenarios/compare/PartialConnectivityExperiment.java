package dev.omnisim.scenarios.compare;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.kvpaxos.Clerk;
import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.scenarios.ClusterOptions;
import dev.omnisim.scenarios.ClusterTimings;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.scenarios.References;
import dev.omnisim.scenarios.ScenarioFailure;
import dev.omnisim.scenarios.check.Invariants;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.NetworkPreset;
import dev.omnisim.sim.SimulationLimitExceeded;
import dev.omnisim.sim.TraceEvent;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One run of the paper's partial-connectivity experiment (§7.2; the artifact's E1), on the cluster
 * harness, so every invariant holds the protocol to safety after every step:
 *
 * <ol>
 *   <li>closed-loop clients put continuously from the start, each after a short think time;
 *   <li>warm-up: wait for a leader, pick the follower S at random from the seed, run the load for the
 *       warm-up plus a random phase within one election timeout, drawn from the seed, so the cut is not
 *       phase-locked to the election rounds (in constrained election S is cut off meanwhile, so its
 *       log lags);
 *   <li>the cut into the scenario's shape around the leader of that moment and S;
 *   <li>the fixed window, in which the decided prefix and the leader changes are measured.
 * </ol>
 *
 * <p>The network is the lab's reliable one (0.1–1 ms one way); only the cut loses messages.
 *
 * <p>Only the election timeout changes between runs: ticks stay the lab's 10 ms and the resend timeout
 * its 100 ms, so throughput (bound by ticks, as batching is) does not change with the timeout. A Clerk
 * gives up on a server after one election timeout, at most the lab's 500 ms, so the client's own
 * timeouts do not hide a protocol's recovery.
 */
public final class PartialConnectivityExperiment {
  /** The lab's tick. */
  static final long TICK_MICROS = References.TICK_MICROS;

  private final CompareOptions options;

  /** An experiment shaped by {@code options}. */
  public PartialConnectivityExperiment(CompareOptions options) {
    this.options = options;
  }

  /**
   * Runs {@code implementation} (registered as {@code protocol}) in {@code scenario} with an election
   * timeout of {@code electionTimeoutMs} and {@code seed}.
   */
  public CompareRun run(String protocol, Implementation implementation, PartitionScenario scenario,
      long electionTimeoutMs, long seed) {
    return execute(protocol, implementation, scenario, electionTimeoutMs, seed, false).run();
  }

  /**
   * A run and what the harness recorded of it.
   *
   * @param run the run's measures
   * @param trace every trace event (recorded only when asked for)
   * @param windowStartMicros when the cut happened
   */
  record Recorded(CompareRun run, List<TraceEvent> trace, long windowStartMicros) {}

  /** As {@link #run}, with the trace recorded: how a test checks the measures against the trace. */
  Recorded runRecorded(String protocol, Implementation implementation, PartitionScenario scenario,
      long electionTimeoutMs, long seed) {
    return execute(protocol, implementation, scenario, electionTimeoutMs, seed, true);
  }

  private Recorded execute(String protocol, Implementation implementation, PartitionScenario scenario,
      long electionTimeoutMs, long seed, boolean record) {
    String problem = checkTimeout(electionTimeoutMs);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    long timeoutMicros = electionTimeoutMs * 1_000;
    ProgressObserver observer = new ProgressObserver(scenario.servers());
    KvCluster cluster = new KvCluster(seed, clusterOptions(observer.around(withClerks(implementation, timeoutMicros)),
        scenario, timeoutMicros).withRecordTrace(record));
    observer.clock(cluster.sim()::now);
    String failure = null;
    try {
      runPhases(cluster, observer, scenario, timeoutMicros);
    } catch (ScenarioFailure e) {
      failure = e.failure().describe();
    } catch (Invariants.InvariantViolation e) {
      failure = e.failure().describe();
    } catch (SimulationLimitExceeded e) {
      failure = e.getMessage();
    } catch (RuntimeException e) {
      failure = "exception in node code: " + e;
    }
    boolean recovered = failure == null
        && observer.lastDecisionMicros() > observer.windowStartMicros() + options.windowMicros() * 3 / 4;
    CompareRun run = new CompareRun(protocol, scenario.label(), electionTimeoutMs, seed, recovered,
        failure == null ? observer.downTimeMicros() / 1_000 : options.windowMicros() / 1_000,
        observer.decidedInWindow(), observer.leaderChanges(), failure);
    return new Recorded(run, record ? cluster.sim().trace().events() : List.of(), observer.windowStartMicros());
  }

  private void runPhases(KvCluster cluster, ProgressObserver observer, PartitionScenario scenario, long timeoutMicros) {
    for (int i = 0; i < options.clients(); i++) {
      startClosedLoop(cluster, cluster.makeClerk(), "c" + i);
    }
    long leaderWait = options.leaderWaitTimeouts() * timeoutMicros;
    if (!cluster.runUntil(() -> cluster.leader().isPresent(), leaderWait)) {
      throw new ScenarioFailure("no leader before the cut: none within " + options.leaderWaitTimeouts()
          + " election timeouts");
    }
    DeterministicRandom random = cluster.sim().randomStream("compare");
    int firstLeader = cluster.leader().getAsInt();
    int[] followers = IntStream.of(cluster.serverIds()).filter(id -> id != firstLeader).toArray();
    int s = followers[random.nextInt(followers.length)];
    if (scenario.lagsBeforeCut()) {
      cluster.isolateServer(s);
    }
    // The cut lands at a seeded, uniformly drawn phase within an election timeout, as the artifact's
    // cut falls at no particular moment of the servers' free-running heartbeat timers. Without it the
    // cut was phase-locked to the election rounds (a leader appears just after a round ends and the
    // warm-up is a whole number of rounds), always ~1.3 ms into a round, with heartbeat replies in
    // flight: a follower that heard a majority without the leader in that round raised its ballot,
    // and Multi-Paxos's S then followed that isolated highest ballot for ever (constrained election).
    long phase = random.nextLong(timeoutMicros);
    cluster.runFor(Math.max(options.warmUpMicros(), options.warmUpTimeouts() * timeoutMicros) + phase);
    int leader = cluster.leader().orElse(firstLeader);
    int partner = leader != s ? s : firstLeader;
    observer.openWindow(options.windowMicros());
    scenario.cut(partner, leader).apply(cluster.faultTarget());
    cluster.runFor(options.windowMicros());
  }

  /**
   * Why {@code electionTimeoutMs} cannot be run, or null when it can: it must be a whole number of ticks,
   * at least two.
   */
  public static String checkTimeout(long electionTimeoutMs) {
    long tickMs = TICK_MICROS / 1_000;
    if (electionTimeoutMs < 2 * tickMs || electionTimeoutMs % tickMs != 0 || electionTimeoutMs > 3_600_000) {
      return "election timeout " + electionTimeoutMs + " ms must be a multiple of the " + tickMs + " ms tick within ["
          + 2 * tickMs + ", 3600000] ms";
    }
    return null;
  }

  /** A client that puts to its own key, one operation after the other with a think time, for the whole run. */
  private void startClosedLoop(KvCluster cluster, KvClerk clerk, String key) {
    long[] n = {0};
    Runnable[] next = new Runnable[1];
    Runnable think = () -> cluster.sim().schedule(options.thinkMicros(), "think", next[0]);
    next[0] = () -> clerk.put(key, Long.toString(n[0]++), think);
    next[0].run();
  }

  private static Implementation withClerks(Implementation implementation, long timeoutMicros) {
    long callTimeout = Math.min(timeoutMicros, References.CLERK_CALL_TIMEOUT_MICROS);
    long backoff = Math.min(timeoutMicros / 10, References.CLERK_BACKOFF_MICROS);
    return implementation.withClerks((ctx, clientId, servers) -> new Clerk(ctx, clientId, servers, callTimeout, backoff));
  }

  private ClusterOptions clusterOptions(Implementation implementation, PartitionScenario scenario, long timeoutMicros) {
    ConsensusOptions lab = ConsensusOptions.DEFAULTS;
    ClusterTimings timings = new ClusterTimings(TICK_MICROS, new ConsensusOptions((int) (timeoutMicros / TICK_MICROS),
        lab.resendTimeoutTicks(), lab.maxBatchSize(), lab.maxPendingProposals()), References.SNAPSHOT_EVERY_ENTRIES);
    long limit = options.leaderWaitTimeouts() * timeoutMicros + Math.max(options.warmUpMicros(),
        options.warmUpTimeouts() * timeoutMicros) + timeoutMicros + options.windowMicros() + 1;
    return new ClusterOptions(scenario.servers(), NetworkPreset.RELIABLE, implementation, limit, false, timings);
  }
}
