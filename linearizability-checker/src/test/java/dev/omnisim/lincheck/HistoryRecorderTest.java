package dev.omnisim.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

  @Test
  void recordsOkInfoAndOpenCallsAndDropsFailures() {
    HistoryRecorder<KvOp, String> recorder = History.recorder();
    int put = recorder.invoke(1, 0, new KvOp.Put("x", "a"));
    int get = recorder.invoke(2, 5, new KvOp.Get("x"));
    int failed = recorder.invoke(3, 6, new KvOp.Put("x", "b"));
    int timedOut = recorder.invoke(4, 7, new KvOp.Append("x", "c"));
    int stillOpen = recorder.invoke(5, 8, new KvOp.Get("x"));
    recorder.ok(put, 10, null);
    recorder.ok(get, 12, "a");
    recorder.fail(failed, 13);
    recorder.info(timedOut);
    History<KvOp, String> history = recorder.history();
    assertEquals(List.of(put, get, timedOut, stillOpen), history.operations().stream().map(Operation::id).toList());
    assertEquals(OptionalLong.of(12), history.operations().get(1).returnTime());
    assertTrue(history.operations().get(2).pending());
    assertTrue(history.operations().get(3).pending());
  }

  @Test
  void rejectsMisuse() {
    HistoryRecorder<KvOp, String> recorder = History.recorder();
    int id = recorder.invoke(1, 10, new KvOp.Get("x"));
    assertThrows(IllegalArgumentException.class, () -> recorder.ok(id, 5, ""), "return before call");
    recorder.ok(id, 11, "");
    assertThrows(IllegalArgumentException.class, () -> recorder.ok(id, 12, ""), "second outcome");
    assertThrows(IllegalArgumentException.class, () -> recorder.info(42), "unknown id");
  }

  @Test
  @DisplayName("events recorded at one time keep the order they happened in, so a checker can tell them apart")
  void numbersEveryEventInTheOrderItHappened() {
    HistoryRecorder<KvOp, String> recorder = History.recorder();
    int put = recorder.invoke(0, 0, new KvOp.Put("x", "a"));
    int early = recorder.invoke(1, 10, new KvOp.Get("x"));   // called at 10, before the put's answer
    recorder.ok(put, 10, null);
    int late = recorder.invoke(2, 10, new KvOp.Get("x"));    // called at 10, after it
    recorder.ok(early, 12, "");
    recorder.ok(late, 12, "");
    History<KvOp, String> history = recorder.history();
    List<Operation<KvOp, String>> ops = history.operations();
    assertEquals(List.of(0L, 1L, 3L), ops.stream().map(Operation::callIndex).toList());
    assertEquals(List.of(2L, 4L, 5L), ops.stream().map(Operation::returnIndex).toList());
    assertFalse(ops.get(put).precedes(ops.get(early)), "called before the put returned: concurrent");
    assertTrue(ops.get(put).precedes(ops.get(late)), "called after the put returned at the same instant");
    // So only the later reader's empty read is stale.
    assertEquals(Verdict.ILLEGAL, new Checker().check(new KvModel(), history).verdict());
    recorder.invoke(3, 5, new KvOp.Get("x"));
    assertThrows(IllegalArgumentException.class, recorder::history, "a call recorded after time 12 at time 5");
  }

  @Test
  void historyRejectsDuplicateIds() {
    Operation<KvOp, String> op = Operation.completed(1, 0, 0, 1, new KvOp.Get("x"), "");
    assertThrows(IllegalArgumentException.class, () -> new History<>(List.of(op, op)));
  }
}
