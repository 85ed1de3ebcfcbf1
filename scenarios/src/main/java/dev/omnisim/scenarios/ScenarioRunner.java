package dev.omnisim.scenarios;

import dev.omnisim.scenarios.check.Failure;
import dev.omnisim.scenarios.check.Invariants;
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

/**
 * Runs one scenario with one seed: builds the cluster, runs the body, then judges the client history
 * with the linearizability checker (key-value model). A run fails on the first failed check, on a
 * non-linearizable (or undecidable) history, and on an exception in node code.
 */
public final class ScenarioRunner {
  private final Implementation implementation;
  private final boolean recordTrace;
  private final Duration checkTimeout;
  /** Added to every result's replay command, so that it runs this implementation again ("" for the reference). */
  private final String replayArguments;
  private final boolean checkInvariants;

  /**
   * A runner whose clusters run {@code implementation}; with {@code recordTrace} every event is kept
   * for the failure report; the checker gets {@code checkTimeout}.
   */
  public ScenarioRunner(Implementation implementation, boolean recordTrace, Duration checkTimeout) {
    this(implementation, recordTrace, checkTimeout, "", true);
  }

  private ScenarioRunner(Implementation implementation, boolean recordTrace, Duration checkTimeout,
      String replayArguments, boolean checkInvariants) {
    this.implementation = implementation;
    this.recordTrace = recordTrace;
    this.checkTimeout = checkTimeout;
    this.replayArguments = replayArguments;
    this.checkInvariants = checkInvariants;
  }

  /**
   * The same runner, whose results' replay commands add {@code arguments} (e.g. {@code --submission
   * PATH}): a replay then runs the same code, not the reference, which may pass.
   */
  public ScenarioRunner withReplayArguments(String arguments) {
    return new ScenarioRunner(implementation, recordTrace, checkTimeout, arguments, checkInvariants);
  }

  /**
   * The same runner with the invariants after every step switched off ({@code false}): for measuring
   * what they cost only; every other run checks them.
   */
  public ScenarioRunner withInvariants(boolean check) {
    return new ScenarioRunner(implementation, recordTrace, checkTimeout, replayArguments, check);
  }

  /** A runner over the reference implementation, without trace recording. */
  public static ScenarioRunner reference() {
    return new ScenarioRunner(Implementation.REFERENCE, false, Duration.ofSeconds(30));
  }

  /** The implementation this runner's clusters run. */
  public Implementation implementation() {
    return implementation;
  }

  /** The same runner with trace recording on or off. */
  public ScenarioRunner withRecordTrace(boolean record) {
    return new ScenarioRunner(implementation, record, checkTimeout, replayArguments, checkInvariants);
  }

  /** The same runner over another implementation (a broken variant, a submission, a baseline). */
  public ScenarioRunner withImplementation(Implementation other) {
    return new ScenarioRunner(other, recordTrace, checkTimeout, replayArguments, checkInvariants);
  }

  /** Runs {@code scenario} with {@code seed}. */
  public ScenarioResult run(Scenario requested, long seed) {
    Scenario scenario = requested.forSeed(seed); // a swarm scenario draws its cluster from the seed
    ClusterOptions options = References.clusterOptions(scenario, implementation).withRecordTrace(recordTrace);
    KvCluster cluster = new KvCluster(seed, options, checkInvariants);
    Failure failure = null;
    try {
      scenario.body().run(cluster, cluster.sim().randomStream("scenario"));
    } catch (ScenarioFailure e) {
      failure = e.failure();
    } catch (Invariants.InvariantViolation e) {
      failure = e.failure();
    } catch (SimulationLimitExceeded e) {
      failure = new Failure.LimitExceeded(e.getMessage());
    } catch (RuntimeException e) {
      failure = new Failure.NodeException(e + suppressedContext(e));
    }
    History<KvOp, String> history = cluster.history();
    CheckResult<KvOp, String> check = new Checker(CheckOptions.defaults().withTimeout(checkTimeout))
        .check(new KvModel(), history);
    if (failure == null && check.verdict() != Verdict.OK) {
      failure = describe(check);
    }
    if (failure == null && scenario.expectedOps() > 0 && cluster.completedOperations() != scenario.expectedOps()) {
      failure = new Failure.CheckFailed("expected " + scenario.expectedOps() + " client operations, completed "
          + cluster.completedOperations());
    }
    var sim = cluster.sim();
    return new ScenarioResult(scenario, seed, failure, sim.now(), sim.counters().exchanges(),
        cluster.completedOperations(), sim.trace().fingerprintHex(), history, check,
        recordTrace ? sim.trace().events() : List.of(), new ScenarioResult.CrashStats(sim.counters().crashes(),
            sim.counters().crashesInsideSteps(), sim.counters().crashesWithUnsyncedWrites(),
            sim.counters().crashesThatLostWrites(), sim.counters().crashesThatToreWrites()), replayArguments);
  }

  private static Failure describe(CheckResult<KvOp, String> check) {
    if (check.verdict() == Verdict.UNKNOWN) {
      return new Failure.NotLinearizable("the linearizability checker could not decide within its budget", true);
    }
    // The checker's explanation and its counterexample in words, never the records themselves.
    KvModel model = new KvModel();
    StringBuilder text = new StringBuilder("history is not linearizable");
    for (PartitionResult<KvOp, String> p : check.undecidedOrIllegal()) {
      text.append("\n  ").append(p.label()).append(" (").append(p.verdict() == Verdict.ILLEGAL ? "not linearizable"
          : "undecided").append(", by ").append(p.method().description()).append("): ").append(p.explanation());
      text.append("\n    counterexample: the longest order that works takes ").append(p.linearization().size())
          .append(" of ").append(p.operations().size()).append(" operations and leaves ").append(p.state());
      p.stuck().stream().limit(3).forEach(s -> text.append("\n    cannot come next: client ")
          .append(s.operation().client()).append(" op ").append(s.operation().id()).append(' ')
          .append(model.describeOperation(s.operation())).append(" — ").append(s.reason()));
      if (p.stuck().size() > 3) {
        text.append("\n    … and ").append(p.stuck().size() - 3).append(" more that cannot come next");
      }
    }
    String s = text.toString();
    return new Failure.NotLinearizable(s.length() > 2_000 ? s.substring(0, 2_000) + " …" : s, false);
  }

  private static String suppressedContext(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable s : e.getSuppressed()) {
      out.append(" (").append(s.getMessage()).append(')');
    }
    return out.toString();
  }
}
