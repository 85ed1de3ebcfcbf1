package dev.omnisim.baselines.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.MemoryByteStore;
import dev.omnisim.consensus.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Crash safety of Raft's write-ahead log on the byte store. */
class RaftStorageTest {

  /** What recovery may give back: term, vote, the log's entries (after the snapshot), commit and snapshot index. */
  private record State(long term, int vote, List<Entry<String>> log, long commit, long snapshotIndex) {
    static State of(RaftStorage<String> s) {
      return new State(s.term(), s.votedFor(), s.entries(s.snapshotIndex() + 1, s.lastIndex()), s.commitIndex(),
          s.snapshotIndex());
    }
  }

  private static MemoryByteStore copy(MemoryByteStore from, List<String> names) {
    MemoryByteStore to = new MemoryByteStore();
    for (String n : names) {
      if (from.exists(n)) {
        to.write(n, from.read(n));
      }
    }
    return to;
  }

  @Test
  @DisplayName("a crash that keeps any byte prefix of a step's unsynced appends recovers a state the peer passed through")
  void everyPrefixOfAStepRecoversAnIntermediateState() {
    MemoryByteStore store = new MemoryByteStore();
    RaftStorage<String> s = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    s.setTermAndVote(1, 1);
    s.appendFrom(1, List.of(new Entry<>(1, "a"), new Entry<>(1, "b"), new Entry<>(1, "c")));
    s.setCommitIndex(1);
    s.sync();
    List<String> files = List.of("raft.meta.0", "raft.meta.1", "raft.wal.1");
    byte[] synced = store.read("raft.wal.1");
    List<State> passed = new ArrayList<>(List.of(State.of(s)));
    // One step: a higher term, a vote, a conflicting suffix replaced, a snapshot, the commit index.
    s.setTermAndVote(2, -1);
    passed.add(State.of(s));
    s.setTermAndVote(2, 3);
    passed.add(State.of(s));
    s.appendFrom(3, List.of(new Entry<>(2, "x"), new Entry<>(2, "y")));
    passed.add(State.of(s));
    s.setCommitIndex(3);
    s.installSnapshot(new Snapshot(2, "ab".getBytes(StandardCharsets.UTF_8)), 1);
    passed.add(State.of(s));
    byte[] whole = store.read("raft.wal.1");
    assertTrue(whole.length > synced.length);
    for (int length = synced.length; length <= whole.length; length++) {
      MemoryByteStore crashed = copy(store, files);
      crashed.write("raft.wal.1", Arrays.copyOf(whole, length));
      State recovered = State.of(new RaftStorage<>(crashed, EntryCodec.UTF8_STRING));
      // The commit index is appended at the sync, so a crash inside the step recovers the synced one (or the
      // snapshot's, which is committed by definition).
      assertTrue(passed.stream().anyMatch(p -> p.term() == recovered.term() && p.vote() == recovered.vote()
              && p.log().equals(recovered.log()) && p.snapshotIndex() == recovered.snapshotIndex()
              && recovered.commit() == Math.max(1, recovered.snapshotIndex())),
          "a crash keeping " + (length - synced.length) + " unsynced bytes recovered " + recovered);
    }
  }

  @Test
  @DisplayName("appends made after recovering from a torn tail survive the next restart")
  void appendsAfterATornTailSurvive() {
    MemoryByteStore store = new MemoryByteStore();
    RaftStorage<String> s = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    s.setTermAndVote(1, 1);
    s.appendFrom(1, List.of(new Entry<>(1, "a")));
    s.sync();
    store.append("raft.wal.1", new byte[] {0, 0, 0, 40, 3, 0, 0}); // a torn record
    RaftStorage<String> again = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    again.appendFrom(2, List.of(new Entry<>(1, "b")));
    again.sync();
    RaftStorage<String> third = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    assertEquals(List.of(new Entry<>(1, "a"), new Entry<>(1, "b")), third.entries(1, 2));
    assertEquals(1, third.votedFor());
  }

  @Test
  @DisplayName("the write-ahead log is rewritten when it grows, and the state survives it")
  void rotationKeepsTheState() {
    MemoryByteStore store = new MemoryByteStore();
    RaftStorage<String> s = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    s.setTermAndVote(1, -1);
    for (int i = 1; i <= 900; i++) {
      s.appendFrom(i, List.of(new Entry<>(1, "entry-" + i + "-".repeat(200))));
      s.setCommitIndex(i);
      s.sync();
      if (i % 300 == 0) {
        s.installSnapshot(new Snapshot(i - 10, new byte[] {(byte) i}), 1);
        s.sync();
      }
    }
    assertTrue(!store.exists("raft.wal.1"), "the first generation was replaced");
    RaftStorage<String> r = new RaftStorage<>(store, EntryCodec.UTF8_STRING);
    assertEquals(State.of(s), State.of(r));
    assertEquals(890, r.snapshotIndex());
  }
}
