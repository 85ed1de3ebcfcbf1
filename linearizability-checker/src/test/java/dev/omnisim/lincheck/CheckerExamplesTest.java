package dev.omnisim.lincheck;

import static dev.omnisim.lincheck.Operation.completed;
import static dev.omnisim.lincheck.Operation.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.RegisterModel;
import dev.omnisim.lincheck.model.RegisterOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Histories whose answer is known, each named after the anomaly it shows. */
class CheckerExamplesTest {

  private static final RegisterOp READ = new RegisterOp.Read();

  private final Checker checker = new Checker();

  private static RegisterOp write(long value) {
    return new RegisterOp.Write(value);
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // List.of only reads the array
  private static <I, O> History<I, O> history(Operation<I, O>... ops) {
    return new History<>(List.of(ops));
  }

  /** A completed key-value operation, typed so that indices can be chained on. */
  private static Operation<KvOp, String> kv(int id, int client, long call, long ret, KvOp input, String output) {
    return Operation.completed(id, client, call, ret, input, output);
  }

  private static KvOp put(String value) {
    return new KvOp.Put("x", value);
  }

  private static KvOp append(String value) {
    return new KvOp.Append("x", value);
  }

  private static KvOp get() {
    return new KvOp.Get("x");
  }

  // --- porcupine's register tests (register starting at 0) -----------------------------------

  @Test
  @DisplayName("porcupine register ok: a read of 0 overlaps the write of 100, so it can go first")
  void porcupineRegisterOk() {
    var result = checker.check(RegisterModel.register(0L), history(
        completed(0, 0, 0, 100, write(100), null),
        completed(1, 1, 25, 75, READ, 100L),
        completed(2, 2, 30, 60, READ, 0L)));
    assertEquals(Verdict.OK, result.verdict());
  }

  @Test
  @DisplayName("porcupine register bad: a read of 0 that starts after a read of 200 ended")
  void porcupineRegisterBad() {
    var result = checker.check(RegisterModel.register(0L), history(
        completed(0, 0, 0, 100, write(200), null),
        completed(1, 1, 10, 30, READ, 200L),
        completed(2, 2, 40, 90, READ, 0L)));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  // --- Knossos's classic cas-register cases ---------------------------------------------------

  @Test
  @DisplayName("knossos: a read of nil after a write of 1 completed is a stale read")
  void staleReadOfRegister() {
    var result = checker.check(RegisterModel.casRegister(), history(
        completed(0, 0, 0, 1, write(1), null),
        completed(1, 1, 2, 3, READ, null)));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  @Test
  @DisplayName("knossos: a cas from 1 to 2 concurrent with a read of 2 and a write of 1")
  void casChain() {
    var result = checker.check(RegisterModel.casRegister(0L), history(
        completed(0, 0, 0, 10, write(1), null),
        completed(1, 1, 5, 20, new RegisterOp.Cas(1L, 2L), null),
        completed(2, 2, 15, 25, READ, 2L)));
    assertEquals(Verdict.OK, result.verdict());
    assertEquals(List.of(0, 1, 2), result.partitions().get(0).linearization().stream().map(Operation::id).toList());
  }

  @Test
  @DisplayName("knossos: two cas from 0 cannot both succeed")
  void doubleCas() {
    var result = checker.check(RegisterModel.casRegister(0L), history(
        completed(0, 0, 0, 10, new RegisterOp.Cas(0L, 1L), null),
        completed(1, 1, 0, 10, new RegisterOp.Cas(0L, 2L), null)));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  // --- key-value anomalies ------------------------------------------------------------------

  @Test
  @DisplayName("stale read: get returns the value before a put that completed before it began")
  void staleReadOfKey() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, put("a"), null),
        completed(1, 0, 20, 30, put("b"), null),
        completed(2, 1, 40, 50, get(), "a")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
    PartitionResult<KvOp, String> failing = result.partitions().get(0);
    assertEquals("key \"x\"", failing.label());
    assertEquals(List.of(0, 1), failing.linearization().stream().map(Operation::id).toList());
    assertEquals("{\"x\": \"b\"}", failing.state());
    assertEquals(1, failing.stuck().size());
    assertEquals(2, failing.stuck().get(0).operation().id());
    assertTrue(failing.stuck().get(0).rejectedByModel());
    assertTrue(failing.explanation().contains("get(\"x\") → \"a\""), failing.explanation());
  }

  @Test
  @DisplayName("a get concurrent with a put may return the old or the new value")
  void concurrentGetSeesEither() {
    for (String seen : List.of("a", "b")) {
      var result = checker.check(new KvModel(), history(
          completed(0, 0, 0, 10, put("a"), null),
          completed(1, 0, 20, 30, put("b"), null),
          completed(2, 1, 25, 35, get(), seen)));
      assertEquals(Verdict.OK, result.verdict(), seen);
    }
  }

  @Test
  @DisplayName("without event indices, an operation that returned at t precedes one called at t, whichever client")
  void touchingIntervalsAreOrdered() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, put("a"), null),
        completed(1, 1, 10, 20, get(), "")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  @Test
  @DisplayName("with event indices, a call recorded before another client's return at the same instant is concurrent")
  void eventIndicesBreakTies() {
    // Client 1 called at 10 before client 0's answer arrived at 10: the get may come first.
    assertEquals(Verdict.OK, checker.check(new KvModel(), history(
        kv(0, 0, 0, 10, put("a"), null).withIndices(0, 2),
        kv(1, 1, 10, 20, get(), "").withIndices(1, 3))).verdict());
    // Recorded the other way round, the put precedes the get, which must see it.
    assertEquals(Verdict.ILLEGAL, checker.check(new KvModel(), history(
        kv(0, 0, 0, 10, put("a"), null).withIndices(0, 1),
        kv(1, 1, 10, 20, get(), "").withIndices(2, 3))).verdict());
  }

  @Test
  @DisplayName("program order: a client's get issued the instant its put returned must see the put")
  void oneClientTouchingItselfIsOrdered() {
    var result = checker.check(new KvModel(), history(
        kv(0, 0, 0, 10, put("a"), null),
        kv(1, 0, 10, 20, get(), "")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
    PartitionResult<KvOp, String> partition = result.partitions().get(0);
    assertEquals(List.of(0), partition.linearization().stream().map(Operation::id).toList());
    assertEquals(List.of(1), partition.stuck().stream().map(s -> s.operation().id()).toList(),
        "only the get can come next, and it cannot");
  }

  /**
   * The fuzzer's shrunk counterexample to checking keys alone when touching calls of one client are
   * ordered but those of different clients are not: client 0 puts a over [2, 7], then reads b
   * (empty) in [7, 7]; client 2 puts b over [6, 7], then reads a (empty) in [7, 7]. Each key alone
   * has an order, but no order of all four exists: whichever put's return comes first at 7 precedes
   * the other client's read, which then cannot be empty. With one order of events for all keys, the
   * key that sees it fails, with and without event indices.
   */
  @Test
  @DisplayName("two clients touching themselves and each other at one instant, across two keys: NOT linearizable")
  void crossKeyTouchingAtOneInstant() {
    List<List<Operation<KvOp, String>>> histories = List.of(
        List.of(kv(0, 0, 2, 7, new KvOp.Put("a", "x"), null),
            kv(1, 0, 7, 7, new KvOp.Get("b"), ""),
            kv(2, 2, 6, 7, new KvOp.Put("b", "x"), null),
            kv(3, 2, 7, 7, new KvOp.Get("a"), "")),
        // Indexed as the simulator could have recorded it: both puts return before either read is called.
        List.of(kv(0, 0, 2, 7, new KvOp.Put("a", "x"), null).withIndices(0, 2),
            kv(1, 0, 7, 7, new KvOp.Get("b"), "").withIndices(4, 5),
            kv(2, 2, 6, 7, new KvOp.Put("b", "x"), null).withIndices(1, 3),
            kv(3, 2, 7, 7, new KvOp.Get("a"), "").withIndices(6, 7)),
        // Or client 0 ran its read before client 2's put returned.
        List.of(kv(0, 0, 2, 7, new KvOp.Put("a", "x"), null).withIndices(0, 2),
            kv(1, 0, 7, 7, new KvOp.Get("b"), "").withIndices(3, 4),
            kv(2, 2, 6, 7, new KvOp.Put("b", "x"), null).withIndices(1, 5),
            kv(3, 2, 7, 7, new KvOp.Get("a"), "").withIndices(6, 7)));
    for (List<Operation<KvOp, String>> ops : histories) {
      History<KvOp, String> history = new History<>(ops);
      assertFalse(BruteForce.linearizable(new KvModel(), history.operations()), "the oracle, on " + ops);
      assertEquals(Verdict.ILLEGAL, checker.check(new KvModel(), history).verdict(), ops.toString());
      assertEquals(Verdict.ILLEGAL, new Checker(CheckOptions.defaults().withUniqueAppends(false))
          .check(new KvModel(), history).verdict(), "the search alone, on " + ops);
    }
  }

  @Test
  @DisplayName("program order: zero-length operations of one client at one instant follow their ids")
  void zeroLengthOperationsOfOneClient() {
    assertEquals(Verdict.ILLEGAL, checker.check(new KvModel(), history(
        completed(0, 0, 10, 10, put("a"), null),
        completed(1, 0, 10, 10, get(), ""))).verdict());
    assertEquals(Verdict.OK, checker.check(new KvModel(), history(
        completed(0, 0, 10, 10, get(), ""),
        completed(1, 0, 10, 10, put("a"), null))).verdict());
  }

  @Test
  @DisplayName("unique appends: a read that orders two appends against real time is a cycle, named step by step")
  void uniqueAppendsOrderAgainstRealTime() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 20, 30, append("b"), null),
        completed(2, 2, 40, 50, get(), "ba")));
    PartitionResult<KvOp, String> partition = result.partitions().get(0);
    assertEquals(Verdict.ILLEGAL, partition.verdict());
    assertEquals(PartitionResult.Method.UNIQUE_APPENDS, partition.method());
    assertTrue(partition.explanation().contains("operation 2's read shows append(\"x\", \"b\") (operation 1) before "
        + "append(\"x\", \"a\") (operation 0)"), partition.explanation());
    assertTrue(partition.explanation().contains("append(\"x\", \"a\") (operation 0) returned at 10, before "
        + "append(\"x\", \"b\") (operation 1) was called at 20"), partition.explanation());
    assertFalse(partition.stuck().isEmpty());
  }

  @Test
  @DisplayName("unique appends: an append nobody read, completed before a read that saw a later one, is lost")
  void uniqueAppendsLostAppend() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 20, 30, append("b"), null),
        completed(2, 2, 40, 50, get(), "b")));
    PartitionResult<KvOp, String> partition = result.partitions().get(0);
    assertEquals(Verdict.ILLEGAL, partition.verdict());
    assertEquals(PartitionResult.Method.UNIQUE_APPENDS, partition.method());
    assertTrue(partition.explanation().contains("shows in no read"), partition.explanation());
    // As the search would show it: both appends fit, then the read that missed one cannot.
    assertEquals(List.of(0, 1), partition.linearization().stream().map(Operation::id).toList());
    assertEquals(List.of(2), partition.stuck().stream().map(s -> s.operation().id()).toList());
    assertEquals(StuckOperation.Obstacle.NEVER_POSSIBLE, partition.stuck().get(0).obstacle());
  }

  @Test
  @DisplayName("unique appends: concurrent appends in either order, a pending one seen or not, decided without search")
  void uniqueAppendsDecidesLinearizableHistories() {
    for (String seen : List.of("abc", "bac", "ab", "ba")) {
      var result = checker.check(new KvModel(), history(
          completed(0, 0, 0, 10, append("a"), null),
          completed(1, 1, 5, 30, append("b"), null),
          pending(2, 3, 8, append("c")),
          completed(3, 2, 40, 50, get(), seen)));
      assertEquals(Verdict.OK, result.verdict(), seen);
      assertEquals(PartitionResult.Method.UNIQUE_APPENDS, result.partitions().get(0).method(), seen);
      assertEquals(0, result.cacheEntries(), "no search states");
    }
  }

  @Test
  @DisplayName("unique appends: a read showing a value nobody appended, or one append twice, can never be")
  void uniqueAppendsImpossibleReads() {
    for (String seen : List.of("az", "aa")) {
      var result = checker.check(new KvModel(), history(
          completed(0, 0, 0, 10, append("a"), null),
          completed(1, 2, 40, 50, get(), seen)));
      PartitionResult<KvOp, String> partition = result.partitions().get(0);
      assertEquals(Verdict.ILLEGAL, partition.verdict(), seen);
      assertEquals(PartitionResult.Method.UNIQUE_APPENDS, partition.method());
      assertEquals(StuckOperation.Obstacle.NEVER_POSSIBLE, partition.stuck().get(0).obstacle());
      assertTrue(partition.explanation().contains("is impossible"), partition.explanation());
    }
  }

  @Test
  @DisplayName("unique appends: puts, repeated values and reads that split two ways go to the general search")
  void uniqueAppendsFallsBack() {
    List<List<Operation<KvOp, String>>> cases = List.of(
        List.of(completed(0, 0, 0, 10, put("a"), null), completed(1, 1, 20, 30, get(), "a")),
        List.of(completed(0, 0, 0, 10, append("a"), null), completed(1, 1, 20, 30, append("a"), null),
            completed(2, 2, 40, 50, get(), "aa")),
        List.of(completed(0, 0, 0, 100, append("a"), null), completed(1, 1, 0, 100, append("b"), null),
            completed(2, 3, 0, 100, append("ab"), null), completed(3, 2, 40, 50, get(), "ab")));
    List<String> reasons = List.of(UniqueAppends.HAS_PUT, UniqueAppends.NOT_UNIQUE, UniqueAppends.AMBIGUOUS);
    for (int i = 0; i < cases.size(); i++) {
      List<Operation<KvOp, String>> ops = cases.get(i);
      var result = checker.check(new KvModel(), new History<>(ops));
      assertEquals(Verdict.OK, result.verdict(), ops::toString);
      assertEquals(PartitionResult.Method.SEARCH, result.partitions().get(0).method(), ops::toString);
      assertEquals(Optional.of(reasons.get(i)),
          UniqueAppends.fallbackReason(new KvModel(), new Partition<>("x", ops)), ops::toString);
    }
    var searchOnly = new Checker(CheckOptions.defaults().withUniqueAppends(false)).check(new KvModel(), history(
        completed(0, 0, 0, 10, append("a"), null), completed(1, 2, 40, 50, get(), "a")));
    assertEquals(PartitionResult.Method.SEARCH, searchOnly.partitions().get(0).method());
  }

  @Test
  @DisplayName("get of a missing key returns the empty string, and only that")
  void missingKeyReadsEmpty() {
    assertEquals(Verdict.OK, checker.check(new KvModel(), history(completed(0, 0, 0, 1, get(), ""))).verdict());
    assertEquals(Verdict.ILLEGAL,
        checker.check(new KvModel(), history(completed(0, 0, 0, 1, get(), "a"))).verdict());
  }

  @Test
  @DisplayName("lost append: a later get misses an append that completed")
  void lostAppend() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 20, 30, append("b"), null),
        completed(2, 2, 40, 50, get(), "b")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  @Test
  @DisplayName("appends in real-time order must appear in that order; concurrent ones in either")
  void appendOrder() {
    List<Operation<KvOp, String>> sequential = List.of(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 20, 30, append("b"), null));
    assertEquals(Verdict.OK, checkWithGet(sequential, "ab"));
    assertEquals(Verdict.ILLEGAL, checkWithGet(sequential, "ba"));
    List<Operation<KvOp, String>> concurrent = List.of(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 5, 30, append("b"), null));
    assertEquals(Verdict.OK, checkWithGet(concurrent, "ab"));
    assertEquals(Verdict.OK, checkWithGet(concurrent, "ba"));
  }

  private Verdict checkWithGet(List<Operation<KvOp, String>> ops, String seen) {
    List<Operation<KvOp, String>> all = new ArrayList<>(ops);
    all.add(completed(9, 2, 40, 50, get(), seen));
    return checker.check(new KvModel(), new History<>(all)).verdict();
  }

  @Test
  @DisplayName("duplicated append: an append applied twice (a retry executed again)")
  void duplicatedAppend() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, append("a"), null),
        completed(1, 1, 20, 30, get(), "aa")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  @Test
  @DisplayName("a pending write that must be assumed to have happened")
  void pendingWriteMustHaveHappened() {
    var result = checker.check(RegisterModel.register(0L), history(
        pending(0, 0, 0, write(1)),
        completed(1, 1, 10, 20, READ, 1L)));
    assertEquals(Verdict.OK, result.verdict());
    assertEquals(List.of(0, 1), result.partitions().get(0).linearization().stream().map(Operation::id).toList());
  }

  @Test
  @DisplayName("a pending write that must not have happened yet: reads keep seeing the old value")
  void pendingWriteMustNotHaveHappened() {
    var result = checker.check(RegisterModel.register(0L), history(
        pending(0, 0, 0, write(1)),
        completed(1, 1, 10, 20, READ, 0L),
        completed(2, 1, 30, 40, READ, 0L)));
    assertEquals(Verdict.OK, result.verdict());
    assertEquals(List.of(1, 2), result.partitions().get(0).linearization().stream().map(Operation::id).toList());
  }

  @Test
  @DisplayName("a pending write cannot take effect before it was called")
  void pendingWriteNotBeforeItsCall() {
    var result = checker.check(RegisterModel.register(0L), history(
        completed(1, 1, 10, 20, READ, 1L),
        pending(0, 0, 50, write(1))));
    assertEquals(Verdict.ILLEGAL, result.verdict());
  }

  @Test
  @DisplayName("a pending append takes effect late, once, between two gets")
  void pendingAppendLandsLate() {
    List<Operation<KvOp, String>> ops = List.of(
        pending(0, 0, 0, append("a")),
        completed(1, 1, 10, 20, append("b"), null),
        completed(2, 2, 30, 40, get(), "b"));
    List<Operation<KvOp, String>> lateOk = new ArrayList<>(ops);
    lateOk.add(completed(3, 2, 50, 60, get(), "ba"));
    assertEquals(Verdict.OK, checker.check(new KvModel(), new History<>(lateOk)).verdict());
    List<Operation<KvOp, String>> impossible = new ArrayList<>(ops);
    impossible.add(completed(3, 2, 50, 60, get(), "ab"));
    assertEquals(Verdict.ILLEGAL, checker.check(new KvModel(), new History<>(impossible)).verdict());
    List<Operation<KvOp, String>> twice = new ArrayList<>(ops);
    twice.add(completed(3, 2, 50, 60, get(), "baa"));
    assertEquals(Verdict.ILLEGAL, checker.check(new KvModel(), new History<>(twice)).verdict());
  }

  @Test
  @DisplayName("keys are checked independently: one bad key fails the history, the other stays OK")
  void partitionsByKey() {
    var result = checker.check(new KvModel(), history(
        completed(0, 0, 0, 10, new KvOp.Put("k1", "a"), null),
        completed(1, 1, 20, 30, new KvOp.Get("k1"), "a"),
        completed(2, 0, 0, 10, new KvOp.Put("k2", "a"), null),
        completed(3, 1, 20, 30, new KvOp.Get("k2"), "b")));
    assertEquals(Verdict.ILLEGAL, result.verdict());
    assertEquals(List.of(Verdict.OK, Verdict.ILLEGAL), result.partitions().stream().map(PartitionResult::verdict).toList());
  }

  // --- budgets -----------------------------------------------------------------------------

  /**
   * Fourteen concurrent writes, then a read of 3 and a later read of 5 with no write between: each
   * is written, so no read is hopeless at the start, but about 2^14 orders of the writes must be
   * ruled out.
   */
  private static History<RegisterOp, Long> hardIllegalHistory() {
    List<Operation<RegisterOp, Long>> ops = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      ops.add(completed(i, i, 0, 100, write(i), null));
    }
    ops.add(completed(98, 98, 200, 210, READ, 3L));
    ops.add(completed(99, 98, 220, 230, READ, 5L));
    return new History<>(ops);
  }

  @Test
  @DisplayName("a read of a value nobody wrote is ruled out without trying every order of the writes")
  void hopelessReadIsPruned() {
    List<Operation<RegisterOp, Long>> ops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ops.add(completed(i, i, 0, 100, write(i), null));
    }
    ops.add(completed(99, 99, 0, 100, READ, 1000L));
    var result = checker.check(RegisterModel.register(0L), new History<>(ops));
    assertEquals(Verdict.ILLEGAL, result.verdict());
    assertTrue(result.cacheEntries() < 100, "states: " + result.cacheEntries());
  }

  @Test
  @DisplayName("the memory bound turns a search that would grow too large into UNKNOWN with the reason")
  void memoryBound() {
    var result = new Checker(CheckOptions.defaults().withCacheEntriesMax(1000))
        .check(RegisterModel.register(0L), hardIllegalHistory());
    assertEquals(Verdict.UNKNOWN, result.verdict());
    assertTrue(result.partitions().get(0).explanation().contains("memory bound of 1000"),
        result.partitions().get(0).explanation());
    assertEquals(Verdict.ILLEGAL, checker.check(RegisterModel.register(0L), hardIllegalHistory()).verdict());
  }

  @Test
  @DisplayName("the time budget turns a long search into UNKNOWN instead of running on")
  void timeBudget() {
    var result = new Checker(CheckOptions.defaults().withTimeout(Duration.ofNanos(1)))
        .check(RegisterModel.register(0L), hardIllegalHistory());
    assertEquals(Verdict.UNKNOWN, result.verdict());
    assertTrue(result.partitions().get(0).explanation().contains("time budget"));
  }

  @Test
  @DisplayName("results do not depend on the number of threads")
  void threadsDoNotChangeResults() {
    List<Operation<KvOp, String>> ops = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String key = "k" + (i % 7);
      ops.add(i % 3 == 0
          ? completed(i, i % 5, i, i + 15, new KvOp.Get(key), i % 11 == 0 ? "zz" : "")
          : completed(i, i % 5, i, i + 15, new KvOp.Append(key, "v" + i), null));
    }
    History<KvOp, String> history = new History<>(ops);
    var single = checker.check(new KvModel(), history);
    var parallel = new Checker(CheckOptions.defaults().withThreads(2)).check(new KvModel(), history);
    assertEquals(single, parallel);
    assertFalse(single.partitions().isEmpty());
  }
}
