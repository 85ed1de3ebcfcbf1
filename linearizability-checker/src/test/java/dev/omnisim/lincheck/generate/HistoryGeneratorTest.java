package dev.omnisim.lincheck.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.CheckResult;
import dev.omnisim.lincheck.Checker;
import dev.omnisim.lincheck.History;
import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import dev.omnisim.lincheck.PartitionResult;
import dev.omnisim.lincheck.Verdict;
import dev.omnisim.lincheck.format.HistoryFormat;
import dev.omnisim.lincheck.format.ModelSpec;
import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.RegisterModel;
import dev.omnisim.lincheck.model.RegisterOp;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated histories are linearisable and reproducible by seed, and the checker finds a single
 * wrong answer hidden in one of them: the large-history counterpart of the brute-force property.
 */
class HistoryGeneratorTest {

  private final Checker checker = new Checker();

  @Test
  void sameSeedSameHistoryOtherSeedOtherHistory() {
    assertEquals(HistoryGenerator.keyValue(7, 2_000, 10, 20), HistoryGenerator.keyValue(7, 2_000, 10, 20));
    assertNotEquals(HistoryGenerator.keyValue(7, 2_000, 10, 20), HistoryGenerator.keyValue(8, 2_000, 10, 20));
    assertEquals(2_000, HistoryGenerator.casRegister(7, 2_000, 20).size());
    for (long seed = 1; seed <= 10; seed++) {
      assertEquals(1_000, HistoryGenerator.singleKeyAppends(seed, 1_000, 5).size(), "exactly the operations asked for");
    }
  }

  @Test
  void generatedHistoriesAreLinearizableAndOverlap() {
    for (long seed = 1; seed <= 2; seed++) {
      History<KvOp, String> kv = HistoryGenerator.keyValue(seed, 5_000, 10, 10);
      History<RegisterOp, Long> cas = HistoryGenerator.casRegister(seed, 1_000, 20);
      History<KvOp, String> appends = HistoryGenerator.singleKeyAppends(seed, 1_000, 5);
      assertEquals(Verdict.OK, checker.check(new KvModel(), kv).verdict());
      assertEquals(Verdict.OK, checker.check(RegisterModel.casRegister(0L), cas).verdict());
      assertEquals(Verdict.OK, checker.check(new KvModel(), appends).verdict());
      assertTrue(averageOverlap(cas) > 10, "cas operations overlap heavily: " + averageOverlap(cas));
      assertTrue(cas.operations().stream().anyMatch(Operation::pending), "some outcomes are unknown");
    }
  }

  /** How many other operations each operation overlaps, on average. */
  private static double averageOverlap(History<?, ?> history) {
    List<? extends Operation<?, ?>> ops = history.operations();
    long overlaps = 0;
    for (Operation<?, ?> a : ops) {
      for (Operation<?, ?> b : ops) {
        if (a != b && !a.precedes(b) && !b.precedes(a)) {
          overlaps++;
        }
      }
    }
    return (double) overlaps / ops.size();
  }

  @Test
  void oneWrongAnswerInAThousandIsFoundAndPointedAt() {
    History<KvOp, String> appends = HistoryGenerator.singleKeyAppends(3, 1_000, 5);
    // A get late in the run drops one character: an append lost in the middle of the value.
    int victim = lastIndexOf(appends, op -> op.input() instanceof KvOp.Get && op.output().length() > 100, 600);
    String seen = appends.operations().get(victim).output();
    History<KvOp, String> lost = replaceOutput(appends, victim, seen.substring(0, 50) + seen.substring(52));
    assertIllegalAt(new KvModel(), lost, appends.operations().get(victim).id());

    History<RegisterOp, Long> cas = HistoryGenerator.casRegister(3, 1_000, 20);
    // Proving ILLEGAL means ruling out every order up to the bad read, so it sits early: a read of 99
    // that nobody wrote, 150 operations in.
    int read = lastIndexOf(cas, op -> op.input() instanceof RegisterOp.Read && !op.pending(), 150);
    assertIllegalAt(RegisterModel.casRegister(0L), replaceOutput(cas, read, 99L), cas.operations().get(read).id());
  }

  private <S, I, O> void assertIllegalAt(Model<S, I, O> model, History<I, O> history, int id) {
    CheckResult<I, O> result = checker.check(model, history);
    assertEquals(Verdict.ILLEGAL, result.verdict());
    PartitionResult<I, O> failing = result.undecidedOrIllegal().get(0);
    assertTrue(failing.stuck().stream().anyMatch(s -> s.operation().id() == id),
        () -> "the corrupted operation " + id + " is among the stuck ones: " + failing.stuck());
  }

  private static <I, O> int lastIndexOf(History<I, O> history, java.util.function.Predicate<Operation<I, O>> test, int before) {
    for (int i = before; i >= 0; i--) {
      if (!history.operations().get(i).pending() && test.test(history.operations().get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such operation");
  }

  private static <I, O> History<I, O> replaceOutput(History<I, O> history, int index, O output) {
    List<Operation<I, O>> ops = new ArrayList<>(history.operations());
    Operation<I, O> op = ops.get(index);
    ops.set(index, new Operation<>(op.id(), op.client(), op.callTime(), op.returnTime(), op.input(), output));
    return new History<>(ops);
  }

  @Test
  void largeHistoriesSurviveBothFileFormats() throws Exception {
    @SuppressWarnings("unchecked")
    ModelSpec<?, KvOp, String> kv = (ModelSpec<?, KvOp, String>) ModelSpec.named("kv").orElseThrow();
    History<KvOp, String> history = HistoryGenerator.keyValue(5, 3_000, 10, 5);
    for (HistoryFormat format : HistoryFormat.values()) {
      StringWriter text = new StringWriter();
      format.write(history, kv.codec(), text);
      History<KvOp, String> back = format.read(new StringReader(text.toString()), "generated", kv.codec());
      assertEquals(history.size(), back.size());
      assertEquals(Verdict.OK, checker.check(new KvModel(), back).verdict(), format.name());
      // EDN times are positions: a call issued at the instant its client's previous call returned is
      // written after that return, so calls at one time may come back in another order.
      assertEquals(history.operations().stream().map(op -> op.input().toString()).sorted().toList(),
          back.operations().stream().map(op -> op.input().toString()).sorted().toList(), format.name());
    }
  }
}
