package dev.omnisim.kvpaxos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The map under the log: the lab's semantics of Put, Append and Get, and exactly-once execution per Clerk call. */
class KvStateMachineTest {
  private final KvStateMachine machine = new KvStateMachine();

  @Test
  void getOfAMissingKeyReadsEmptyAndAppendToAMissingKeyActsLikePut() {
    assertEquals("", machine.apply(new KvCommand.Get(1, 1, "k")), "a missing key reads as \"\"");
    machine.apply(new KvCommand.Append(1, 2, "k", "a"));
    assertEquals("a", machine.apply(new KvCommand.Get(1, 3, "k")), "Append to a missing key acts like Put");
  }

  @Test
  void aCommandDecidedTwiceExecutesOnceAndAnswersItsFirstResultAgain() {
    KvCommand.Append append = new KvCommand.Append(7, 1, "k", "x");
    assertEquals("", machine.apply(append));
    assertEquals("", machine.apply(append), "the retry answers the first result");
    assertEquals("x", machine.localValue("k"), "a retried Append must not append twice");
    assertEquals("", machine.resultIfApplied(append), "the retry is known as applied");
  }

  @Test
  void aGetRetriedAfterLaterWritesOfOthersAnswersWhatItFirstRead() {
    KvCommand.Get get = new KvCommand.Get(1, 1, "k");
    machine.apply(new KvCommand.Put(2, 1, "k", "old"));
    assertEquals("old", machine.apply(get));
    machine.apply(new KvCommand.Put(2, 2, "k", "new"));
    assertEquals("old", machine.apply(get), "a retried Get answers the value of its first execution");
  }

  @Test
  void anOlderCommandOfAClientThatMovedOnChangesNothingAndHasNoResult() {
    machine.apply(new KvCommand.Append(3, 1, "k", "a"));
    machine.apply(new KvCommand.Append(3, 2, "k", "b"));
    assertNull(machine.apply(new KvCommand.Append(3, 1, "k", "a")), "an operation older than the latest has no result");
    assertEquals("ab", machine.localValue("k"), "an older duplicate must change nothing");
    assertNull(machine.resultIfApplied(new KvCommand.Append(3, 1, "k", "a")));
    assertEquals(1, machine.clientsTracked(), "only each client's latest operation is kept");
  }

  @Test
  void aSnapshotCarriesTheMapAndTheDuplicateTableToAnotherReplica() {
    machine.apply(new KvCommand.Put(1, 1, "a", "1"));
    machine.apply(new KvCommand.Append(2, 4, "b", "2"));
    KvStateMachine other = new KvStateMachine();
    other.restore(machine.snapshot());
    assertEquals("1", other.localValue("a"));
    assertEquals("2", other.localValue("b"));
    assertEquals("", other.apply(new KvCommand.Append(2, 4, "b", "2")), "a retry after the restore is still a duplicate");
    assertEquals("2", other.localValue("b"), "so it appends nothing");
    assertArrayEquals(machine.snapshot(), other.snapshot(), "equal states give equal bytes");
  }

  @Test
  void restoringBytesThatAreNotASnapshotSaysHowManyBytesItGot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> machine.restore(new byte[] {1, 2}));
    assertTrue(e.getMessage().contains("not a key-value snapshot (2 bytes)"), e.getMessage());
  }
}
