package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.SimLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The lab's workload. In one phase each of {@code clients} fresh Clerks owns the key "cli" (its
 * index), puts "" there, then runs {@code rounds} rounds of: with probability 1/2 Append(key,
 * "x cli j y"), otherwise Get(key) checked against its own running value, and after either a checked
 * Get. Then a long-lived Clerk reads every key and checks it holds each append exactly once and in
 * order. Ops per phase: clients × (2 + 2 × rounds).
 */
public final class LabWorkload {
  /** How long one phase may take before it counts as "no progress". */
  static final long PHASE_LIMIT_MICROS = 40_000_000;

  private LabWorkload() {}

  /**
   * Runs one phase to its end, failing the scenario on a wrong value or when clients stall. Returns
   * each client's key with the value the checking Clerk read there at the end (in client order), so
   * a scenario can check later that the values survived, e.g. a crash of every server.
   */
  public static LinkedHashMap<String, String> phase(KvCluster cluster, KvClerk checker, int clients, int rounds,
      DeterministicRandom random) {
    return phase(cluster, checker, clients, rounds, 0, random);
  }

  /**
   * As {@link #phase(KvCluster, KvClerk, int, int, DeterministicRandom)}, but each client pauses for a
   * think time drawn from [0, {@code thinkMicrosMax}] before every round, so that a phase spans
   * several actions of a fault schedule with the same (deterministic) number of operations. With 0
   * the clients draw nothing and run as in the lab.
   */
  public static LinkedHashMap<String, String> phase(KvCluster cluster, KvClerk checker, int clients, int rounds,
      long thinkMicrosMax, DeterministicRandom random) {
    if (thinkMicrosMax < 0) {
      throw new IllegalArgumentException("thinkMicrosMax must be >= 0, was " + thinkMicrosMax);
    }
    List<ClientLoop> loops = new ArrayList<>();
    for (int cli = 0; cli < clients; cli++) {
      loops.add(new ClientLoop(cluster, cluster.makeClerk(), cli, rounds, thinkMicrosMax, random.nextLong()));
    }
    loops.forEach(ClientLoop::start);
    if (!cluster.runUntil(() -> loops.stream().allMatch(l -> l.done), PHASE_LIMIT_MICROS)) {
      long stuck = loops.stream().filter(l -> !l.done).count();
      throw new ScenarioFailure("no progress: " + stuck + " of " + clients + " clients did not finish their "
          + rounds + " rounds within " + SimLog.formatMicros(PHASE_LIMIT_MICROS) + " (t=" + SimLog.formatMicros(
              cluster.sim().now()) + ")");
    }
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    for (ClientLoop loop : loops) {
      String[] read = new String[1];
      checker.get(loop.key, v -> read[0] = v);
      if (!cluster.runUntil(() -> read[0] != null, PHASE_LIMIT_MICROS)) {
        throw new ScenarioFailure("no progress: the checking Clerk's Get(" + loop.key + ") did not complete within "
            + SimLog.formatMicros(PHASE_LIMIT_MICROS));
      }
      checkClientAppends(loop.cli, read[0], loop.appends);
      if (!read[0].equals(loop.expected)) {
        throw new ScenarioFailure("get wrong value, key " + loop.key + ", wanted:\n" + loop.expected + "\ngot\n" + read[0]);
      }
      values.put(loop.key, read[0]);
    }
    return values;
  }

  /** The lab's checkClntAppends: each append of client {@code cli} is in {@code value} exactly once, in order. */
  static void checkClientAppends(int cli, String value, List<Integer> appends) {
    int lastPos = -1;
    for (int j : appends) {
      String wanted = "x " + cli + " " + j + " y";
      int pos = value.indexOf(wanted);
      if (pos < 0) {
        throw new ScenarioFailure(cli + " missing element " + wanted + " in Append result " + value);
      }
      if (value.indexOf(wanted, pos + 1) >= 0) {
        throw new ScenarioFailure("duplicate element " + wanted + " in Append result");
      }
      if (pos <= lastPos) {
        throw new ScenarioFailure("wrong order for element " + wanted + " in Append result");
      }
      lastPos = pos;
    }
  }

  /** One client's loop, as callbacks: each step starts the next when its operation completes. */
  private static final class ClientLoop {
    final KvCluster cluster;
    final long thinkMicrosMax;
    final KvClerk clerk;
    final int cli;
    final String key;
    final int rounds;
    final DeterministicRandom random;
    final List<Integer> appends = new ArrayList<>();
    String expected = "";
    boolean done;

    ClientLoop(KvCluster cluster, KvClerk clerk, int cli, int rounds, long thinkMicrosMax, long seed) {
      this.cluster = cluster;
      this.thinkMicrosMax = thinkMicrosMax;
      this.clerk = clerk;
      this.cli = cli;
      this.key = Integer.toString(cli);
      this.rounds = rounds;
      this.random = new DeterministicRandom(seed);
    }

    void start() {
      clerk.put(key, "", () -> round(0));
    }

    void round(int j) {
      if (j == rounds) {
        done = true;
        return;
      }
      if (random.nextBoolean()) {
        String arg = "x " + cli + " " + j + " y";
        clerk.append(key, arg, () -> {
          expected += arg;
          appends.add(j);
          checkedGet(j);
        });
      } else {
        clerk.get(key, v -> {
          check(v);
          checkedGet(j);
        });
      }
    }

    void checkedGet(int j) {
      clerk.get(key, v -> {
        check(v);
        if (thinkMicrosMax == 0 || j + 1 == rounds) {
          round(j + 1);
        } else {
          cluster.sim().schedule(random.nextLong(thinkMicrosMax + 1), "think", () -> round(j + 1));
        }
      });
    }

    void check(String value) {
      if (!value.equals(expected)) {
        throw new ScenarioFailure("get wrong value, key " + key + ", wanted:\n" + expected + "\ngot\n" + value);
      }
    }
  }
}
