package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.EntryCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The persisted storage: what is written comes back after a restart, byte for byte. */
class PersistentStorageTest {

  private static PersistentStorage<String> open(MemoryByteStore store) {
    return PersistentStorage.open(store, EntryCodec.UTF8_STRING);
  }

  @Test
  @DisplayName("promise, accepted round, decided index and log survive a reopen")
  void roundTrip() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    assertEquals(Ballot.NONE, s.promise());
    s.append(List.of("a", "b", "c"));
    s.setPromise(new Ballot(3, 1, 2));
    s.setAcceptedRound(new Ballot(2, 0, 1));
    s.setDecidedIndex(2);
    s.truncateAndAppend(1, List.of("B", "C", "D"));
    s.sync();
    PersistentStorage<String> r = open(store);
    assertEquals(new Ballot(3, 1, 2), r.promise());
    assertEquals(new Ballot(2, 0, 1), r.acceptedRound());
    assertEquals(2, r.decidedIndex());
    assertEquals(List.of("a", "B", "C", "D"), r.entries(0, 4));
  }

  @Test
  @DisplayName("appends do not rewrite the log: the file grows by about one record per entry")
  void appendsAreAppends() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    for (int i = 0; i < 1000; i++) {
      s.append(List.of("e" + i));
    }
    // 16 bytes of framing plus the entry itself: linear, not quadratic.
    assertTrue(store.size("omnipaxos.log") < 1000 * (16 + 4), "log file of " + store.size("omnipaxos.log"));
    s.truncateAndAppend(500, List.of());
    assertEquals(1000, open(store).logLength(), "a cut is a new generation, durable only with the state that names it");
    s.sync();
    assertEquals(500, open(store).logLength());
  }

  @Test
  @DisplayName("a torn last record is ignored; a torn state write falls back to the other slot")
  void tornWrites() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    s.append(List.of("x", "y"));
    s.setPromise(new Ballot(1, 0, 1));
    s.sync();
    s.setPromise(new Ballot(2, 0, 1));
    s.sync();
    store.tear("omnipaxos.log", 3);
    store.tear("omnipaxos.state.0", 5); // the slot of the second write
    PersistentStorage<String> r = open(store);
    assertEquals(List.of("x"), r.entries(0, r.logLength()));
    assertEquals(new Ballot(1, 0, 1), r.promise());
  }

  @Test
  @DisplayName("after a torn last record, entries appended later survive the next restart too")
  void appendsAfterATornTailSurviveTheNextRestart() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    s.append(List.of("x", "y"));
    s.setDecidedIndex(2);
    s.sync();
    // The crash tore an unsynced append: a partial record stays at the end of the log file.
    store.append("omnipaxos.log", new byte[] {0, 0, 0, 0, 0, 0, 0, 2, 0, 0});
    PersistentStorage<String> r = open(store);
    assertEquals(List.of("x", "y"), r.entries(0, r.logLength()));
    r.append(List.of("z"));
    r.setDecidedIndex(3);
    r.sync();
    // Before the fix, "z" went behind the torn bytes, where replay never reads: decided 3, log 2.
    PersistentStorage<String> again = open(store);
    assertEquals(List.of("x", "y", "z"), again.entries(0, again.logLength()));
    assertEquals(3, again.decidedIndex());
  }

  @Test
  @DisplayName("a crash loses only what was not synced")
  void crashLosesUnsynced() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    s.append(List.of("x"));
    s.setPromise(new Ballot(1, 0, 1));
    s.sync();
    s.append(List.of("y"));
    s.setPromise(new Ballot(5, 0, 1));
    store.crash();
    PersistentStorage<String> r = open(store);
    assertEquals(List.of("x"), r.entries(0, r.logLength()));
    assertEquals(new Ballot(1, 0, 1), r.promise());
  }

  @Test
  @DisplayName("compaction keeps the suffix, bounds the file, and takes effect at the next sync")
  void compaction() {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> s = open(store);
    for (int i = 0; i < 100; i++) {
      s.append(List.of("e" + i));
    }
    s.setDecidedIndex(90);
    s.sync();
    Snapshot snap = new Snapshot(80, new byte[] {1, 2, 3});
    s.setSnapshot(snap);
    assertEquals(80, s.compactedIndex());
    assertThrows(IllegalArgumentException.class, () -> s.entries(79, 81));
    // Until the next sync the state names the old generation: a crash finds the log uncompacted.
    assertEquals(0, open(store).compactedIndex());
    s.sync();
    PersistentStorage<String> r = open(store);
    assertEquals(Optional.of(snap), r.snapshot());
    assertEquals(100, r.logLength());
    assertEquals(List.of("e80", "e81"), r.entries(80, 82));
    assertTrue(store.size("omnipaxos.log.1") < 20 * 20);
    assertTrue(!store.exists("omnipaxos.log"), "the old generation is deleted once the state moved on");

    // A snapshot beyond the log (installed from a leader) empties it.
    s.setSnapshot(new Snapshot(150, new byte[0]));
    s.sync();
    assertEquals(150, open(store).logLength());
  }

  /** Persistent and in-memory storage agree on any sequence of log operations. */
  @Property(tries = 100, seed = "42")
  void agreesWithInMemoryStorage(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 99) Integer> ops) {
    MemoryByteStore store = new MemoryByteStore();
    PersistentStorage<String> p = open(store);
    InMemoryStorage<String> m = new InMemoryStorage<>();
    int k = 0;
    for (int op : ops) {
      String e = "v" + k++;
      if (op < 50) {
        p.append(List.of(e, e + "'"));
        m.append(List.of(e, e + "'"));
      } else if (op < 80) {
        long at = Math.max(m.compactedIndex(), m.logLength() - (op % 3));
        p.truncateAndAppend(at, List.of(e));
        m.truncateAndAppend(at, List.of(e));
      } else if (op < 90 && m.logLength() > m.compactedIndex()) {
        Snapshot s = new Snapshot(m.compactedIndex() + 1, new byte[] {(byte) op});
        p.setSnapshot(s);
        m.setSnapshot(s);
      } else {
        p.setDecidedIndex(m.logLength() / 2 >= m.decidedIndex() ? m.logLength() / 2 : m.decidedIndex());
        m.setDecidedIndex(p.decidedIndex());
      }
      Supplier<String> why = () -> "after " + ops;
      p.sync();
      PersistentStorage<String> r = open(store);
      assertEquals(m.logLength(), r.logLength(), why);
      assertEquals(m.compactedIndex(), r.compactedIndex(), why);
      assertEquals(m.entries(m.compactedIndex(), m.logLength()), r.entries(r.compactedIndex(), r.logLength()), why);
      assertEquals(m.decidedIndex(), r.decidedIndex(), why);
    }
  }
}
