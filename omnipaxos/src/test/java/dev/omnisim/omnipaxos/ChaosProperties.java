package dev.omnisim.omnipaxos;

import static dev.omnisim.omnipaxos.Cluster.MILLIS;
import static dev.omnisim.omnipaxos.Cluster.SECONDS;

import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Safety under chaos: random seeds and random fault schedules (drops, duplicates, reordering,
 * partitions including partial ones, crashes and restarts) while clients propose everywhere. The
 * network may also delay messages by seconds (labrpc's long reordering). The harness checks after every step of every peer that no two peers decide different entries at one
 * index, decided prefixes only grow, no two peers lead with one ballot and every decided entry was
 * proposed. Disks may lose unsynced writes at a crash, and services compact their logs at random.
 * At the end the network heals and every peer restarts: a new command must commit.
 */
class ChaosProperties {

  /** One fault action, applied after waiting {@code waitMillis}. */
  record Step(int kind, int a, int b, int waitMillis) {}

  @Provide
  Arbitrary<List<Step>> schedules() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(20, 400))
        .as(Step::new);
    return step.list().ofMinSize(3).ofMaxSize(15);
  }

  /**
   * Regression: a promised follower whose sync was lost (and whose leader had already counted it
   * as synchronised) waited forever; it now asks again after a timeout.
   */
  @net.jqwik.api.Example
  void promisedFollowerWhoseSyncIsLostAsksAgain() {
    noTwoPeersEverDecideDifferently(7, 1, 13, 3, true, 1, List.of(
        new Step(9, 0, 0, 143), new Step(10, 1, 0, 121), new Step(3, 0, 0, 107), new Step(8, 2, 1, 80),
        new Step(0, 0, 0, 399), new Step(6, 1, 4, 20), new Step(0, 0, 0, 344), new Step(12, 0, 0, 25),
        new Step(0, 3, 4, 350)));
  }

  /** A fixed seed keeps CI deterministic; change it (or remove it) to explore other schedules. */
  @Property(tries = 200, seed = "7094")
  void noTwoPeersEverDecideDifferently(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1) int size,
      @ForAll @IntRange(min = 0, max = 20) int dropPercent,
      @ForAll @IntRange(min = 0, max = 10) int duplicatePercent,
      @ForAll boolean lossyDisks,
      @ForAll @IntRange(min = 0, max = 3) int spikeLevel,
      @ForAll("schedules") List<Step> schedule) {
    int n = size == 0 ? 3 : 5;
    Cluster c = new Cluster(n, seed);
    c.sim.network().setDefaultFaults(LinkFaults.NONE
        .withLatency(new Latency.Uniform(100, 30_000))
        .withDropProbability(dropPercent / 100.0)
        .withDuplicateProbability(duplicatePercent / 100.0)
        .withFifo(false)
        // labrpc's long reordering at its strongest: 2/3 of messages 0.2-2.2 s late
        .withSpikes(spikeLevel == 3 ? 2.0 / 3.0 : spikeLevel * 0.1, Latency.uniformMillis(200, 2_200)));
    if (lossyDisks) {
      for (int i = 0; i < n; i++) {
        c.sim.disk(i).setMode(dev.omnisim.sim.DiskMode.LOSSY);
      }
    }
    boolean[] down = new boolean[n];
    int[] counter = {0};
    // Clients: a proposal at a random up peer every 25 ms while faults happen.
    var rnd = c.sim.randomStream("clients");
    long chaosMicros = schedule.stream().mapToLong(s -> s.waitMillis() * MILLIS).sum();
    for (long t = 0; t < chaosMicros; t += 25 * MILLIS) {
      c.sim.schedule(t, "client", () -> {
        int p = rnd.nextInt(n);
        if (c.peer(p) != null) {
          c.propose(p, "x" + counter[0]++);
        }
      });
    }
    for (Step s : schedule) {
      c.runFor(s.waitMillis() * MILLIS);
      apply(c, s, n, down);
    }
    // Heal everything and restart everyone: the cluster must make progress again.
    c.runFor(100 * MILLIS);
    c.sim.network().setDefaultFaults(LinkFaults.NONE);
    c.sim.network().heal();
    for (int i = 0; i < n; i++) {
      if (down[i]) {
        c.restart(i);
      }
    }
    c.awaitLeader(5 * SECONDS);
    c.one("final", n, true);
  }

  /**
   * Long runs on labrpc's long-reordering network (2/3 of messages 0.2-2.2 s late, some duplicated)
   * while the leader is cut off now and then: late syncs and accepts of old sessions and ballots are
   * the norm here, which is what the same-ballot rules must survive.
   */
  @Property(tries = 12, seed = "2023")
  void agreementSurvivesLongReordering(@ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int duplicatePercent) {
    Cluster c = new Cluster(5, seed);
    c.sim.network().setDefaultFaults(dev.omnisim.sim.NetworkPreset.LONG_REORDERING.faults()
        .withDuplicateProbability(duplicatePercent / 100.0)
        .withDropProbability(0.05));
    var rnd = c.sim.randomStream("clients");
    int[] counter = {0};
    for (long t = 0; t < 20 * SECONDS; t += 20 * MILLIS) {
      c.sim.schedule(t, "client", () -> c.propose(rnd.nextInt(5), "y" + counter[0]++));
    }
    for (long t = 2 * SECONDS; t < 20 * SECONDS; t += 3 * SECONDS) {
      c.sim.schedule(t, "isolate leader", () -> {
        for (int i = 0; i < 5; i++) {
          if (c.peer(i).isLeader()) {
            c.sim.network().isolate(i);
          }
        }
      });
      c.sim.schedule(t + 1500 * MILLIS, "heal", () -> c.sim.network().heal());
    }
    c.runFor(20 * SECONDS);
  }

  private static void apply(Cluster c, Step s, int n, boolean[] down) {
    int a = s.a() % n;
    int b = s.b() % n;
    var net = c.sim.network();
    switch (s.kind()) {
      case 0, 1 -> net.heal();
      case 2 -> {
        if (!down[a] && countDown(down) < n / 2) {
          c.crash(a);
          down[a] = true;
        }
      }
      case 3, 4 -> {
        for (int i = 0; i < n; i++) {
          if (down[i]) {
            c.restart(i);
            down[i] = false;
            break;
          }
        }
      }
      case 5 -> {
        if (a != b) {
          net.cut(a, b);
        }
      }
      case 6 -> {
        if (a != b) {
          net.cutOneWay(a, b);
        }
      }
      case 7 -> net.isolate(a);
      case 8 -> {
        List<Integer> g1 = new ArrayList<>();
        List<Integer> g2 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (((i + a) % n) < n / 2 + (b % 2) ? g1 : g2).add(i);
        }
        net.partition(g1.stream().mapToInt(Integer::intValue).toArray(), g2.stream().mapToInt(Integer::intValue).toArray());
      }
      case 9 -> {
        int[] others = java.util.stream.IntStream.range(0, n).filter(i -> i != a).toArray();
        net.star(a, others);
      }
      case 10 -> {
        int[] order = java.util.stream.IntStream.range(0, n).map(i -> (i + a) % n).toArray();
        net.chain(order);
      }
      case 11 -> {
        // crash and restart at once: a fast reboot
        if (!down[a]) {
          c.crash(a);
          c.restart(a);
        }
      }
      case 12 -> {
        // the service snapshots and trims everything its peer decided
        OmniPaxos<String> p = c.peer(a);
        if (p != null && p.decidedIndex() > p.compactedIndex()) {
          c.compact(a, (int) p.decidedIndex());
        }
      }
      default -> throw new IllegalStateException("unknown fault kind " + s.kind());
    }
  }

  private static int countDown(boolean[] down) {
    int k = 0;
    for (boolean d : down) {
      if (d) {
        k++;
      }
    }
    return k;
  }
}
