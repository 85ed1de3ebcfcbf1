package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Generates a random fault schedule from a seed, across the whole fault model. Two tracks run side
 * by side over the fault window: a network track (partitions of every shape — random halves,
 * majority/minority, bridge, ring, star, chain — one-way cuts, clogged links, loss and duplication
 * bursts), each fault ended by a heal; and a process track (crash the leader, a minority, or all
 * servers; crash a server whose disk, for once, keeps unsynced writes), each ended by restarts. Fuzz
 * runs give every disk the lossy mode by default (see {@link FuzzScenarios}).
 */
public final class Nemesis {
  /** Shortest and longest fault, and the longest quiet gap between two faults of a track. */
  static final long FAULT_MIN_MICROS = 200_000;
  static final long FAULT_MAX_MICROS = 2_000_000;
  static final long GAP_MAX_MICROS = 800_000;

  private Nemesis() {}

  /** The schedule of {@code config} for {@code seed}; the same seed always gives the same schedule. */
  public static FaultSchedule generate(FuzzConfig config, long seed) {
    DeterministicRandom random = DeterministicRandom.derive(seed, "nemesis");
    List<FaultAction> actions = new ArrayList<>();
    long t = random.nextLong(GAP_MAX_MICROS);
    while (t < config.faultWindowMicros()) {
      long end = Math.min(config.faultWindowMicros(), t + duration(random));
      networkFault(config, random, t, actions);
      actions.add(new FaultAction.Heal(end));
      t = end + random.nextLong(GAP_MAX_MICROS);
    }
    t = random.nextLong(GAP_MAX_MICROS);
    while (t < config.faultWindowMicros()) {
      long end = Math.min(config.faultWindowMicros(), t + duration(random));
      processFault(config, random, t, end, actions);
      t = end + random.nextLong(GAP_MAX_MICROS);
    }
    return new FaultSchedule(config.name(), seed, actions);
  }

  private static long duration(DeterministicRandom random) {
    return FAULT_MIN_MICROS + random.nextLong(FAULT_MAX_MICROS - FAULT_MIN_MICROS);
  }

  private static void networkFault(FuzzConfig config, DeterministicRandom random, long t, List<FaultAction> out) {
    int n = config.servers();
    List<Integer> order = shuffled(n, random);
    switch (random.nextInt(8)) {
      case 0 -> { // random halves
        int cut = 1 + random.nextInt(Math.max(1, n - 1));
        out.add(new FaultAction.Partition(t, List.of(order.subList(0, cut), order.subList(cut, n))));
      }
      case 1 -> { // a majority and a minority
        int minority = Math.max(1, (n - 1) / 2);
        out.add(new FaultAction.Partition(t, List.of(order.subList(0, minority), order.subList(minority, n))));
      }
      case 2 -> { // two halves joined by one bridge server
        int bridge = order.get(0);
        int half = 1 + (n - 1) / 2;
        out.add(new FaultAction.Bridge(t, bridge, order.subList(1, half), order.subList(half, n)));
      }
      case 3 -> out.add(new FaultAction.Ring(t, order));
      case 4 -> out.add(new FaultAction.Star(t, order.get(0)));
      case 5 -> out.add(new FaultAction.Chain(t, order));
      case 6 -> {
        if (n > 1) {
          out.add(new FaultAction.CutOneWay(t, order.get(0), order.get(1)));
          out.add(new FaultAction.Clog(t, order.get(0), order.get(n - 1), 100_000 + random.nextLong(900_000)));
        }
      }
      default -> out.add(new FaultAction.LossBurst(t, round(random.nextDouble() * 0.3), round(random.nextDouble() * 0.3)));
    }
  }

  private static void processFault(FuzzConfig config, DeterministicRandom random, long t, long end,
      List<FaultAction> out) {
    int n = config.servers();
    List<Integer> order = shuffled(n, random);
    switch (random.nextInt(4)) {
      case 0 -> {
        out.add(new FaultAction.CrashLeader(t));
        restartAll(n, end, out);
      }
      case 1 -> {
        int count = 1 + random.nextInt(Math.max(1, (n - 1) / 2));
        for (int id : order.subList(0, Math.min(count, n))) {
          out.add(new FaultAction.Crash(t, id));
          out.add(new FaultAction.Restart(end, id));
        }
      }
      case 2 -> {
        for (int id = 0; id < n; id++) {
          out.add(new FaultAction.Crash(t, id));
        }
        restartAll(n, end, out);
      }
      default -> {
        int id = order.get(0);
        long crashAt = t + random.nextLong(Math.max(1, end - t));
        out.add(new FaultAction.LossyDisk(t, id, false));
        out.add(new FaultAction.Crash(crashAt, id));
        out.add(new FaultAction.Restart(end, id));
        out.add(new FaultAction.LossyDisk(end, id, true));
      }
    }
  }

  private static void restartAll(int n, long at, List<FaultAction> out) {
    for (int id = 0; id < n; id++) {
      out.add(new FaultAction.Restart(at, id));
    }
  }

  private static List<Integer> shuffled(int n, DeterministicRandom random) {
    List<Integer> ids = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer tmp = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, tmp);
    }
    return List.copyOf(ids);
  }

  /** Two decimals, so schedules read well as JSON. */
  private static double round(double p) {
    return Math.round(p * 100) / 100.0;
  }
}
