package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.lincheck.CheckOptions;
import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.sim.SimulationLimitExceeded;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runs one scenario with one seed: builds the cluster, runs the body, then judges the client history
 * with the linearizability checker (key-value model). A run fails on the first failed check, on a
 * non-linearizable (or undecidable) history, and on an exception in node code.
 */
public final class ScenarioRunner {
  /** The lab's limit on a test's virtual time. */
  public static final long LAB_TIME_LIMIT_MICROS = 120_000_000;

  private final IntFunction<KvServerNode.Config> servers;
  private final ClerkFactory clerks;
  private final boolean recordTrace;
  private final Duration checkTimeout;

  /**
   * A runner whose clusters of n servers are built by {@code servers.apply(n)} and whose clients use
   * Clerks from {@code clerks}; with {@code
   * recordTrace} every event is kept for the failure report; the checker gets {@code checkTimeout}.
   */
  public ScenarioRunner(IntFunction<KvServerNode.Config> servers, ClerkFactory clerks, boolean recordTrace,
      Duration checkTimeout) {
    this.servers = servers;
    this.clerks = clerks;
    this.recordTrace = recordTrace;
    this.checkTimeout = checkTimeout;
  }

  /** A runner over the reference implementation, without trace recording. */
  public static ScenarioRunner reference() {
    return new ScenarioRunner(References::serverConfig, References.clerks(), false, Duration.ofSeconds(30));
  }

  /** The same runner with trace recording on or off. */
  public ScenarioRunner withRecordTrace(boolean record) {
    return new ScenarioRunner(servers, clerks, record, checkTimeout);
  }

  /** The same runner over other servers (a broken variant, a submission). */
  public ScenarioRunner withServers(IntFunction<KvServerNode.Config> config) {
    return new ScenarioRunner(config, clerks, recordTrace, checkTimeout);
  }

  /** The same runner with other Clerks (a submission's). */
  public ScenarioRunner withClerks(ClerkFactory factory) {
    return new ScenarioRunner(servers, factory, recordTrace, checkTimeout);
  }

  /** Runs {@code scenario} with {@code seed}. */
  public ScenarioResult run(Scenario scenario, long seed) {
    ClusterOptions options = References.clusterOptions(scenario, servers.apply(scenario.servers()))
        .withClerks(clerks).withRecordTrace(recordTrace);
    KvCluster cluster = new KvCluster(seed, options);
    String failure = null;
    try {
      scenario.body().run(cluster, cluster.sim().randomStream("scenario"));
    } catch (ScenarioFailure | SimulationLimitExceeded e) {
      failure = e.getMessage();
    } catch (RuntimeException e) {
      failure = "exception in the simulation: " + e + suppressedContext(e);
    }
    History<KvOp, String> history = cluster.history();
    CheckResult<KvOp, String> check = new Checker(CheckOptions.defaults().withTimeout(checkTimeout))
        .check(new KvModel(), history);
    if (failure == null && check.verdict() != Verdict.OK) {
      failure = describe(check);
    }
    if (failure == null && scenario.expectedOps() > 0 && cluster.completedOperations() != scenario.expectedOps()) {
      failure = "expected " + scenario.expectedOps() + " client operations, completed " + cluster.completedOperations();
    }
    var sim = cluster.sim();
    return new ScenarioResult(scenario, seed, failure, sim.now(), sim.counters().exchanges(),
        cluster.completedOperations(), sim.trace().fingerprintHex(), history, check,
        recordTrace ? sim.trace().events() : List.of());
  }

  private static String describe(CheckResult<KvOp, String> check) {
    if (check.verdict() == Verdict.UNKNOWN) {
      return "the linearizability checker could not decide within its budget";
    }
    StringBuilder text = new StringBuilder("history is not linearizable");
    for (PartitionResult<KvOp, String> p : check.undecidedOrIllegal()) {
      text.append("\n  ").append(p);
    }
    String s = text.toString();
    return s.length() > 2_000 ? s.substring(0, 2_000) + " …" : s;
  }

  private static String suppressedContext(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable s : e.getSuppressed()) {
      out.append(" (").append(s.getMessage()).append(')');
    }
    return out.toString();
  }
}
