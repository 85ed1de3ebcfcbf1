package dev.omnisim.lincheck.generate;

import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.RegisterOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Makes linearisable histories by simulating a real object: each client runs one operation at a
 * time, waiting a random think time between them; every operation takes effect at a random instant
 * inside its interval, in that order, on a real copy of the object, and records what the object
 * answered. Longer operations and shorter think times mean more overlap, hence more work for the
 * checker. A few operations lose their outcome (pending), and half of those still took effect.
 * The same seed gives the same history.
 */
public final class HistoryGenerator {

  /**
   * The shape of a run.
   *
   * @param operations how many operations to record
   * @param clients how many clients run at once
   * @param durationMin shortest operation, in time units
   * @param durationMax longest operation, in time units
   * @param thinkMax longest pause of a client between two operations
   * @param pendingProbability chance that an operation's outcome is lost
   */
  public record Shape(int operations, int clients, long durationMin, long durationMax, long thinkMax,
      double pendingProbability) {}

  private final SplittableRandom random;

  private HistoryGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * A key-value history over {@code keys} keys: 40 % gets, 30 % puts, 30 % appends, keys uniform,
   * operations 10–200 time units long with up to 50 between them, 0.1 % pending.
   */
  public static History<KvOp, String> keyValue(long seed, int operations, int clients, int keys) {
    HistoryGenerator generator = new HistoryGenerator(seed);
    Shape shape = new Shape(operations, clients, 10, 200, 50, 0.001);
    return generator.run(shape, (id, client) -> generator.kvOp("k" + generator.random.nextInt(keys), id), kvStore());
  }

  /**
   * A single-key history of appends and gets (half each), operations 10–100 long with up to 20
   * between them, 0.2 % pending: the lab's append test, where every append must show up once and in
   * order.
   */
  public static History<KvOp, String> singleKeyAppends(long seed, int operations, int clients) {
    HistoryGenerator generator = new HistoryGenerator(seed);
    Shape shape = new Shape(operations, clients, 10, 100, 20, 0.002);
    return generator.run(shape,
        (id, client) -> generator.random.nextBoolean() ? new KvOp.Get("x") : new KvOp.Append("x", "." + id), kvStore());
  }

  /**
   * The lab's workload in porcupine's c50 shape: {@code clients} clients append and read on {@code
   * keys} keys (half each), every appended value unique ({@code "x <client> <n> y"}, the n-th
   * operation of that client), operations 10–2 000 time units long with at most 5 between a
   * client's calls, so many clients' calls overlap, and no outcome lost. Reads return the
   * concatenation of the appends before them.
   */
  public static History<KvOp, String> uniqueAppends(long seed, int operations, int clients, int keys) {
    return uniqueAppends(seed, operations, clients, keys, 50);
  }

  /** As {@link #uniqueAppends(long, int, int, int)}, with {@code readPercent} % reads instead of half. */
  public static History<KvOp, String> uniqueAppends(long seed, int operations, int clients, int keys, int readPercent) {
    HistoryGenerator generator = new HistoryGenerator(seed);
    Shape shape = new Shape(operations, clients, 10, 2_000, 5, 0);
    int[] issued = new int[clients];
    return generator.run(shape, (id, client) -> {
      String key = Integer.toString(generator.random.nextInt(keys));
      return generator.random.nextInt(100) < readPercent
          ? new KvOp.Get(key)
          : new KvOp.Append(key, "x " + client + " " + issued[client]++ + " y");
    }, kvStore());
  }

  /**
   * {@code history} with one read per key changed so that it is not linearisable: on each of the
   * first {@code keysBroken} keys (in key order) that has a read of three or more appended values
   * in the last tenth of the history, the first such read loses its second value, as if one append
   * had been lost and then reappeared. Values are {@code "x ... y"} pieces as {@link #uniqueAppends}
   * writes them.
   */
  public static History<KvOp, String> withLostAppends(History<KvOp, String> history, int keysBroken) {
    List<Operation<KvOp, String>> ops = new ArrayList<>(history.operations());
    java.util.TreeMap<String, Integer> brokenAt = new java.util.TreeMap<>();
    for (int i = ops.size() * 9 / 10; i < ops.size(); i++) {
      Operation<KvOp, String> op = ops.get(i);
      if (op.input() instanceof KvOp.Get get && !op.pending() && op.output().split("y").length >= 3) {
        brokenAt.putIfAbsent(get.key(), i);
      }
    }
    int broken = 0;
    for (int i : brokenAt.values()) {
      if (broken++ == keysBroken) {
        break;
      }
      Operation<KvOp, String> op = ops.get(i);
      List<String> pieces = new ArrayList<>(List.of(op.output().split("(?<=y)")));
      pieces.remove(1);
      ops.set(i, Operation.completed(op.id(), op.client(), op.callTime(), op.returnTime().getAsLong(), op.input(),
          String.join("", pieces)));
    }
    return new History<>(ops);
  }

