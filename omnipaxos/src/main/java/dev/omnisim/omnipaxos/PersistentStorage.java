package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.EntryCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Storage persisted as bytes on a {@link ByteStore}, with an explicit format (no Java
 * serialization). It keeps a copy of the log in memory for reads; compaction bounds both.
 *
 * <p>Files, under a name prefix:
 * <ul>
 *   <li>{@code state.0}, {@code state.1}: promise, accepted round, decided index, incarnation and the generation
 *       of the log and snapshot files in use, with a version and a checksum. Writes alternate
 *       between the two, so a torn or lost write never loses the last good state.
 *   <li>{@code log} (generation 0) or {@code log.G}: appended records {@code (index, length, bytes,
 *       crc)}. A record at index {@code i} replaces the log from {@code i} on (recovery reads such
 *       records; length -1 marks a pure truncation), but a cut is written as a new generation, so
 *       that it becomes durable only with the state that names it. A torn record at the end is
 *       ignored.
 *   <li>{@code snapshot.G}: the snapshot of generation {@code G}, everything below the log's start.
 * </ul>
 *
 * <p>Crash safety when each file may independently keep or lose what was written since the last
 * sync: the state is the only file that says what the others mean, and it is written only in
 * {@link #sync()}, after the log and snapshot are synced, then synced itself. So a durable state
 * never describes a log newer than the durable one (an accepted round or decided index over entries
 * that were lost). Compaction and cuts never rewrite a file in place: they write the snapshot and the
 * trimmed or cut log as the next generation, and the state switches to it in the next sync; until
 * then the old generation stays intact, so an accepted round never describes a log that lost
 * entries acknowledged in that round. Recovery still never trusts a decided index beyond the log it
 * recovered.
 *
 * @param <T> the entry type
 */
public final class PersistentStorage<T> implements Storage<T> {

  private static final int STATE_MAGIC = 0x4F505354; // "OPST"
  private static final int STATE_BYTES = 4 + 8 + 3 * 16 + 8 + 4;

  private final ByteStore store;
  private final EntryCodec<T> codec;
  private final String prefix;
  private final String stateFile0;
  private final String stateFile1;

  private Ballot promise = Ballot.NONE;
  private Ballot acceptedRound = Ballot.NONE;
  private long decidedIndex;
  private long incarnation;
  private long stateVersion;
  /** The generation of the log and snapshot files that writes go to. */
  private long generation;
  /** The generation the durable state names; older ones are deleted once the state moved on. */
  private long durableGeneration;
  /** The state changed since it was last written: {@link #sync()} writes it. */
  private boolean stateDirty;
  private Snapshot snapshot;
  private final LogWindow<T> log = new LogWindow<>();

  private PersistentStorage(ByteStore store, EntryCodec<T> codec, String prefix) {
    this.store = Objects.requireNonNull(store);
    this.codec = Objects.requireNonNull(codec);
    this.prefix = prefix;
    this.stateFile0 = prefix + "state.0";
    this.stateFile1 = prefix + "state.1";
  }

  private String logFile(long g) {
    return g == 0 ? prefix + "log" : prefix + "log." + g;
  }

  private String snapshotFile(long g) {
    return g == 0 ? prefix + "snapshot" : prefix + "snapshot." + g;
  }

  /**
   * Opens the storage kept on {@code store} under the prefix {@code "omnipaxos."}, recovering
   * whatever an earlier incarnation wrote there (nothing, on a fresh store).
   *
   * @param store the byte store, e.g. a node's disk
   * @param codec encodes log entries
   * @param <T> the entry type
   * @return the storage with the recovered state
   */
  public static <T> PersistentStorage<T> open(ByteStore store, EntryCodec<T> codec) {
    return open(store, codec, "omnipaxos.");
  }

  /**
   * Opens the storage kept on {@code store} under {@code prefix}, so a service can keep its own
   * files next to it.
   *
   * @param store the byte store
   * @param codec encodes log entries
   * @param prefix prepended to every file name
   * @param <T> the entry type
   * @return the storage with the recovered state
   */
  public static <T> PersistentStorage<T> open(ByteStore store, EntryCodec<T> codec, String prefix) {
    PersistentStorage<T> s = new PersistentStorage<>(store, codec, prefix);
    s.recover();
    return s;
  }

  // ------------------------------------------------------------------ recovery

  private void recover() {
    readState(store.read(stateFile0));
    readState(store.read(stateFile1));
    durableGeneration = generation;
    byte[] snap = store.read(snapshotFile(generation));
    if (snap.length > 0) {
      snapshot = decodeSnapshot(snap);
      log.startAt(snapshot.index());
    }
    boolean tornTail = !replayLog(store.read(logFile(generation)));
    if (decidedIndex > logLength()) {
      // Only a torn or corrupt log gets here (the state is synced after the log): what is not in
      // the log cannot count as decided here; the leader sends it again.
      decidedIndex = logLength();
      stateDirty = true;
    }
    if (generation > 0) {
      deleteGeneration(generation - 1); // its deletion may have been lost in a crash
    }
    if (tornTail) {
      // Appends would land behind the torn record, where replay never reads: a second restart would
      // lose every entry written after this one. Move the valid records to a new generation, as
      // compaction does; the state names it at the next sync, and the torn file goes then.
      nextGeneration();
    }
  }

  private void readState(byte[] b) {
    if (b.length != STATE_BYTES) {
      return;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    if (buf.getInt() != STATE_MAGIC) {
      return;
    }
    CRC32 crc = new CRC32();
    crc.update(b, 0, STATE_BYTES - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(b, STATE_BYTES - 4, 4).getInt()) {
      return; // torn: the other slot holds the previous state
    }
    long version = buf.getLong();
    if (version < stateVersion) {
      return;
    }
    stateVersion = version;
    promise = getBallot(buf);
    acceptedRound = getBallot(buf);
    generation = buf.getLong();
    incarnation = buf.getLong(); // two reserved ints before incarnations were kept: 0
    decidedIndex = buf.getLong();
  }

  /** Replays the log's records; returns false when it stopped at a torn or corrupt record before the end. */
  private boolean replayLog(byte[] b) {
    ArrayList<T> replayed = new ArrayList<>();
    long base = -1;
    ByteBuffer buf = ByteBuffer.wrap(b);
    boolean clean = true;
    while (buf.hasRemaining()) {
      int start = buf.position();
      if (buf.remaining() < 12) {
        clean = false; // torn tail
        break;
      }
      long index = buf.getLong();
      int len = buf.getInt();
      if (len < -1 || buf.remaining() < Math.max(len, 0) + 4) {
        clean = false; // torn tail
        break;
      }
      byte[] bytes = new byte[Math.max(len, 0)];
      buf.get(bytes);
      CRC32 crc = new CRC32();
      crc.update(b, start, 12 + bytes.length);
      if ((int) crc.getValue() != buf.getInt()) {
        clean = false; // torn tail
        break;
      }
      if (base < 0) {
        base = index;
      }
      if (index < base || index > base + replayed.size()) {
        throw new IllegalStateException("log record at " + index + " outside [" + base + "," + (base + replayed.size()) + "]");
      }
      replayed.subList((int) (index - base), replayed.size()).clear();
      if (len >= 0) {
        replayed.add(codec.decode(bytes));
      }
    }
    if (base < 0) {
      return clean;
    }
    if (base > log.compactedIndex()) {
      throw new IllegalStateException("log starts at " + base + " above the compacted index " + log.compactedIndex());
    }
    long skip = log.compactedIndex() - base;
    if (skip < replayed.size()) {
      log.append(replayed.subList((int) skip, replayed.size()));
    }
    return clean;
  }

  // ------------------------------------------------------------------ encoding

  private static void putBallot(ByteBuffer buf, Ballot b) {
    buf.putLong(b.n());
    buf.putInt(b.priority());
    buf.putInt(b.pid());
  }

  private static Ballot getBallot(ByteBuffer buf) {
    Ballot b = new Ballot(buf.getLong(), buf.getInt(), buf.getInt());
    return b.equals(Ballot.NONE) ? Ballot.NONE : b;
  }

  private void writeState() {
    stateVersion++;
    ByteBuffer buf = ByteBuffer.allocate(STATE_BYTES);
    buf.putInt(STATE_MAGIC);
    buf.putLong(stateVersion);
    putBallot(buf, promise);
    putBallot(buf, acceptedRound);
    buf.putLong(generation);
    buf.putLong(incarnation);
    buf.putLong(decidedIndex);
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, STATE_BYTES - 4);
    buf.putInt((int) crc.getValue());
    store.write(stateVersion % 2 == 0 ? stateFile0 : stateFile1, buf.array());
  }

  /**
   * One log record. (Recovery also reads length -1, a pure truncation: logs written before cuts
   * became generations hold such records.)
   */
  private static byte[] record(long index, byte[] bytes) {
    ByteBuffer buf = ByteBuffer.allocate(12 + bytes.length + 4);
    buf.putLong(index);
    buf.putInt(bytes.length);
    buf.put(bytes);
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, 12 + bytes.length);
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  private byte[] records(long fromIndex, List<T> list) {
    List<byte[]> parts = new ArrayList<>(list.size());
    int total = 0;
    for (int i = 0; i < list.size(); i++) {
      byte[] r = record(fromIndex + i, codec.encode(list.get(i)));
      parts.add(r);
      total += r.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    parts.forEach(buf::put);
    return buf.array();
  }

  private static byte[] encodeSnapshot(Snapshot s) {
    byte[] data = s.data();
    ByteBuffer buf = ByteBuffer.allocate(12 + data.length + 4);
    buf.putLong(s.index());
    buf.putInt(data.length);
    buf.put(data);
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, 12 + data.length);
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  private static Snapshot decodeSnapshot(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    long index = buf.getLong();
    int len = buf.getInt();
    if (len < 0 || buf.remaining() != len + 4) {
      throw new IllegalStateException("snapshot file of " + b.length + " bytes is corrupt");
    }
    byte[] data = new byte[len];
    buf.get(data);
    CRC32 crc = new CRC32();
    crc.update(b, 0, 12 + len);
    if ((int) crc.getValue() != buf.getInt()) {
      throw new IllegalStateException("snapshot file fails its checksum");
    }
    return new Snapshot(index, data);
  }

  // ------------------------------------------------------------------ Storage

  @Override
  public Ballot promise() {
    return promise;
  }

  @Override
  public void setPromise(Ballot ballot) {
    if (!ballot.equals(promise)) {
      promise = Objects.requireNonNull(ballot);
      stateDirty = true;
    }
  }

  @Override
  public Ballot acceptedRound() {
    return acceptedRound;
  }

  @Override
  public void setAcceptedRound(Ballot ballot) {
    if (!ballot.equals(acceptedRound)) {
      acceptedRound = Objects.requireNonNull(ballot);
      stateDirty = true;
    }
  }

  @Override
  public long decidedIndex() {
    return decidedIndex;
  }

  @Override
  public void setDecidedIndex(long index) {
    if (index > logLength()) {
      throw new IllegalStateException("decided index " + index + " beyond log " + logLength());
    }
    if (index != decidedIndex) {
      decidedIndex = index;
      stateDirty = true;
    }
  }

  @Override
  public long incarnation() {
    return incarnation;
  }

  @Override
  public void setIncarnation(long n) {
    incarnation = n;
    stateDirty = true;
  }

  @Override
  public long logLength() {
    return log.length();
  }

  @Override
  public long compactedIndex() {
    return log.compactedIndex();
  }

  @Override
  public List<T> entries(long fromIndex, long toIndex) {
    return log.entries(fromIndex, toIndex);
  }

  @Override
  public void append(List<T> newEntries) {
    if (newEntries.isEmpty()) {
      return;
    }
    store.append(logFile(generation), records(logLength(), newEntries));
    log.append(newEntries);
  }

  @Override
  public void truncateAndAppend(long fromIndex, List<T> newEntries) {
    if (fromIndex == logLength()) { // a cut at the end is always in range: a plain append
      append(newEntries);
      return;
    }
    // A cut is a new generation, never a record appended in place: the cut log must not become
    // durable before the state that goes with it (the accepted round of the log that replaces the
    // cut entries). Appended in place, a crash between the log's sync and the state's left the old
    // accepted round over the cut log, short of entries acknowledged in that round (swarm seed 3198).
    log.truncateAndAppend(fromIndex, newEntries);
    nextGeneration();
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  @Override
  public void setSnapshot(Snapshot s) {
    log.compactTo(s.index());
    snapshot = s;
    nextGeneration();
  }

  /**
   * Writes the snapshot and the log as they are now as the next generation; the state switches to it
   * at the next sync, once both are synced, and until then the current generation stays intact. A
   * file left by an earlier attempt at that generation that never became durable is replaced.
   */
  private void nextGeneration() {
    generation++;
    if (snapshot != null) {
      store.write(snapshotFile(generation), encodeSnapshot(snapshot));
    } else if (store.exists(snapshotFile(generation))) {
      store.delete(snapshotFile(generation));
    }
    store.write(logFile(generation), records(log.compactedIndex(), log.held()));
    stateDirty = true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: syncs the log and snapshot, then writes the state and syncs it, so that the state never
   * becomes durable ahead of the files it describes; then deletes generations no state names.
   */
  @Override
  public void sync() {
    store.sync();
    if (!stateDirty) {
      return;
    }
    writeState();
    store.sync();
    stateDirty = false;
    for (long g = durableGeneration; g < generation; g++) {
      deleteGeneration(g);
    }
    durableGeneration = generation;
  }

  private void deleteGeneration(long g) {
    store.delete(logFile(g));
    store.delete(snapshotFile(g));
  }
}
