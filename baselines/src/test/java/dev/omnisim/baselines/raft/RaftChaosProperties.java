package dev.omnisim.baselines.raft;

import static dev.omnisim.baselines.raft.RaftCluster.MILLIS;
import static dev.omnisim.baselines.raft.RaftCluster.SECONDS;

import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.sim.DiskMode;
import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Safety of Raft and Raft PV+CQ under chaos: random seeds and fault schedules — drops, duplicates,
 * reordering (messages up to seconds late), partitions whole and partial, crashes with restarts from the
 * byte store (disks that lose unsynced writes, or keep a random part of them and tear one), compaction —
 * while proposals arrive at random peers. {@link RaftCluster} checks after every step of every peer:
 * agreement, the decided prefix never goes back, one leader per term, votes survive restarts, acknowledged
 * entries are kept. At the end the network heals and every peer restarts: a new command must commit.
 */
class RaftChaosProperties {

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

  /** A fixed seed keeps CI deterministic; change it (or remove it) to explore other schedules. */
  @Property(tries = 150, seed = "1314")
  void agreementPrefixAndOneLeaderPerTerm(
      @ForAll long seed,
      @ForAll boolean preVoteCheckQuorum,
      @ForAll @IntRange(min = 0, max = 1) int size,
      @ForAll @IntRange(min = 0, max = 20) int dropPercent,
      @ForAll @IntRange(min = 0, max = 10) int duplicatePercent,
      @ForAll @IntRange(min = 0, max = 2) int diskLoss,
      @ForAll @IntRange(min = 0, max = 3) int spikeLevel,
      @ForAll("schedules") List<Step> schedule) {
    RaftOptions options = preVoteCheckQuorum ? RaftOptions.PRE_VOTE_CHECK_QUORUM : RaftOptions.PLAIN;
    run(Raft.factory(options), seed, size == 0 ? 3 : 5, dropPercent, duplicatePercent, diskLoss, spikeLevel, schedule,
        true);
  }

  /**
   * Runs one chaos schedule on peers from {@code factory}; throws {@link RaftCluster.SafetyViolation} when
   * a safety check fails, an {@link AssertionError} when {@code demandProgress} and no command commits
   * after the final heal.
   */
  static void run(ConsensusPeerFactory<String> factory, long seed, int n, int dropPercent, int duplicatePercent,
      int diskLoss, int spikeLevel, List<Step> schedule, boolean demandProgress) {
    RaftCluster c = new RaftCluster(n, seed, factory);
    c.sim.network().setDefaultFaults(LinkFaults.NONE
        .withLatency(new Latency.Uniform(100, 30_000))
        .withDropProbability(dropPercent / 100.0)
        .withDuplicateProbability(duplicatePercent / 100.0)
        .withFifo(false)
        .withSpikes(spikeLevel == 3 ? 2.0 / 3.0 : spikeLevel * 0.1, Latency.uniformMillis(200, 2_200)));
    if (diskLoss > 0) {
      for (int i = 0; i < n; i++) {
        c.sim.disk(i).setMode(diskLoss == 1 ? DiskMode.LOSSY : DiskMode.TORN);
      }
    }
    boolean[] down = new boolean[n];
    int[] counter = {0};
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
    c.runFor(100 * MILLIS);
    c.sim.network().setDefaultFaults(LinkFaults.NONE);
    c.sim.network().heal();
    for (int i = 0; i < n; i++) {
      if (down[i]) {
        c.restart(i);
      }
    }
    if (demandProgress) {
      c.awaitLeader(10 * SECONDS);
      c.one("final", n);
    } else {
      c.runFor(3 * SECONDS);
    }
  }

  private static void apply(RaftCluster c, Step s, int n, boolean[] down) {
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
      case 9 -> net.star(a, IntStream.range(0, n).filter(i -> i != a).toArray());
      case 10 -> net.chain(IntStream.range(0, n).map(i -> (i + a) % n).toArray());
      case 11 -> {
        if (!down[a]) {
          c.crash(a);
          c.restart(a);
        }
      }
      case 12 -> c.compact(a);
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
