package dev.omnisim.sim.fault;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.omnisim.sim.DiskMode;
import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The fault vocabulary: one fault, applied to the servers of a {@link FaultTarget} (clients keep
 * their links). The same values serve the lab's and the extended scenarios, the nemesis, saved
 * schedules and tests. An action carries no time: a schedule pairs it with one ({@link TimedFault}).
 * Actions are plain values: they are printed, saved as JSON (the name below in {@code "action"}, the
 * record's components as fields), replayed, and removed or weakened by the shrinker. An action that
 * does not apply when its time comes (a crash of a server that is down, a restart of one that is up)
 * does nothing, deterministically.
 *
 * <p>The paper's figure 5 shapes are actions of their own: {@link QuorumLoss}, {@link
 * ConstrainedElection}, {@link Chained}. {@link Topology} sets any link graph (random ones come from
 * {@code RandomTopology} (in the scenarios module)); {@link OneWay} cuts one direction between whole groups.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
  @JsonSubTypes.Type(value = FaultAction.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = FaultAction.Bridge.class, name = "bridge"),
  @JsonSubTypes.Type(value = FaultAction.Ring.class, name = "ring"),
  @JsonSubTypes.Type(value = FaultAction.QuorumLoss.class, name = "quorum-loss", names = "star"),
  @JsonSubTypes.Type(value = FaultAction.ConstrainedElection.class, name = "constrained-election"),
  @JsonSubTypes.Type(value = FaultAction.Chained.class, name = "chained"),
  @JsonSubTypes.Type(value = FaultAction.Chain.class, name = "chain"),
  @JsonSubTypes.Type(value = FaultAction.Topology.class, name = "topology"),
  @JsonSubTypes.Type(value = FaultAction.CutOneWay.class, name = "cut-one-way"),
  @JsonSubTypes.Type(value = FaultAction.OneWay.class, name = "one-way"),
  @JsonSubTypes.Type(value = FaultAction.Clog.class, name = "clog"),
  @JsonSubTypes.Type(value = FaultAction.LossBurst.class, name = "loss"),
  @JsonSubTypes.Type(value = FaultAction.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = FaultAction.CrashLeader.class, name = "crash-leader"),
  @JsonSubTypes.Type(value = FaultAction.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = FaultAction.LossyDisk.class, name = "lossy-disk"),
  @JsonSubTypes.Type(value = FaultAction.Disk.class, name = "disk"),
  @JsonSubTypes.Type(value = FaultAction.CrashInStep.class, name = "crash-in-step"),
  @JsonSubTypes.Type(value = FaultAction.CrashAfterWrite.class, name = "crash-after-write"),
  @JsonSubTypes.Type(value = FaultAction.StaleMessages.class, name = "stale"),
  @JsonSubTypes.Type(value = FaultAction.Heal.class, name = "heal"),
})
public sealed interface FaultAction {

  /** Does it. */
  void apply(FaultTarget target);

  /** Every server the action names (checked against the scenario's servers before a run). */
  List<Integer> serversNamed();

  /** Servers split into groups; links between groups cut, links within a group up. */
  record Partition(List<List<Integer>> groups) implements FaultAction {
    public Partition {
      groups = groups.stream().map(List::copyOf).toList();
    }

    @Override
    public void apply(FaultTarget t) {
      t.sim().network().partition(groups.stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray())
          .toArray(int[][]::new));
    }

