package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Raft's durable state — current term, vote, log, snapshot, and (beyond the paper, because the contract's
 * decided index must not go back across a restart) the commit index — kept in memory and mirrored on a
 * {@link ByteStore} as an append-only write-ahead log of checksummed records.
 *
 * <p>Files (prefix {@code raft.}): {@code meta.0} and {@code meta.1}, alternating, each {@code (version,
 * generation, crc)}; {@code wal.G}, the records of generation {@code G}. A record is {@code (length, type,
 * payload, crc32)}: a term and vote, a commit index, entries from an index (truncating the log there
 * first), or a snapshot. Recovery replays the generation the newer valid meta slot names and stops at the
 * first incomplete or corrupt record, so a crash that keeps any prefix of a step's unsynced appends, or tears
 * one, recovers a state the peer passed through during that step (and it sent nothing during the step).
 * Recovery then always writes the whole state as the next generation, which also drops a torn tail that
 * later appends would otherwise hide behind; the write-ahead log is rewritten the same way when it grows to
 * twice its live size. A new generation is written whole and synced before the meta slot names it, and the
 * old one is deleted only after that.
 *
 * @param <T> the command type
 */
class RaftStorage<T> {
  private static final String PREFIX = "raft.";
  private static final byte TERM_VOTE = 1;
  private static final byte COMMIT = 2;
  private static final byte ENTRIES = 3;
  private static final byte SNAPSHOT = 4;
  /** A write-ahead log below this size is never rewritten. */
  private static final long ROTATE_MIN_BYTES = 64 * 1024;

  private final ByteStore store;
  private final EntryCodec<T> codec;

  private long term;
  private int votedFor = -1;
  private long commitIndex;
  private long snapIndex;
  private long snapTerm;
  private Snapshot snapshot;
  /** Entries {@code snapIndex + 1 .. lastIndex()}. */
  private final ArrayList<Entry<T>> log = new ArrayList<>();

  private long persistedCommit;
  private long generation;
  private long metaVersion;
  private long walBytes;
  private long rotateAboveBytes = ROTATE_MIN_BYTES;
  private boolean dirty;

  RaftStorage(ByteStore store, EntryCodec<T> codec) {
    this.store = store;
    this.codec = codec;
    recover();
    rotate();
  }

  // ------------------------------------------------------------------ reading

  long term() {
    return term;
  }

  int votedFor() {
    return votedFor;
  }

  long commitIndex() {
    return commitIndex;
  }

  long snapshotIndex() {
    return snapIndex;
  }

  long snapshotTerm() {
    return snapTerm;
  }

  Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  long lastIndex() {
    return snapIndex + log.size();
  }

  long lastTerm() {
    return termAt(lastIndex());
  }

  /** The term of the entry at {@code index}, from {@link #snapshotIndex()} (its term) to {@link #lastIndex()}. */
  long termAt(long index) {
    if (index == snapIndex) {
      return snapTerm;
    }
    return entry(index).term();
  }

  Entry<T> entry(long index) {
    if (index <= snapIndex || index > lastIndex()) {
      throw new IllegalArgumentException("entry " + index + " is outside the log (" + snapIndex + ", " + lastIndex() + "]");
    }
    return log.get((int) (index - snapIndex - 1));
  }

  /** Entries {@code from .. to}, both inclusive. */
  List<Entry<T>> entries(long from, long to) {
    if (from > to) {
      return List.of();
    }
    entry(from);
    entry(to);
    return List.copyOf(log.subList((int) (from - snapIndex - 1), (int) (to - snapIndex)));
  }

  // ------------------------------------------------------------------ writing

  /** Changes the term and vote, durable at the next {@link #sync()}. */
  void setTermAndVote(long newTerm, int vote) {
    if (newTerm < term || (newTerm == term && votedFor != -1 && vote != votedFor)) {
      throw new IllegalStateException("term and vote only move forward: (" + term + ", " + votedFor + ") -> ("
          + newTerm + ", " + vote + ")");
    }
    term = newTerm;
    votedFor = vote;
    recordTermAndVote(newTerm, vote);
  }

