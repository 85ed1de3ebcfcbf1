package dev.omnisim.scenarios;

import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.DeterministicRandom;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A fault schedule drawn while clients run, like the partitioner of the 6.824 key-value tests: every
 * period (plus up to 200 ms of jitter) it splits the servers into two random sides, and, when asked
 * to, crashes one running server or restarts the crashed one. At most one server is down at a time,
 * so once the network heals a majority is always up. Draws come from the scenario's stream, so a seed
 * replays the same schedule.
 */
final class RandomPartitioner {
  private static final long JITTER_MICROS = 200_000;

  private final KvCluster cluster;
  private final FaultTarget target;
  private final DeterministicRandom random;
  private final long periodMicros;
  private final boolean crashes;
  /** Bumped by start and stop, so that an action scheduled by an earlier start does nothing. */
  private int generation;
  private int crashed = -1;
  private int partitionsDrawn;
  private int crashesDone;

  /**
   * A nemesis on {@code cluster} that acts every {@code periodMicros}; with {@code crashes} it also
   * crashes and restarts servers.
   */
  RandomPartitioner(KvCluster cluster, DeterministicRandom random, long periodMicros, boolean crashes) {
    if (periodMicros <= 0) {
      throw new IllegalArgumentException("nemesis periodMicros must be > 0, was " + periodMicros);
    }
    this.cluster = cluster;
    this.target = cluster.faultTarget();
    this.random = random;
    this.periodMicros = periodMicros;
    this.crashes = crashes;
  }

  /** Starts acting one period from now. */
  void start() {
    int mine = ++generation;
    scheduleNext(mine);
  }

  /** Stops acting, restarts the crashed server if there is one, and heals the network. */
  void stop() {
    generation++;
    if (crashed >= 0) {
      new FaultAction.Restart(crashed).apply(target);
      crashed = -1;
    }
    cluster.heal();
  }

  /** Partitions drawn so far. */
  int partitionsDrawn() {
    return partitionsDrawn;
  }

  /** Servers crashed so far. */
  int crashesDone() {
    return crashesDone;
  }

  private void scheduleNext(int mine) {
    long delay = periodMicros + random.nextLong(JITTER_MICROS + 1);
    cluster.sim().schedule(delay, "nemesis", () -> {
      if (mine != generation) {
        return; // stopped, or started again since this was scheduled
      }
      act();
      scheduleNext(mine);
    });
  }

  private void act() {
    boolean[] side = new boolean[cluster.servers()];
    for (int i = 0; i < side.length; i++) {
      side[i] = random.nextBoolean();
    }
    List<Integer> left = IntStream.range(0, side.length).filter(i -> side[i]).boxed().toList();
    List<Integer> right = IntStream.range(0, side.length).filter(i -> !side[i]).boxed().toList();
    cluster.heal(); // clients reach every server again; only the servers are split
    new FaultAction.Partition(List.of(left, right)).apply(target);
    partitionsDrawn++;
    if (!crashes) {
      return;
    }
    if (crashed >= 0) {
      if (random.nextBoolean()) {
        new FaultAction.Restart(crashed).apply(target);
        crashed = -1;
      }
    } else if (random.nextInt(3) == 0) {
      crashed = random.nextInt(cluster.servers());
      new FaultAction.Crash(crashed).apply(target);
      crashesDone++;
    }
  }
}
