package dev.omnisim.scenarios.fuzz;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.sim.DiskMode;
import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import java.util.List;
import java.util.OptionalInt;

/**
 * One timed fault action of a schedule, applied to the servers of a {@link KvCluster} (clients stay
 * connected). Actions are plain values: they are printed, saved as JSON, replayed, and removed or
 * simplified by the shrinker. An action that does not apply when its time comes (a crash of a server
 * that is down, a restart of one that is up) does nothing, deterministically.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FaultAction.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = FaultAction.Bridge.class, name = "bridge"),
  @JsonSubTypes.Type(value = FaultAction.Ring.class, name = "ring"),
  @JsonSubTypes.Type(value = FaultAction.Star.class, name = "star"),
  @JsonSubTypes.Type(value = FaultAction.Chain.class, name = "chain"),
  @JsonSubTypes.Type(value = FaultAction.CutOneWay.class, name = "cut-one-way"),
  @JsonSubTypes.Type(value = FaultAction.Clog.class, name = "clog"),
  @JsonSubTypes.Type(value = FaultAction.LossBurst.class, name = "loss"),
  @JsonSubTypes.Type(value = FaultAction.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = FaultAction.CrashLeader.class, name = "crash-leader"),
  @JsonSubTypes.Type(value = FaultAction.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = FaultAction.LossyDisk.class, name = "lossy-disk"),
  @JsonSubTypes.Type(value = FaultAction.Heal.class, name = "heal"),
})
public sealed interface FaultAction {

  /** When the action happens, in virtual microseconds from the start of the run. */
  long atMicros();

  /** The same action at another time (the shrinker moves actions). */
  FaultAction at(long micros);

  /** Does it. */
  void apply(KvCluster cluster);

  /** Servers split into groups; links between groups cut. */
  record Partition(long atMicros, List<List<Integer>> groups) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Partition(micros, groups);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.partition(groups.stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
    }
  }

  /** Two halves that reach each other only through {@code bridge}, which is linked to everyone. */
  record Bridge(long atMicros, int bridge, List<Integer> left, List<Integer> right) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Bridge(micros, bridge, left, right);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.heal();
      for (int a : left) {
        for (int b : right) {
          cluster.cut(a, b);
        }
      }
    }
  }

  /** Servers in a ring: each linked only to its two neighbours in {@code order}. */
  record Ring(long atMicros, List<Integer> order) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Ring(micros, order);
    }

    @Override
    public void apply(KvCluster cluster) {
      int n = order.size();
      cluster.cutAllServerLinks();
      for (int i = 0; i < n; i++) {
        cluster.sim().network().link(order.get(i), order.get((i + 1) % n));
      }
    }
  }

  /** Only {@code center} is linked to the other servers (the paper's quorum loss). */
  record Star(long atMicros, int center) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Star(micros, center);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.cutAllServerLinks();
      cluster.star(center);
    }
  }

  /** Servers in a line, each linked only to its neighbours (the paper's chained scenario). */
  record Chain(long atMicros, List<Integer> order) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Chain(micros, order);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.sim().network().chain(order.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /** Messages from {@code from} to {@code to} are lost; the other direction works. */
  record CutOneWay(long atMicros, int from, int to) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new CutOneWay(micros, from, to);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.sim().network().cutOneWay(from, to);
    }
  }

  /** The link between two servers becomes very slow (both directions). */
  record Clog(long atMicros, int a, int b, long latencyMicros) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Clog(micros, a, b, latencyMicros);
    }

    @Override
    public void apply(KvCluster cluster) {
      var network = cluster.sim().network();
      LinkFaults slow = network.defaultFaults().withLatency(new Latency.Uniform(latencyMicros / 2, latencyMicros));
      network.setLinkFaults(a, b, slow);
      network.setLinkFaults(b, a, slow);
    }
  }

  /** Every link loses and duplicates messages with these probabilities until the next heal. */
  record LossBurst(long atMicros, double dropProbability, double duplicateProbability) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new LossBurst(micros, dropProbability, duplicateProbability);
    }

    @Override
    public void apply(KvCluster cluster) {
      var network = cluster.sim().network();
      network.setDefaultFaults(cluster.options().preset().faults().withDropProbability(dropProbability)
          .withDuplicateProbability(duplicateProbability));
    }
  }

  /** Server {@code server} crashes (when it is up). */
  record Crash(long atMicros, int server) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Crash(micros, server);
    }

    @Override
    public void apply(KvCluster cluster) {
      if (cluster.sim().isUp(server)) {
        cluster.crash(server);
      }
    }
  }

  /** The current leader crashes (when there is one). */
  record CrashLeader(long atMicros) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new CrashLeader(micros);
    }

    @Override
    public void apply(KvCluster cluster) {
      OptionalInt leader = cluster.leader();
      if (leader.isPresent()) {
        cluster.crash(leader.getAsInt());
      }
    }
  }

  /** Server {@code server} restarts from its disk (when it is down). */
  record Restart(long atMicros, int server) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Restart(micros, server);
    }

    @Override
    public void apply(KvCluster cluster) {
      if (!cluster.sim().isUp(server)) {
        cluster.restart(server);
      }
    }
  }

  /** Server {@code server}'s disk loses writes not synced before a crash (or stops doing so). */
  record LossyDisk(long atMicros, int server, boolean lossy) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new LossyDisk(micros, server, lossy);
    }

    @Override
    public void apply(KvCluster cluster) {
      cluster.sim().disk(server).setMode(lossy ? DiskMode.LOSSY : DiskMode.DURABLE);
    }
  }

  /** Every link up, per-link faults cleared, the scenario's network preset back. */
  record Heal(long atMicros) implements FaultAction {
    @Override
    public FaultAction at(long micros) {
      return new Heal(micros);
    }

    @Override
    public void apply(KvCluster cluster) {
      var network = cluster.sim().network();
      network.heal();
      network.clearLinkFaults();
      network.apply(cluster.options().preset());
    }
  }
}
