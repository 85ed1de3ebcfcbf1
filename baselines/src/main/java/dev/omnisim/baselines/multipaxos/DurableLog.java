package dev.omnisim.baselines.multipaxos;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A replica's durable state, shared by the two baselines that replicate a log in the Paxos way: the
 * term promised (a Paxos promise, a VR view number), the term the log was accepted in (a Paxos accepted
 * ballot, VR's last normal view), the decided (committed) index, the snapshot and the log after it.
 *
 * <p>Changes are made in memory and marked dirty; {@link #persist()} writes the whole state to the
 * older of two slot files ({@code <prefix>.0}/{@code <prefix>.1}) with a version and a CRC, then syncs.
 * A crash before the sync, a lost or a torn write leaves the other slot intact, and recovery takes the
 * valid slot with the higher version, so a restarted peer sees exactly what it had synced last. The
 * protocols call {@link #persist()} at the end of every input, before their messages can be drained
 * (the contract's sync-before-send rule). Writing the whole state is O(log) per step; the log is bounded
 * by the service's compaction, so simplicity wins over an append-only format here.
 *
 * @param <T> the entry type
 */
public final class DurableLog<T> {
  private final ByteStore store;
  private final EntryCodec<T> codec;
  private final String prefix;
  private Term promised = Term.NONE;
  private Term accepted = Term.NONE;
  private long decided;
  private long compacted;
  private Snapshot snapshot;
  /** Entries {@code [compacted, compacted + entries.size())}, with their encodings kept for persisting. */
  private final ArrayList<T> entries = new ArrayList<>();
  private final ArrayList<byte[]> encoded = new ArrayList<>();
  private long version;
  private boolean dirty;

  /**
   * Opens the state stored under {@code prefix} on {@code store}, or an empty one.
   *
   * @param store the node's byte store
   * @param codec entries to bytes
   * @param prefix the file-name prefix ("multipaxos", "vr")
   */
  public DurableLog(ByteStore store, EntryCodec<T> codec, String prefix) {
    this.store = store;
    this.codec = codec;
    this.prefix = prefix;
    long best = -1;
    byte[] bestBody = null;
    for (int slot = 0; slot < 2; slot++) {
      byte[] bytes = store.read(prefix + "." + slot);
      if (bytes.length < 20) {
        continue;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long v = b.getLong();
      int length = b.getInt();
      if (length < 0 || length != bytes.length - 20) {
        continue;
      }
      byte[] body = new byte[length];
      b.get(body);
      long crc = b.getLong();
      if (crc != crc(v, body) || v <= best) {
        continue;
      }
      best = v;
      bestBody = body;
    }
    if (bestBody != null) {
      version = best;
      decode(bestBody);
    }
  }

  /** The term promised (Paxos promise, VR view). */
  public Term promised() {
    return promised;
  }

  /** The term the log was last accepted in (Paxos accepted ballot, VR last normal view). */
  public Term accepted() {
    return accepted;
  }

  /** The length of the decided prefix. */
  public long decided() {
    return decided;
  }

  /** The index below which entries were replaced by the snapshot. */
  public long compacted() {
    return compacted;
  }

  /** The snapshot of {@code [0, compacted())}, empty when nothing was compacted. */
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /** The log's length, compacted entries included. */
  public long length() {
    return compacted + entries.size();
  }

  /** The entry at absolute index {@code index}, which must be held (at or above {@link #compacted()}). */
  public T get(long index) {
    if (index < compacted || index >= length()) {
      throw new IllegalArgumentException("index " + index + " outside the held log [" + compacted + ", " + length() + ")");
    }
    return entries.get((int) (index - compacted));
  }

  /** The held entries {@code [from, to)}. */
  public List<T> read(long from, long to) {
    if (from < compacted || to > length() || from > to) {
      throw new IllegalArgumentException("range [" + from + ", " + to + ") outside the held log [" + compacted + ", "
          + length() + ")");
    }
    return List.copyOf(entries.subList((int) (from - compacted), (int) (to - compacted)));
  }

  /** Raises the promise; a lower or equal term is ignored (a promise never goes back). */
  public void promise(Term term) {
    if (term.isAbove(promised)) {
      promised = term;
      dirty = true;
    }
  }

  /** Sets the term the log is accepted in; never lower than before. */
  public void accept(Term term) {
    if (term.compareTo(accepted) < 0) {
      throw new IllegalStateException("accepted term would go back from " + accepted + " to " + term);
    }
    if (!term.equals(accepted)) {
      accepted = term;
      dirty = true;
    }
  }

  /** Raises the decided index to {@code index} (at most the log's length); never lowers it. */
  public void decide(long index) {
    long d = Math.min(index, length());
    if (d > decided) {
      decided = d;
      dirty = true;
    }
  }

  /** Appends one entry at the end. */
  public void append(T entry) {
    entries.add(entry);
    encoded.add(codec.encode(entry));
    dirty = true;
  }

  /**
   * Cuts the log to {@code length} entries. Decided entries are never cut.
   *
   * @throws IllegalStateException if {@code length} is below the decided index
   */
  public void truncate(long length) {
    if (length < decided) {
      throw new IllegalStateException("truncating to " + length + " would cut decided entries (decided " + decided + ")");
    }
    if (length >= length()) {
      return;
    }
    int keep = (int) (length - compacted);
    entries.subList(keep, entries.size()).clear();
    encoded.subList(keep, encoded.size()).clear();
    dirty = true;
  }

  /**
   * Replaces everything with {@code installed}: the state a leader sent covering decided entries this
   * replica lacks. The log after it is empty.
   */
  public void install(Snapshot installed) {
    if (installed.index() <= compacted) {
      return;
    }
    snapshot = installed;
    compacted = installed.index();
    entries.clear();
    encoded.clear();
    decided = Math.max(decided, compacted);
    dirty = true;
  }

  /** Trims the decided prefix {@code [0, s.index())} and keeps {@code s} in its place. */
  public void compact(Snapshot s) {
    if (s.index() > decided) {
      throw new IllegalArgumentException("snapshot index " + s.index() + " is above the decided index " + decided);
    }
    if (s.index() <= compacted) {
      return;
    }
    int drop = (int) (s.index() - compacted);
    entries.subList(0, drop).clear();
    encoded.subList(0, drop).clear();
    snapshot = s;
    compacted = s.index();
    dirty = true;
  }

  /** Writes and syncs the state if anything changed since the last call. */
  public void persist() {
    if (!dirty) {
      return;
    }
    version++;
    byte[] body = encode();
    ByteBuffer b = ByteBuffer.allocate(body.length + 20);
    b.putLong(version).putInt(body.length).put(body).putLong(crc(version, body));
    store.write(prefix + "." + (version % 2), b.array());
    store.sync();
    dirty = false;
  }

  private static long crc(long v, byte[] body) {
    CRC32 c = new CRC32();
    c.update(ByteBuffer.allocate(8).putLong(v).array());
    c.update(body);
    return c.getValue();
  }

  private byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTerm(out, promised);
      writeTerm(out, accepted);
      out.writeLong(decided);
      out.writeLong(compacted);
      byte[] snap = snapshot == null ? new byte[0] : snapshot.data();
      out.writeInt(snap.length);
      out.write(snap);
      out.writeInt(encoded.size());
      for (byte[] e : encoded) {
        out.writeInt(e.length);
        out.write(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void decode(byte[] body) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
      promised = readTerm(in);
      accepted = readTerm(in);
      decided = in.readLong();
      compacted = in.readLong();
      byte[] snap = new byte[in.readInt()];
      in.readFully(snap);
      snapshot = compacted == 0 ? null : new Snapshot(compacted, snap);
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        byte[] e = new byte[in.readInt()];
        in.readFully(e);
        encoded.add(e);
        entries.add(codec.decode(e));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a state slot with a valid checksum did not decode", e);
    }
  }

  private static void writeTerm(DataOutputStream out, Term t) throws IOException {
    out.writeLong(t.major());
    out.writeLong(t.minor());
  }

  private static Term readTerm(DataInputStream in) throws IOException {
    long major = in.readLong();
    long minor = in.readLong();
    Term t = new Term(major, minor);
    return t.equals(Term.NONE) ? Term.NONE : t;
  }
}