    @Override
    public List<Integer> serversNamed() {
      return groups.stream().flatMap(List::stream).toList();
    }
  }

  /** Two halves that reach each other only through {@code bridge}, which is linked to everyone. */
  record Bridge(int bridge, List<Integer> left, List<Integer> right) implements FaultAction {
    public Bridge {
      left = List.copyOf(left);
      right = List.copyOf(right);
    }

    @Override
    public void apply(FaultTarget t) {
      Network network = t.sim().network();
      network.heal();
      for (int a : left) {
        for (int b : right) {
          network.cut(a, b);
        }
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return concat(List.of(bridge), concat(left, right));
    }
  }

  /** Servers in a ring: each linked only to its two neighbours in {@code order}. */
  record Ring(List<Integer> order) implements FaultAction {
    public Ring {
      order = List.copyOf(order);
    }

    @Override
    public void apply(FaultTarget t) {
      int n = order.size();
      cutAllServerLinks(t);
      for (int i = 0; i < n; i++) {
        t.sim().network().link(order.get(i), order.get((i + 1) % n));
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return order;
    }
  }

  /**
   * The paper's quorum loss (figure 5a): every server link cut but those of {@code center}, which
   * is then the only quorum-connected server. Schedules saved before this name existed call it
   * {@code "star"}.
   */
  record QuorumLoss(int center) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      cutAllServerLinks(t);
      t.sim().network().star(center, others(t, center, center));
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(center);
    }
  }

  /**
   * The paper's constrained election (figure 5b): {@code isolated} (the leader, typically) is cut
   * from every server, and among the rest only the links of {@code center} are up, so {@code center}
   * is the only quorum-connected server.
   */
  record ConstrainedElection(int isolated, int center) implements FaultAction {
    public ConstrainedElection {
      if (isolated == center) {
        throw new IllegalArgumentException("constrained-election: isolated and center must differ, both were " + center);
      }
    }

    @Override
    public void apply(FaultTarget t) {
      cutAllServerLinks(t);
      t.sim().network().star(center, others(t, center, isolated));
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(isolated, center);
    }
  }

  /**
   * The paper's chained scenario (figure 5c): every server link up except the one between {@code a}
   * and {@code b} (typically the leader and another server).
   */
  record Chained(int a, int b) implements FaultAction {
    public Chained {
      if (a == b) {
        throw new IllegalArgumentException("chained: the cut link joins two different servers, got " + a + " twice");
      }
    }

    @Override
    public void apply(FaultTarget t) {
      Network network = t.sim().network();
      for (int i = 0; i < t.servers(); i++) {
        for (int j = 0; j < t.servers(); j++) {
          if (i != j && !network.isLinkUp(i, j)) {
            network.linkOneWay(i, j); // only links that are down: on a healed network this changes nothing
          }
        }
      }
      network.cut(a, b);
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(a, b);
    }
  }

  /** Servers in a line, each linked only to its neighbours in {@code order}. */
  record Chain(List<Integer> order) implements FaultAction {
    public Chain {
      order = List.copyOf(order);
    }

    @Override
    public void apply(FaultTarget t) {
      t.sim().network().chain(order.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public List<Integer> serversNamed() {
      return order;
    }
  }

  /**
   * Any link graph: exactly the server pairs in {@code links} linked (both ways), every other server
   * link cut. {@code RandomTopology} (in the scenarios module) draws ones with few quorum-connected servers.
   */
  record Topology(List<List<Integer>> links) implements FaultAction {
    public Topology {
      links = links.stream().map(List::copyOf).toList();
      for (List<Integer> pair : links) {
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
          throw new IllegalArgumentException("topology: each link is a pair of two different servers, got " + pair);
        }
      }
    }

    @Override
    public void apply(FaultTarget t) {
      cutAllServerLinks(t);
      for (List<Integer> pair : links) {
        t.sim().network().link(pair.get(0), pair.get(1));
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return links.stream().flatMap(List::stream).toList();
    }
  }

  /** Messages from {@code from} to {@code to} are lost; the other direction works. */
  record CutOneWay(int from, int to) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      t.sim().network().cutOneWay(from, to);
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(from, to);
    }
  }

  /**
   * One-way fault of whole nodes or groups: every message from a server in {@code from} to a
   * server in {@code to} is lost, while {@code to} still reaches {@code from}. A server that hears
   * everyone but is heard by no one is {@code from = [it], to = the rest}.
   */
  record OneWay(List<Integer> from, List<Integer> to) implements FaultAction {
    public OneWay {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }

    @Override
    public void apply(FaultTarget t) {
      t.sim().network().cutOneWay(from, to);
    }

    @Override
    public List<Integer> serversNamed() {
      return concat(from, to);
    }
  }

  /** The link between two servers becomes very slow (both directions). */
  record Clog(int a, int b, long latencyMicros) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      Network network = t.sim().network();
      LinkFaults slow = network.defaultFaults().withLatency(new Latency.Uniform(latencyMicros / 2, latencyMicros));
      network.setLinkFaults(a, b, slow);
      network.setLinkFaults(b, a, slow);
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(a, b);
    }
  }

  /** Every link loses and duplicates messages with these probabilities until the next heal. */
  record LossBurst(double dropProbability, double duplicateProbability) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      t.sim().network().setDefaultFaults(t.baselineFaults().withDropProbability(dropProbability)
          .withDuplicateProbability(duplicateProbability));
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of();
    }
  }

  /** Server {@code server} crashes (when it is up). */
  record Crash(int server) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      if (t.sim().isUp(server)) {
        t.sim().crash(server);
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /** The current leader crashes (when there is one). */
  record CrashLeader() implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      OptionalInt leader = t.leader();
      if (leader.isPresent()) {
        t.sim().crash(leader.getAsInt());
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of();
    }
  }

  /** Server {@code server} restarts from its disk (when it is down). */
  record Restart(int server) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      if (!t.sim().isUp(server)) {
        t.sim().restart(server);
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /** Server {@code server}'s disk loses writes not synced before a crash (or stops doing so). */
  record LossyDisk(int server, boolean lossy) implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      t.sim().disk(server).setMode(lossy ? DiskMode.LOSSY : DiskMode.DURABLE);
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /**
   * Server {@code server}'s disk switches to {@code mode}: at its next crash it keeps everything
   * ({@code DURABLE}), nothing unsynced ({@code LOSSY}), a random prefix of each file's unsynced writes
   * ({@code PARTIAL}), or that and a torn last write ({@code TORN}). Switching makes what was written
   * so far durable, as a sync would.
   */
  record Disk(int server, DiskMode mode) implements FaultAction {
    public Disk {
      if (mode == null) {
        throw new IllegalArgumentException("disk: mode must be one of " + java.util.Arrays.toString(DiskMode.values()));
      }
    }

    @Override
    public void apply(FaultTarget t) {
      t.sim().disk(server).setMode(mode);
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /**
   * Server {@code server} (when it is up) crashes inside its next step, after {@code
   * effectsBeforeCrash} of the step's effects (disk writes and syncs, sends, timers) happened and
   * before the rest, and restarts {@code restartAfterMicros} later: a server that sends before it
   * syncs, or writes two files that must agree, is caught between the two.
   */
  record CrashInStep(int server, int effectsBeforeCrash, long restartAfterMicros) implements FaultAction {
    public CrashInStep {
      if (effectsBeforeCrash < 0 || restartAfterMicros < 0) {
        throw new IllegalArgumentException("crash-in-step: effectsBeforeCrash and restartAfterMicros must be >= 0, were "
            + effectsBeforeCrash + " and " + restartAfterMicros);
      }
    }

    @Override
    public void apply(FaultTarget t) {
      if (t.sim().isUp(server)) {
        t.sim().crashDuringNextStep(server, effectsBeforeCrash, restartAfterMicros);
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /**
   * Server {@code server} (when it is up) crashes in the first of its steps that changes its disk,
   * right after that change and {@code effectsAfterWrite} more effects: before its sync and before
   * some or all of its sends, where a plain crash point mostly lands on a heartbeat that writes
   * nothing. It restarts {@code restartAfterMicros} after the crash.
   */
  record CrashAfterWrite(int server, int effectsAfterWrite, long restartAfterMicros) implements FaultAction {
    public CrashAfterWrite {
      if (effectsAfterWrite < 0 || restartAfterMicros < 0) {
        throw new IllegalArgumentException("crash-after-write: effectsAfterWrite and restartAfterMicros must be >= 0,"
            + " were " + effectsAfterWrite + " and " + restartAfterMicros);
      }
    }

    @Override
    public void apply(FaultTarget t) {
      if (t.sim().isUp(server)) {
        t.sim().crashDuringNextWritingStep(server, effectsAfterWrite, restartAfterMicros);
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of(server);
    }
  }

  /**
   * Until the next heal, each message is held back with {@code probability} by an extra delay
   * between the two bounds (pick several election timeouts), past the messages sent after it, so a
   * Promise or an Accepted can arrive in a later ballot.
   */
  record StaleMessages(double probability, long delayMinMicros, long delayMaxMicros) implements FaultAction {
    public StaleMessages {
      if (!(probability >= 0 && probability <= 1) || delayMinMicros < 0 || delayMaxMicros < delayMinMicros) {
        throw new IllegalArgumentException("stale: probability must be in [0, 1] and 0 <= delayMinMicros <= "
            + "delayMaxMicros, were " + probability + ", " + delayMinMicros + ", " + delayMaxMicros);
      }
    }

    @Override
    public void apply(FaultTarget t) {
      Network network = t.sim().network();
      network.setDefaultFaults(network.defaultFaults().withStaleMessages(probability,
          new Latency.Uniform(delayMinMicros, delayMaxMicros)));
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of();
    }
  }

  /** Every link up, per-link faults cleared, the target's network conditions back. */
  record Heal() implements FaultAction {
    @Override
    public void apply(FaultTarget t) {
      Network network = t.sim().network();
      network.heal();
      network.clearLinkFaults();
      network.apply(t.preset());
      if (!t.baselineFaults().equals(t.preset().faults())) {
        network.setDefaultFaults(t.baselineFaults());
      }
    }

    @Override
    public List<Integer> serversNamed() {
      return List.of();
    }
  }

  /** Cuts every server-to-server link (clients keep theirs). */
  private static void cutAllServerLinks(FaultTarget t) {
    t.sim().network().partition(IntStream.range(0, t.servers()).mapToObj(i -> new int[] {i}).toArray(int[][]::new));
  }

  /** The servers other than {@code a} and {@code b}. */
  private static int[] others(FaultTarget t, int a, int b) {
    return IntStream.range(0, t.servers()).filter(i -> i != a && i != b).toArray();
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
