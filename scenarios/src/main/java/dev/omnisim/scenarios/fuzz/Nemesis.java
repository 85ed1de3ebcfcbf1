package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.TimedFault;
import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.DiskMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a random fault schedule from a seed, drawing fault kinds by the weights of the
 * configuration's {@link FaultMix}. Two tracks run side by side over the fault window: a network
 * track (partitions of every shape, the paper's figure 5 shapes, random topologies, one-way faults of
 * links, nodes and groups, clogged links, loss and duplication bursts), each fault ended by a heal;
 * and a process track (crash the leader, a minority, or all servers; crash a server whose disk, for
 * once, keeps unsynced writes), each ended by restarts. A track whose kinds all weigh 0 stays quiet.
 * Fuzz runs give every disk the lossy mode by default (see {@link FuzzScenarios}). With the classic
 * mix it draws exactly what the original nemesis drew.
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
    List<TimedFault> actions = new ArrayList<>();
    FaultMix mix = config.faults();
    if (mix.total(FaultKind.Track.NETWORK) > 0) {
      long t = random.nextLong(GAP_MAX_MICROS);
      while (t < config.faultWindowMicros()) {
        long end = Math.min(config.faultWindowMicros(), t + duration(random));
        List<Integer> order = shuffled(config.servers(), random);
        FaultKind kind = mix.pick(FaultKind.Track.NETWORK, random.nextInt(mix.total(FaultKind.Track.NETWORK)));
        for (FaultAction a : networkFault(kind, config, order, random)) {
          actions.add(new TimedFault(t, a));
        }
        actions.add(new TimedFault(end, new FaultAction.Heal()));
        t = end + random.nextLong(GAP_MAX_MICROS);
      }
    }
    if (mix.total(FaultKind.Track.PROCESS) > 0) {
      long t = random.nextLong(GAP_MAX_MICROS);
      while (t < config.faultWindowMicros()) {
        long end = Math.min(config.faultWindowMicros(), t + duration(random));
        List<Integer> order = shuffled(config.servers(), random);
        FaultKind kind = mix.pick(FaultKind.Track.PROCESS, random.nextInt(mix.total(FaultKind.Track.PROCESS)));
        processFault(kind, config, order, random, t, end, actions);
        t = end + random.nextLong(GAP_MAX_MICROS);
      }
    }
    return new FaultSchedule(config, seed, actions);
  }

  private static long duration(DeterministicRandom random) {
    return FAULT_MIN_MICROS + random.nextLong(FAULT_MAX_MICROS - FAULT_MIN_MICROS);
  }

  /** The actions that start a network fault of {@code kind}; a heal ends it. */
  static List<FaultAction> networkFault(FaultKind kind, FuzzConfig config, List<Integer> order,
      DeterministicRandom random) {
    int n = config.servers();
    return switch (kind) {
      case HALVES -> {
        int cut = 1 + random.nextInt(Math.max(1, n - 1));
        yield List.of(new FaultAction.Partition(List.of(order.subList(0, cut), order.subList(cut, n))));
      }
      case MAJORITY_MINORITY -> {
        int minority = Math.max(1, (n - 1) / 2);
        yield List.of(new FaultAction.Partition(List.of(order.subList(0, minority), order.subList(minority, n))));
      }
      case BRIDGE -> {
        int half = 1 + (n - 1) / 2;
        yield List.of(new FaultAction.Bridge(order.get(0), order.subList(1, half), order.subList(half, n)));
      }
      case RING -> List.of(new FaultAction.Ring(order));
      case QUORUM_LOSS -> List.of(new FaultAction.QuorumLoss(order.get(0)));
      case CHAIN -> List.of(new FaultAction.Chain(order));
      case ONE_WAY_AND_CLOG -> n < 2 ? List.of() : List.of(new FaultAction.CutOneWay(order.get(0), order.get(1)),
          new FaultAction.Clog(order.get(0), order.get(n - 1), 100_000 + random.nextLong(900_000)));
      case LOSS -> List.of(new FaultAction.LossBurst(round(random.nextDouble() * 0.3), round(random.nextDouble() * 0.3)));
      case CONSTRAINED_ELECTION -> n < 3 ? List.of()
          : List.of(new FaultAction.ConstrainedElection(order.get(0), order.get(1)));
      case CHAINED -> n < 2 ? List.of() : List.of(new FaultAction.Chained(order.get(0), order.get(1)));
      case TOPOLOGY -> List.of(RandomTopology.draw(n, random));
      case ONE_WAY_NODE -> {
        List<Integer> one = order.subList(0, 1);
        List<Integer> rest = order.subList(1, n);
        yield List.of(random.nextBoolean() ? new FaultAction.OneWay(one, rest) : new FaultAction.OneWay(rest, one));
      }
      case ONE_WAY_GROUP -> {
        int cut = 1 + random.nextInt(Math.max(1, n - 1));
        yield List.of(new FaultAction.OneWay(order.subList(0, cut), order.subList(cut, n)));
      }
      case STALE_MESSAGES -> {
        long electionTimeout = config.timings().electionTimeoutMicros();
        yield List.of(new FaultAction.StaleMessages(round(0.01 + random.nextDouble() * 0.09), 2 * electionTimeout,
            8 * electionTimeout));
      }
      default -> throw new IllegalArgumentException(kind + " is not a network fault");
    };
  }

  /** A process fault of {@code kind} from {@code t} to {@code end}, restarts included. */
  static void processFault(FaultKind kind, FuzzConfig config, List<Integer> order, DeterministicRandom random, long t,
      long end, List<TimedFault> out) {
    int n = config.servers();
    switch (kind) {
      case CRASH_LEADER -> {
        out.add(new TimedFault(t, new FaultAction.CrashLeader()));
        restartAll(n, end, out);
      }
      case CRASH_MINORITY -> {
        int count = 1 + random.nextInt(Math.max(1, (n - 1) / 2));
        for (int id : order.subList(0, Math.min(count, n))) {
          out.add(new TimedFault(t, new FaultAction.Crash(id)));
          out.add(new TimedFault(end, new FaultAction.Restart(id)));
        }
      }
      case CRASH_ALL -> {
        for (int id = 0; id < n; id++) {
          out.add(new TimedFault(t, new FaultAction.Crash(id)));
        }
        restartAll(n, end, out);
      }
      case CRASH_DURABLE_DISK -> {
        int id = order.get(0);
        long crashAt = t + random.nextLong(Math.max(1, end - t));
        out.add(new TimedFault(t, new FaultAction.LossyDisk(id, false)));
        out.add(new TimedFault(crashAt, new FaultAction.Crash(id)));
        out.add(new TimedFault(end, new FaultAction.Restart(id)));
        out.add(new TimedFault(end, restoreDisk(config, id)));
      }
      case CRASH_IN_STEP -> {
        int id = order.get(0);
        // Mostly aimed at the next step that writes, right after the write and 0-3 more effects: before
        // its sync and some or all of its sends (a plain point mostly lands on a heartbeat that writes
        // nothing: 0.7 % of swarm crashes lost writes). Otherwise a plain point, 0-2 effects in.
        int k = random.nextInt(7);
        long restartAfter = Math.max(0, end - t);
        out.add(new TimedFault(t, k < 4 ? new FaultAction.CrashAfterWrite(id, k, restartAfter)
            : new FaultAction.CrashInStep(id, k - 4, restartAfter)));
      }
      case CRASH_PARTIAL_DISK -> {
        int id = order.get(0);
        long crashAt = t + random.nextLong(Math.max(1, end - t));
        DiskMode mode = random.nextBoolean() ? DiskMode.PARTIAL : DiskMode.TORN;
        out.add(new TimedFault(t, new FaultAction.Disk(id, mode)));
        out.add(new TimedFault(crashAt, new FaultAction.Crash(id)));
        out.add(new TimedFault(end, new FaultAction.Restart(id)));
        out.add(new TimedFault(end, restoreDisk(config, id)));
      }
      default -> throw new IllegalArgumentException(kind + " is not a process fault");
    }
  }

  /** The disk mode the run gives its servers, back on server {@code id}. */
  private static FaultAction restoreDisk(FuzzConfig config, int id) {
    return config.diskMode() == DiskMode.LOSSY ? new FaultAction.LossyDisk(id, true)
        : new FaultAction.Disk(id, config.diskMode());
  }

  private static void restartAll(int n, long at, List<TimedFault> out) {
    for (int id = 0; id < n; id++) {
      out.add(new TimedFault(at, new FaultAction.Restart(id)));
    }
  }

  private static List<Integer> shuffled(int n, DeterministicRandom random) {
    return RandomTopology.shuffled(n, random);
  }

  /** Two decimals, so schedules read well as JSON. */
  private static double round(double p) {
    return Math.round(p * 100) / 100.0;
  }
}