  /** Appends the record of a term and vote; a test's broken variant overrides it to forget votes. */
  void recordTermAndVote(long newTerm, int vote) {
    appendRecord(TERM_VOTE, ByteBuffer.allocate(12).putLong(newTerm).putInt(vote).array());
  }

  /** Raises the commit index (written at the next {@link #sync()}). */
  void setCommitIndex(long index) {
    if (index < commitIndex || index > lastIndex()) {
      throw new IllegalStateException("commit index " + commitIndex + " -> " + index + " with last index " + lastIndex());
    }
    commitIndex = index;
  }

  /** Replaces the log from {@code index} on with {@code entries}. */
  void appendFrom(long index, List<Entry<T>> entries) {
    if (index <= snapIndex || index > lastIndex() + 1) {
      throw new IllegalArgumentException("append at " + index + " outside (" + snapIndex + ", " + (lastIndex() + 1) + "]");
    }
    if (index <= commitIndex) {
      throw new IllegalStateException("append at " + index + " would replace committed entries (commit index "
          + commitIndex + ")");
    }
    applyEntries(index, entries);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeLong(out, index);
    writeInt(out, entries.size());
    for (Entry<T> e : entries) {
      writeEntry(out, e);
    }
    appendRecord(ENTRIES, out.toByteArray());
  }

  /**
   * Puts {@code s} in place of the log up to {@code s.index()}, whose entry has term {@code lastTerm}: the
   * log after it is kept when it holds that entry, else dropped (the paper's §7). Raises the commit index
   * to the snapshot's.
   */
  void installSnapshot(Snapshot s, long lastTerm) {
    if (s.index() <= snapIndex) {
      throw new IllegalArgumentException("snapshot at " + s.index() + " is not past the current one at " + snapIndex);
    }
    applySnapshot(s.index(), lastTerm, s.data());
    appendRecord(SNAPSHOT, snapshotRecord());
  }

  /** Makes every change so far durable; rewrites the write-ahead log when it has grown too long. */
  void sync() {
    if (commitIndex != persistedCommit) {
      appendRecord(COMMIT, ByteBuffer.allocate(8).putLong(commitIndex).array());
      persistedCommit = commitIndex;
    }
    if (dirty) {
      store.sync();
      dirty = false;
    }
    if (walBytes > rotateAboveBytes) {
      rotate();
    }
  }

  // ------------------------------------------------------------------ state changes shared by writing and replay

  private void applyEntries(long index, List<Entry<T>> entries) {
    log.subList((int) (index - snapIndex - 1), log.size()).clear();
    log.addAll(entries);
  }

  private void applySnapshot(long index, long lastTerm, byte[] data) {
    if (index <= lastIndex() && termAt(index) == lastTerm) {
      log.subList(0, (int) (index - snapIndex)).clear();
    } else {
      log.clear();
    }
    snapIndex = index;
    snapTerm = lastTerm;
    snapshot = new Snapshot(index, data);
    commitIndex = Math.max(commitIndex, index);
  }

  // ------------------------------------------------------------------ files

  private String walName(long gen) {
    return PREFIX + "wal." + gen;
  }

  private void appendRecord(byte type, byte[] payload) {
    byte[] frame = frame(type, payload);
    store.append(walName(generation), frame);
    walBytes += frame.length;
    dirty = true;
  }

