package dev.omnisim.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.KvState;
import dev.omnisim.lincheck.model.RegisterModel;
import dev.omnisim.lincheck.model.RegisterOp;
import dev.omnisim.lincheck.model.RegisterState;
import dev.omnisim.lincheck.model.SetModel;
import dev.omnisim.lincheck.model.SetOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The checker's verdict equals the brute-force verdict on small random concurrent histories, for
 * every model and the unique-append procedure: 2 500 histories each, 12 500 in all, on a fresh
 * random seed every run (jqwik prints it on a failure).
 *
 * <p>Histories come from a simulated execution (each operation takes effect at a random point inside
 * its interval), so they start out linearisable; a few outputs are then corrupted and some
 * operations are left pending, with or without effect. Each client issues its operations one after
 * another, often in the same instant the previous one returned (as the simulator's clients do), and
 * clients start at a few small times, so intervals touch within one client and across clients, and
 * many events share an instant. Half the histories carry event indices, as the simulator's recorder
 * writes them, drawn so that clients interleave at an instant in a random order; the others are
 * ordered by the format's rule for equal times. The oracle checks the whole history, without
 * partitioning, so a checker whose order of events is not one order for all keys (as was the case
 * when touching calls of one client were ordered and those of different clients not) disagrees.
 * Coverage checks make sure both verdicts, both kinds of touching and both kinds of history are
 * common, so the property cannot pass by only ever seeing one of them.
 */
class CheckerAgreesWithBruteForceProperties {

  /**
   * One generated operation before it is given meaning by a model.
   *
   * @param client who calls it
   * @param gapTime for a client's first operation, when it is called; for the others, the pause
   *     after the previous one (0 in half the cases: the next call in the same instant)
   * @param durationTime how long it runs
   * @param effectPercent where in its interval it takes effect
   * @param kind which kind of operation (model-specific)
   * @param key which key (kv only)
   * @param value which value
   * @param pending whether its outcome is lost
   * @param pendingTookEffect for a pending operation, whether it still took effect
   * @param corrupt whether its output is replaced by {@code corruptValue}
   * @param corruptValue the replacement output's seed
   */
  record OpSeed(int client, int gapTime, int durationTime, int effectPercent, int kind, int key, int value,
      boolean pending, boolean pendingTookEffect, boolean corrupt, int corruptValue) {}

  private final Checker checker = new Checker();

  @Provide
  Arbitrary<List<OpSeed>> seeds() {
    Arbitrary<OpSeed> op = Builders.withBuilder(() -> new int[11])
        .use(Arbitraries.integers().between(0, 3)).in((b, v) -> { b[0] = v; return b; })
        .use(Arbitraries.integers().between(-3, 3).map(v -> Math.max(0, v))).in((b, v) -> { b[1] = v; return b; })
        .use(Arbitraries.integers().between(0, 8)).in((b, v) -> { b[2] = v; return b; })
        .use(Arbitraries.integers().between(0, 100)).in((b, v) -> { b[3] = v; return b; })
        .use(Arbitraries.integers().between(0, 2)).in((b, v) -> { b[4] = v; return b; })
        .use(Arbitraries.integers().between(0, 1)).in((b, v) -> { b[5] = v; return b; })
        .use(Arbitraries.integers().between(0, 2)).in((b, v) -> { b[6] = v; return b; })
        .use(Arbitraries.integers().between(0, 9)).in((b, v) -> { b[7] = v; return b; })
        .use(Arbitraries.integers().between(0, 1)).in((b, v) -> { b[8] = v; return b; })
        .use(Arbitraries.integers().between(0, 1)).in((b, v) -> { b[9] = v; return b; })
        .use(Arbitraries.integers().between(0, 3)).in((b, v) -> { b[10] = v; return b; })
        .build(b -> new OpSeed(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7] == 0, b[8] == 1, b[9] == 0, b[10]));
    return op.list().ofMinSize(2).ofMaxSize(8);
  }

  @Property(tries = 2500)
  void kvAgrees(@ForAll("seeds") List<OpSeed> seeds, @ForAll boolean indexed) {
    String[] values = {"x", "y", "z"};
    String[] wrong = {"", "x", "y", "xy"};
    History<KvOp, String> history = simulate(new KvModel(), seeds, indexed,
        s -> {
          String key = s.key() == 0 ? "a" : "b";
          return switch (s.kind()) {
            case 0 -> new KvOp.Get(key);
            case 1 -> new KvOp.Put(key, values[s.value()]);
            default -> new KvOp.Append(key, values[s.value()]);
          };
        },
        (KvState state, KvOp op) -> op instanceof KvOp.Get get ? state.get(get.key()) : null,
        (s, real) -> real == null ? null : wrong[s.corruptValue()]);
    assertAgrees(new KvModel(), history);
  }

  /**
   * The unique-append procedure against the oracle. Seven histories in ten append unique values
   * ("v<id>") and read on two keys, so the values order the appends and the procedure decides; the
   * others break its precondition on purpose — puts, or values from {a, b, ab, ba} that repeat or
   * split two ways — and must fall back to the search. Corrupted reads drop, add, repeat or swap
   * appended values.
   */
  @Property(tries = 2500)
  void uniqueAppendsAgree(@ForAll("seeds") List<OpSeed> seeds,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 9) int mode, @ForAll boolean indexed) {
    String[] ambiguous = {"a", "b", "ab", "ba"};
    History<KvOp, String> history = simulate(new KvModel(), seeds, indexed,
        (i, s) -> {
          String key = s.key() == 0 ? "a" : "b";
          String value = mode >= 8 ? ambiguous[s.value() % 4] : "v" + i;
          return switch (s.kind()) {
            case 0 -> new KvOp.Get(key);
            case 1 -> mode == 7 ? new KvOp.Put(key, value) : new KvOp.Append(key, value);
            default -> new KvOp.Append(key, value);
          };
        },
        (KvState state, KvOp op) -> op instanceof KvOp.Get get ? state.get(get.key()) : null,
        (s, real) -> real == null ? null : corruptTokens(real, s.corruptValue()));
    CheckResult<KvOp, String> result = assertAgrees(new KvModel(), history);
    for (PartitionResult<KvOp, String> partition : result.partitions()) {
      boolean applies = UniqueAppends.fallbackReason(new KvModel(),
          new Partition<>(partition.label(), partition.operations())).isEmpty();
      assertEquals(applies ? PartitionResult.Method.UNIQUE_APPENDS : PartitionResult.Method.SEARCH,
          partition.method(), () -> "method of " + partition.label() + " in " + history);
      Statistics.label("method").collect(partition.method());
    }
    Statistics.label("method").coverage(coverage -> {
      coverage.check(PartitionResult.Method.UNIQUE_APPENDS).percentage(p -> p >= 50);
      coverage.check(PartitionResult.Method.SEARCH).percentage(p -> p >= 10);
    });
  }

  /** A read's value with one change: the last or first value dropped, a foreign one added, two swapped. */
  private static String corruptTokens(String value, int how) {
    List<String> tokens = new ArrayList<>(List.of(value.split("(?=v)")));
    tokens.removeIf(String::isEmpty);
    if (!value.startsWith("v") && !value.isEmpty()) {
      return new StringBuilder(value).reverse().append(how == 0 ? "a" : "").toString();
    }
    switch (how) {
      case 0 -> {
        if (!tokens.isEmpty()) {
          tokens.remove(tokens.size() - 1);
        }
      }
      case 1 -> tokens.add(tokens.isEmpty() ? "v99" : tokens.get(0));
      case 2 -> tokens.add("v99");
      default -> {
        if (tokens.size() >= 2) {
          String first = tokens.remove(0);
          tokens.add(1, first);
        } else if (!tokens.isEmpty()) {
          tokens.remove(0);
        }
      }
    }
    return String.join("", tokens);
  }

  @Property(tries = 2500)
  void registerAgrees(@ForAll("seeds") List<OpSeed> seeds, @ForAll boolean indexed) {
    Long[] wrong = {null, 0L, 1L, 2L};
    History<RegisterOp, Long> history = simulate(RegisterModel.register(), seeds, indexed,
        s -> s.kind() != 2 ? new RegisterOp.Read() : new RegisterOp.Write((long) s.value()),
        (RegisterState state, RegisterOp op) -> op instanceof RegisterOp.Read ? state.value() : null,
        (s, real) -> s.kind() != 2 ? wrong[s.corruptValue()] : null);
    assertAgrees(RegisterModel.register(), history);
  }

  @Property(tries = 2500)
  void casRegisterAgrees(@ForAll("seeds") List<OpSeed> seeds, @ForAll boolean indexed) {
    Long[] wrong = {null, 0L, 1L, 2L};
    History<RegisterOp, Long> history = simulate(RegisterModel.casRegister(0L), seeds, indexed,
        s -> switch (s.kind()) {
          case 0 -> new RegisterOp.Read();
          case 1 -> new RegisterOp.Write((long) s.value());
          default -> new RegisterOp.Cas((long) s.corruptValue() % 3, (long) s.value());
        },
        (RegisterState state, RegisterOp op) -> op instanceof RegisterOp.Read ? state.value() : null,
        (s, real) -> s.kind() == 0 ? wrong[s.corruptValue()] : null);
    assertAgrees(RegisterModel.casRegister(0L), history);
  }

  @Property(tries = 2500)
  void setAgrees(@ForAll("seeds") List<OpSeed> seeds, @ForAll boolean indexed) {
    History<SetOp, Set<Long>> history = simulate(new SetModel(), seeds, indexed,
        s -> s.kind() == 0 ? new SetOp.Read() : new SetOp.Add(s.value()),
        (SortedSet<Long> state, SetOp op) -> op instanceof SetOp.Read ? state : null,
        (s, real) -> {
          if (real == null) {
            return null;
          }
          // Drop or add one element: the set a lost or phantom add would show.
          TreeSet<Long> changed = new TreeSet<>(real);
          if (!changed.remove((long) s.corruptValue() % 3)) {
            changed.add((long) s.corruptValue() % 3);
          }
          return changed;
        });
    assertAgrees(new SetModel(), history);
  }

  /**
   * Runs the seeds as a real object would: operations take effect in order of their effect points,
   * outputs are what the object answered, then corruptions are applied. A completed operation the
   * object refuses (a cas that found another value) is a failed call and is left out.
   */
  private static <S, I, O> History<I, O> simulate(Model<S, I, O> model, List<OpSeed> seeds, boolean indexed,
      Function<OpSeed, I> inputOf, BiFunction<S, I, O> answer, BiFunction<OpSeed, O, O> corruption) {
    return simulate(model, seeds, indexed, (i, s) -> inputOf.apply(s), answer, corruption);
  }

  /** As above, with the operation's index (its id) given to {@code inputOf}. */
  private static <S, I, O> History<I, O> simulate(Model<S, I, O> model, List<OpSeed> seeds, boolean indexed,
      BiFunction<Integer, OpSeed, I> inputOf, BiFunction<S, I, O> answer, BiFunction<OpSeed, O, O> corruption) {
    long[] callTime = new long[seeds.size()];
    long[] clientFreeAt = new long[4];
    boolean[] clientStarted = new boolean[4];
    List<Integer> byEffect = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      OpSeed seed = seeds.get(i);
      // A client's first call starts at its gap; each later one that long after the previous returned.
      callTime[i] = clientStarted[seed.client()] ? clientFreeAt[seed.client()] + seed.gapTime() : seed.gapTime();
      clientStarted[seed.client()] = true;
      clientFreeAt[seed.client()] = callTime[i] + seed.durationTime();
      byEffect.add(i);
    }
    // Effects at the same instant apply in the rule's order for equal times: earlier return first
    // (one that returned then precedes one called then), then earlier call, then id.
    byEffect.sort(Comparator.<Integer>comparingDouble(
            i -> callTime[i] + seeds.get(i).durationTime() * seeds.get(i).effectPercent() / 100.0)
        .thenComparingLong(i -> seeds.get(i).pending() ? Long.MAX_VALUE : callTime[i] + seeds.get(i).durationTime())
        .thenComparingLong(i -> callTime[i])
        .thenComparingInt(i -> i));
    S state = model.initialState();
    List<Operation<I, O>> ops = new ArrayList<>();
    for (int i : byEffect) {
      OpSeed seed = seeds.get(i);
      I input = inputOf.apply(i, seed);
      if (seed.pending()) {
        if (seed.pendingTookEffect()) {
          state = model.stepPending(state, input);
        }
        ops.add(Operation.pending(i, seed.client(), callTime[i], input));
        continue;
      }
      O output = answer.apply(state, input);
      S next = model.step(state, input, output);
      if (next == null) {
        continue;
      }
      state = next;
      O recorded = seed.corrupt() ? corruption.apply(seed, output) : output;
      ops.add(Operation.completed(i, seed.client(), callTime[i], callTime[i] + seed.durationTime(),
          input, recorded));
    }
    ops.sort(Comparator.comparingInt(Operation::id));
    return new History<>(indexed ? withIndices(ops, seeds) : ops);
  }

  /**
   * Numbers the events as a recorder would: by time; at one instant the clients in an order drawn
   * per instant from the seeds, each client's events in the order it issued them.
   */
  private static <I, O> List<Operation<I, O>> withIndices(List<Operation<I, O>> ops, List<OpSeed> seeds) {
    long mix = 0x9E3779B97F4A7C15L * (1 + seeds.stream().mapToLong(s -> s.effectPercent() * 7L + s.value()).sum());
    // {time, shuffled client, client's event sequence, operation index in ops, 0 call / 1 return}
    List<long[]> events = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      Operation<I, O> op = ops.get(k);
      // A client's calls are sequential, so (call time, id) orders its operations as issued.
      long sequence = 2L * ops.stream().filter(o -> o.client() == op.client()
          && (o.callTime() < op.callTime() || o.callTime() == op.callTime() && o.id() < op.id())).count();
      events.add(new long[] {op.callTime(), shuffle(mix, op.callTime(), op.client()), sequence, k, 0});
      if (!op.pending()) {
        long at = op.returnTime().getAsLong();
        events.add(new long[] {at, shuffle(mix, at, op.client()), sequence + 1, k, 1});
      }
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])
        .thenComparingLong(e -> e[2]));
    long[] callIndex = new long[ops.size()];
    long[] returnIndex = new long[ops.size()];
    java.util.Arrays.fill(returnIndex, Operation.NO_INDEX);
    for (int index = 0; index < events.size(); index++) {
      long[] e = events.get(index);
      (e[4] == 0 ? callIndex : returnIndex)[(int) e[3]] = index;
    }
    List<Operation<I, O>> result = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      result.add(ops.get(k).withIndices(callIndex[k], returnIndex[k]));
    }
    return result;
  }

  private static long shuffle(long mix, long time, int client) {
    long h = (mix ^ time * 0xBF58476D1CE4E5B9L) + client * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xD6E8FEB86CD1505BL;
    return (h ^ h >>> 29) << 3 | client;
  }

  /** True when one operation returned at the instant another client's operation was called. */
  static boolean touchesAcrossClients(List<? extends Operation<?, ?>> ops) {
    for (Operation<?, ?> a : ops) {
      for (Operation<?, ?> b : ops) {
        if (a.client() != b.client() && !a.pending() && a.returnTime().getAsLong() == b.callTime()) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when some client called an operation in the instant its previous one returned. */
  static boolean touchesItself(List<? extends Operation<?, ?>> ops) {
    for (Operation<?, ?> a : ops) {
      for (Operation<?, ?> b : ops) {
        if (a != b && a.client() == b.client() && !a.pending() && a.returnTime().getAsLong() == b.callTime()) {
          return true;
        }
      }
    }
    return false;
  }

  private <S, I, O> CheckResult<I, O> assertAgrees(Model<S, I, O> model, History<I, O> history) {
    boolean expected = BruteForce.linearizable(model, history.operations());
    CheckResult<I, O> result = checker.check(model, history);
    Statistics.label("verdict").collect(result.verdict());
    Statistics.label("has pending").collect(history.operations().stream().anyMatch(Operation::pending));
    Statistics.label("one client touches itself").collect(touchesItself(history.operations()));
    Statistics.label("clients touch each other").collect(touchesAcrossClients(history.operations()));
    Statistics.label("event indices").collect(history.operations().stream().anyMatch(Operation::indexed));
    Statistics.label("verdict").coverage(coverage -> {
      coverage.check(Verdict.OK).percentage(p -> p >= 20);
      coverage.check(Verdict.ILLEGAL).percentage(p -> p >= 20);
    });
    Statistics.label("one client touches itself").coverage(coverage ->
        coverage.check(true).percentage(p -> p >= 30));
    Statistics.label("clients touch each other").coverage(coverage ->
        coverage.check(true).percentage(p -> p >= 20));
    Statistics.label("event indices").coverage(coverage -> {
      coverage.check(true).percentage(p -> p >= 30);
      coverage.check(false).percentage(p -> p >= 30);
    });
    assertEquals(expected ? Verdict.OK : Verdict.ILLEGAL, result.verdict(), () -> "history " + history);
    for (PartitionResult<I, O> partition : result.partitions()) {
      if (partition.verdict() == Verdict.OK) {
        assertTrue(BruteForce.isLinearization(model, partition.operations(), partition.linearization()),
            () -> "not a linearisation: " + partition.linearization());
      } else {
        assertTrue(BruteForce.isLegalPrefix(model, partition.operations(), partition.linearization()),
            () -> "not a legal prefix: " + partition.linearization());
        assertFalse(partition.stuck().isEmpty(), "an ILLEGAL partition names the operations that are stuck");
      }
    }
    return result;
  }
}
