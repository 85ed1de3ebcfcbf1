package dev.omnisim.baselines.multipaxos;

import static dev.omnisim.baselines.multipaxos.PeerCluster.MILLIS;
import static dev.omnisim.baselines.multipaxos.PeerCluster.SECONDS;

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

/**
 * The chaos run shared by the baselines' properties: random drops, duplicates, reordering (with
 * seconds-long spikes), crashes with restarts from the byte store (optionally a disk that loses unsynced
 * writes), partitions, one-way cuts and compaction, while clients propose at random peers every 25 ms.
 * The {@link PeerCluster} checks safety after every step. At the end the network heals and every peer
 * restarts: a new command must be decided by all, or the run fails with {@link AssertionError}.
 */
public final class Chaos {

  /** One fault action, applied after waiting {@code waitMillis}. */
  public record Step(int kind, int a, int b, int waitMillis) {}

  private Chaos() {}

  /** Schedules of 3 to 15 steps over every fault kind. */
  public static Arbitrary<List<Step>> schedules() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 11),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(20, 400))
        .as(Step::new);
    return step.list().ofMinSize(3).ofMaxSize(15);
  }

  /** Runs one schedule; throws {@link PeerCluster.SafetyViolation} or {@link AssertionError} on failure. */
  public static void run(ConsensusPeerFactory<String> factory, long seed, int n, int dropPercent,
      int duplicatePercent, boolean lossyDisks, int spikeLevel, List<Step> schedule) {
    PeerCluster c = new PeerCluster(n, seed, factory);
    c.traceAfterMicros = Long.getLong("chaos.traceAfterMillis", -1) * MILLIS;
    c.sim.network().setDefaultFaults(LinkFaults.NONE
        .withLatency(new Latency.Uniform(100, 30_000))
        .withDropProbability(dropPercent / 100.0)
        .withDuplicateProbability(duplicatePercent / 100.0)
        .withFifo(false)
        .withSpikes(spikeLevel * 0.15, Latency.uniformMillis(200, 2_200)));
    if (lossyDisks) {
      for (int i = 0; i < n; i++) {
        c.sim.disk(i).setMode(DiskMode.LOSSY);
      }
    }
    boolean[] down = new boolean[n];
    int[] counter = {0};
    var rnd = c.sim.randomStream("clients");
    long chaosMicros = schedule.stream().mapToLong(s -> s.waitMillis() * MILLIS).sum();
    for (long t = 0; t < chaosMicros; t += 25 * MILLIS) {
      c.sim.schedule(t, "client", () -> c.propose(rnd.nextInt(n), "x" + counter[0]++));
    }
    for (Step s : schedule) {
      c.sim.runFor(s.waitMillis() * MILLIS);
      apply(c, s, n, down);
    }
    c.sim.runFor(100 * MILLIS);
    c.sim.network().setDefaultFaults(LinkFaults.NONE);
    c.sim.network().heal();
    for (int i = 0; i < n; i++) {
      if (down[i]) {
        c.sim.restart(i);
      }
    }
    // spikes already in flight may arrive up to 2.2 s late; then a new command must be decided by all
    if (!c.one("final", n, 15 * SECONDS)) {
      throw new AssertionError("no progress after healing: " + c.describe());
    }
  }

  /**
   * Runs up to {@code runs} chaos runs drawn from {@code seed} (5 peers, 10 % drops, 5 % duplicates,
   * spikes, durable disks, schedules rich in leader isolation) and returns a description of the first
   * safety violation, or empty when every run was safe. A broken variant's test asserts it finds one.
   */
  public static java.util.Optional<String> firstViolation(ConsensusPeerFactory<String> factory, long seed, int runs) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < runs; i++) {
      List<Step> schedule = new ArrayList<>();
      int steps = 4 + r.nextInt(10);
      for (int k = 0; k < steps; k++) {
        int kind = r.nextInt(3) == 0 ? 8 : r.nextInt(12);
        schedule.add(new Step(kind, r.nextInt(5), r.nextInt(5), 20 + r.nextInt(380)));
      }
      long runSeed = r.nextLong();
      try {
        run(factory, runSeed, 5, 10, 5, false, 1, schedule);
      } catch (PeerCluster.SafetyViolation e) {
        return java.util.Optional.of("seed " + runSeed + ", schedule " + schedule + ": " + e.getMessage());
      } catch (AssertionError e) {
        // a broken variant may also stall; only safety counts here
      }
    }
    return java.util.Optional.empty();
  }

  private static void apply(PeerCluster c, Step s, int n, boolean[] down) {
    int a = s.a() % n;
    int b = s.b() % n;
    var net = c.sim.network();
    switch (s.kind()) {
      case 0, 1 -> net.heal();
      case 2 -> {
        if (!down[a] && count(down) < n / 2) {
          c.sim.crash(a);
          down[a] = true;
        }
      }
      case 3 -> {
        for (int i = 0; i < n; i++) {
          if (down[i]) {
            c.sim.restart(i);
            down[i] = false;
            break;
          }
        }
      }
      case 4 -> {
        if (a != b) {
          net.cut(a, b);
        }
      }
      case 5 -> {
        if (a != b) {
          net.cutOneWay(a, b);
        }
      }
      case 6 -> net.isolate(a);
      case 7 -> {
        List<Integer> g1 = new ArrayList<>();
        List<Integer> g2 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (((i + a) % n) < n / 2 + (b % 2) ? g1 : g2).add(i);
        }
        net.partition(g1.stream().mapToInt(Integer::intValue).toArray(), g2.stream().mapToInt(Integer::intValue).toArray());
      }
      case 8 -> {
        int leader = c.leader();
        if (leader >= 0) {
          net.isolate(leader);
        }
      }
      case 9 -> {
        if (!down[a]) {
          c.sim.crash(a);
          c.sim.restart(a);
        }
      }
      case 10 -> c.compact(a);
      case 11 -> {
        int leader = c.leader();
        if (leader >= 0 && !down[leader] && count(down) < n / 2) {
          c.sim.crash(leader);
          down[leader] = true;
        }
      }
      default -> throw new IllegalStateException("unknown fault kind " + s.kind());
    }
  }

  private static int count(boolean[] down) {
    return (int) IntStream.range(0, down.length).filter(i -> down[i]).count();
  }
}