  private static byte[] frame(byte type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + payload.length + 4);
    b.putInt(1 + payload.length).put(type).put(payload);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 1 + payload.length);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  private byte[] snapshotRecord() {
    byte[] data = snapshot.data();
    return ByteBuffer.allocate(20 + data.length).putLong(snapIndex).putLong(snapTerm).putInt(data.length).put(data)
        .array();
  }

  /** Writes the whole state as the next generation, then points the meta slot at it, then drops the old one. */
  private void rotate() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (snapshot != null) {
      out.writeBytes(frame(SNAPSHOT, snapshotRecord()));
    }
    out.writeBytes(frame(TERM_VOTE, ByteBuffer.allocate(12).putLong(term).putInt(votedFor).array()));
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    writeLong(entries, snapIndex + 1);
    writeInt(entries, log.size());
    for (Entry<T> e : log) {
      writeEntry(entries, e);
    }
    out.writeBytes(frame(ENTRIES, entries.toByteArray()));
    out.writeBytes(frame(COMMIT, ByteBuffer.allocate(8).putLong(commitIndex).array()));
    long next = generation + 1;
    byte[] whole = out.toByteArray();
    store.write(walName(next), whole);
    store.sync();
    long version = metaVersion + 1;
    ByteBuffer meta = ByteBuffer.allocate(20).putLong(version).putLong(next);
    CRC32 crc = new CRC32();
    crc.update(meta.array(), 0, 16);
    meta.putInt((int) crc.getValue());
    store.write(PREFIX + "meta." + (version % 2), meta.array());
    store.sync();
    store.delete(walName(generation));
    store.sync();
    generation = next;
    metaVersion = version;
    walBytes = whole.length;
    rotateAboveBytes = Math.max(ROTATE_MIN_BYTES, 2L * whole.length);
    persistedCommit = commitIndex;
    dirty = false;
  }

  private void recover() {
    for (int slot = 0; slot < 2; slot++) {
      ByteBuffer b = ByteBuffer.wrap(store.read(PREFIX + "meta." + slot));
      if (b.remaining() != 20) {
        continue;
      }
      long version = b.getLong();
      long gen = b.getLong();
      CRC32 crc = new CRC32();
      crc.update(b.array(), 0, 16);
      if (b.getInt() == (int) crc.getValue() && version > metaVersion) {
        metaVersion = version;
        generation = gen;
      }
    }
    if (metaVersion == 0) {
      return; // a fresh store
    }
    ByteBuffer wal = ByteBuffer.wrap(store.read(walName(generation)));
    while (wal.remaining() >= 9) {
      int start = wal.position();
      int length = wal.getInt();
      if (length < 1 || length + 4 > wal.remaining()) {
        break;
      }
      CRC32 crc = new CRC32();
      crc.update(wal.array(), start + 4, length);
      if (wal.getInt(start + 4 + length) != (int) crc.getValue()) {
        break;
      }
      ByteBuffer body = ByteBuffer.wrap(wal.array(), start + 4, length).slice();
      if (!replay(body)) {
        break;
      }
      wal.position(start + 4 + length + 4);
    }
    persistedCommit = commitIndex;
  }

  /** Applies one record; false when it cannot apply (a record this writer never writes), ending replay. */
  private boolean replay(ByteBuffer body) {
    byte type = body.get();
    switch (type) {
      case TERM_VOTE -> {
        term = body.getLong();
        votedFor = body.getInt();
      }
      case COMMIT -> commitIndex = Math.min(Math.max(commitIndex, body.getLong()), lastIndex());
      case ENTRIES -> {
        long index = body.getLong();
        int count = body.getInt();
        if (index <= snapIndex || index > lastIndex() + 1) {
          return false;
        }
        List<Entry<T>> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          long t = body.getLong();
          byte[] bytes = new byte[body.getInt()];
          body.get(bytes);
          entries.add(new Entry<>(t, codec.decode(bytes)));
        }
        applyEntries(index, entries);
      }
      case SNAPSHOT -> {
        long index = body.getLong();
        long t = body.getLong();
        byte[] data = new byte[body.getInt()];
        body.get(data);
        applySnapshot(index, t, data);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void writeEntry(ByteArrayOutputStream out, Entry<T> e) {
    byte[] bytes = codec.encode(e.value());
    writeLong(out, e.term());
    writeInt(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
  }
}