  /**
   * A cas-register history with heavy overlap: 50 % reads, 25 % writes, 25 % cas over the values
   * 0–4, operations 50–500 long with at most 10 between them (each overlaps most others), 0.2 %
   * pending. The register starts at 0. As in Jepsen, a cas that finds another value fails and is
   * not recorded.
   */
  public static History<RegisterOp, Long> casRegister(long seed, int operations, int clients) {
    HistoryGenerator generator = new HistoryGenerator(seed);
    Shape shape = new Shape(operations, clients, 50, 500, 10, 0.002);
    long[] register = {0};
    RealObject<RegisterOp, Long> real = input -> switch (input) {
      case RegisterOp.Read read -> register[0];
      case RegisterOp.Write write -> {
        register[0] = write.value();
        yield null;
      }
      case RegisterOp.Cas cas -> {
        if (register[0] != cas.expected()) {
          yield REFUSED;
        }
        register[0] = cas.replacement();
        yield null;
      }
    };
    return generator.run(shape, (id, client) -> switch (generator.random.nextInt(4)) {
      case 0, 1 -> new RegisterOp.Read();
      case 2 -> new RegisterOp.Write((long) generator.random.nextInt(5));
      default -> new RegisterOp.Cas((long) generator.random.nextInt(5), (long) generator.random.nextInt(5));
    }, real);
  }

  /** What {@link RealObject#apply} returns for an operation the object refuses. */
  private static final Object REFUSED = new Object();

  /** The real object clients talk to; mutable, unlike a model's states, so simulating is cheap. */
  private interface RealObject<I, O> {
    /** Applies the operation and returns its answer (null for none), or {@link #REFUSED}. */
    Object apply(I input);
  }

  private static RealObject<KvOp, String> kvStore() {
    Map<String, String> store = new HashMap<>();
    return input -> switch (input) {
      case KvOp.Get get -> store.getOrDefault(get.key(), "");
      case KvOp.Put put -> {
        store.put(put.key(), put.value());
        yield null;
      }
      case KvOp.Append append -> {
        store.merge(append.key(), append.value(), String::concat);
        yield null;
      }
    };
  }

  private KvOp kvOp(String key, int id) {
    int dice = random.nextInt(10);
    if (dice < 4) {
      return new KvOp.Get(key);
    }
    return dice < 7 ? new KvOp.Put(key, "v" + id) : new KvOp.Append(key, "." + id);
  }

  private record Planned<I>(int id, int client, long callTime, long returnTime, long effectTime, I input,
      boolean pending, boolean tookEffect) {}

  /** The generic simulation: plan intervals per client, then apply operations in effect order. */
  /** Makes the input of operation {@code id}, called by {@code client}. */
  private interface InputMaker<I> {
    I make(int id, int client);
  }

  private <I, O> History<I, O> run(Shape shape, InputMaker<I> nextInput, RealObject<I, O> real) {
    List<Operation<I, O>> recorded = new ArrayList<>();
    // Clients by the time they are next free; ties by client number keep it deterministic.
    PriorityQueue<long[]> free =
        new PriorityQueue<>(Comparator.<long[]>comparingLong(c -> c[1]).thenComparingLong(c -> c[0]));
    for (int client = 0; client < shape.clients(); client++) {
      free.add(new long[] {client, random.nextLong(shape.thinkMax() + 1)});
    }
    // Operations planned but not yet applied, by effect time.
    PriorityQueue<Planned<I>> unapplied = new PriorityQueue<>(
        Comparator.<Planned<I>>comparingLong(Planned::effectTime).thenComparingInt(Planned::id));
    int nextId = 0;
    while (recorded.size() < shape.operations()) {
      long[] client = free.poll();
      long call = client[1];
      // Every operation taking effect before this call is settled: apply them first.
      while (!unapplied.isEmpty() && unapplied.peek().effectTime() < call && recorded.size() < shape.operations()) {
        apply(unapplied.poll(), real, recorded);
      }
      long duration = shape.durationMin() + random.nextLong(shape.durationMax() - shape.durationMin() + 1);
      long effect = call + random.nextLong(duration + 1);
      boolean pending = random.nextDouble() < shape.pendingProbability();
      int id = nextId++;
      unapplied.add(new Planned<>(id, (int) client[0], call, call + duration, effect, nextInput.make(id, (int) client[0]), pending,
          !pending || random.nextBoolean()));
      client[1] = call + duration + random.nextLong(shape.thinkMax() + 1);
      free.add(client);
    }
    // Operations left unapplied had not taken effect when the run stopped, so leaving them out keeps
    // the history linearisable.
    while (!unapplied.isEmpty() && recorded.size() < shape.operations()) {
      apply(unapplied.poll(), real, recorded);
    }
    recorded.sort(Comparator.comparingInt(Operation::id));
    return new History<>(recorded);
  }

  @SuppressWarnings("unchecked")
  private static <I, O> void apply(Planned<I> op, RealObject<I, O> real, List<Operation<I, O>> recorded) {
    if (op.pending()) {
      if (op.tookEffect()) {
        real.apply(op.input());
      }
      recorded.add(Operation.pending(op.id(), op.client(), op.callTime(), op.input()));
      return;
    }
    Object answer = real.apply(op.input());
    if (answer != REFUSED) {
      recorded.add(Operation.completed(op.id(), op.client(), op.callTime(), op.returnTime(), op.input(), (O) answer));
    }
  }
}
