package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the network carried: messages and bytes by type and by node, drops by reason, stale messages, RPCs
 * sent (the lab's "rpcs") and client operations (the lab's "ops"); and crashes, inside steps or not, with
 * what they did to unsynced writes.
 */
public final class Counters {

  /**
   * Counts for one message type.
   *
   * @param type the message class's simple name
   * @param sent messages of this type handed to the network (copies made by duplication excluded)
   * @param delivered copies delivered to a live node
   * @param bytes bytes sent, as measured by the simulation's message sizer
   */
  public record TypeCount(String type, long sent, long delivered, long bytes) {}

  /** Per-class counts; keyed by class for speed, iterated only in insertion order. */
  private final LinkedHashMap<Class<?>, MutableTypeCount> byType = new LinkedHashMap<>();
  private final long[] dropped = new long[DropReason.values().length];
  private long[] sentByNode = new long[8];
  private long[] receivedByNode = new long[8];
  private long[] bytesByNode = new long[8];
  private long messagesSent;
  private long messagesDelivered;
  private long messagesDuplicated;
  private long bytesSent;
  private long rpcsSent;
  private long oneWaySent;
  private long rpcsFailed;
  private long clientOperations;
  private long messagesStale;
  private long crashes;
  private long crashesInsideSteps;
  private long crashesWithUnsyncedWrites;
  private long crashesThatLostWrites;
  private long crashesThatToreWrites;

  /** Messages handed to the network (one-way, RPC requests and replies). */
  public long messagesSent() {
    return messagesSent;
  }

  /** Copies delivered to live nodes. */
  public long messagesDelivered() {
    return messagesDelivered;
  }

  /** Extra copies the network made. */
  public long messagesDuplicated() {
    return messagesDuplicated;
  }

  /** Messages lost, for any reason. */
  public long messagesDropped() {
    return Arrays.stream(dropped).sum();
  }

  /** Messages lost for {@code reason}. */
  public long dropped(DropReason reason) {
    return dropped[reason.ordinal()];
  }

  /** Bytes sent, as measured by the message sizer. */
  public long bytesSent() {
    return bytesSent;
  }

  /** RPC calls made: the lab's "number of RPCs sent". */
  public long rpcsSent() {
    return rpcsSent;
  }

  /** One-way messages sent (not RPC requests or replies). */
  public long oneWaySent() {
    return oneWaySent;
  }

  /**
   * The lab's "rpcs": every exchange a node started, i.e. RPC calls plus one-way messages (a
   * protocol built on one-way messages, like OmniPaxos here, sends one where labrpc would call).
   */
  public long exchanges() {
    return rpcsSent + oneWaySent;
  }

  /** RPC calls that ended with a failure. */
  public long rpcsFailed() {
    return rpcsFailed;
  }

  /** Client operations recorded by the workload. */
  public long clientOperations() {
    return clientOperations;
  }

  /** Message copies the network held back as stale ({@link LinkFaults#staleProbability()}). */
  public long messagesStale() {
    return messagesStale;
  }

  /** Node crashes: by {@link Simulation#crash} and at crash points inside steps. */
  public long crashes() {
    return crashes;
  }

  /** Crashes at a crash point inside a step ({@link Simulation#crashDuringNextStep}, {@link CrashPoints}). */
  public long crashesInsideSteps() {
    return crashesInsideSteps;
  }

  /** Crashes that found writes made since the node's last sync on a non-durable disk. */
  public long crashesWithUnsyncedWrites() {
    return crashesWithUnsyncedWrites;
  }

  /**
   * Crashes that lost or tore at least one unsynced write: {@code crashesThatLostWrites() / crashes()} is
   * the share of crashes that lost something.
   */
  public long crashesThatLostWrites() {
    return crashesThatLostWrites;
  }

  /** Crashes that tore a write (left a byte prefix of it) on a {@link DiskMode#TORN} disk. */
  public long crashesThatToreWrites() {
    return crashesThatToreWrites;
  }

  /** Messages sent by {@code node}. */
  public long sentBy(int node) {
    return node < sentByNode.length ? sentByNode[node] : 0;
  }

  /** Messages delivered to {@code node}. */
  public long receivedBy(int node) {
    return node < receivedByNode.length ? receivedByNode[node] : 0;
  }

  /** Bytes sent by {@code node}. */
  public long bytesSentBy(int node) {
    return node < bytesByNode.length ? bytesByNode[node] : 0;
  }

  /** Counts by message type, in type name order. */
  public List<TypeCount> byType() {
    List<TypeCount> out = new ArrayList<>();
    for (MutableTypeCount c : byType.values()) {
      out.add(new TypeCount(c.name, c.sent, c.delivered, c.bytes));
    }
    out.sort(Comparator.comparing(TypeCount::type));
    return out;
  }

  /** Messages of types whose simple name is {@code type} sent so far. */
  public long sentOfType(String type) {
    return byType().stream().filter(c -> c.type().equals(type)).mapToLong(TypeCount::sent).sum();
  }

  MutableTypeCount typeOf(Object message) {
    return byType.computeIfAbsent(message.getClass(), MutableTypeCount::new);
  }

  void sent(int from, MutableTypeCount type, int bytes) {
    messagesSent++;
    bytesSent += bytes;
    type.sent++;
    type.bytes += bytes;
    ensure(from);
    sentByNode[from]++;
    bytesByNode[from] += bytes;
  }

  void delivered(int to, MutableTypeCount type) {
    messagesDelivered++;
    type.delivered++;
    ensure(to);
    receivedByNode[to]++;
  }

  void duplicated() {
    messagesDuplicated++;
  }

  void drop(DropReason reason) {
    dropped[reason.ordinal()]++;
  }

  void countOneWay() {
    oneWaySent++;
  }

  void rpcSent() {
    rpcsSent++;
  }

  void rpcFailed() {
    rpcsFailed++;
  }

  void clientOperation() {
    clientOperations++;
  }

  void stale() {
    messagesStale++;
  }

  void crashed(boolean insideStep, SimulatedDisk.CrashLoss loss) {
    crashes++;
    crashesInsideSteps += insideStep ? 1 : 0;
    crashesWithUnsyncedWrites += loss == SimulatedDisk.CrashLoss.NOTHING_UNSYNCED ? 0 : 1;
    crashesThatLostWrites += loss == SimulatedDisk.CrashLoss.LOST || loss == SimulatedDisk.CrashLoss.TORN ? 1 : 0;
    crashesThatToreWrites += loss == SimulatedDisk.CrashLoss.TORN ? 1 : 0;
  }

  private void ensure(int node) {
    if (node >= sentByNode.length) {
      int n = Math.max(node + 1, sentByNode.length * 2);
      sentByNode = Arrays.copyOf(sentByNode, n);
      receivedByNode = Arrays.copyOf(receivedByNode, n);
      bytesByNode = Arrays.copyOf(bytesByNode, n);
    }
  }

  /** Mutable counts of one class, with its name's hash cached for the trace. */
  static final class MutableTypeCount {
    final String name;
    final long nameHash;
    long sent;
    long delivered;
    long bytes;

    MutableTypeCount(Class<?> type) {
      this.name = type.getSimpleName();
      this.nameHash = DeterministicRandom.fnv1a64(type.getName());
    }
  }
}
