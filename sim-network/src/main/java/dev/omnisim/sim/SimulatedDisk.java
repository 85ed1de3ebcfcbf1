package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory {@link Disk} of a simulated node. In a non-durable {@link DiskMode} it remembers each
 * file's content as of the last sync the first time the file changes afterwards; in the partial modes it
 * also keeps the file's writes since then, in order. At a crash it rebuilds each changed file from those.
 *
 * <p>Every change (write, append, truncate, delete, sync) is an effect of the node's step, so a crash
 * point inside a step ({@link Simulation#crashDuringNextStep}) can fall between two of them.
 */
public final class SimulatedDisk implements Disk {
  private final int nodeId;
  private final DeterministicRandom random;
  private final EffectGate gate;
  private final TreeMap<String, Bytes> files = new TreeMap<>();
  /** Content at the last sync of files changed since; a null value means the file did not exist. */
  private final TreeMap<String, byte[]> beforeSync = new TreeMap<>();
  /**
   * Files only appended to since the last sync, with their length then: their synced content is that
   * prefix, so a step's first append need not copy the whole file (a log) as {@link #beforeSync} would.
   */
  private final TreeMap<String, Integer> appendedSinceSync = new TreeMap<>();
  /** In the partial modes: each changed file's writes since the last sync, in the order made. */
  private final TreeMap<String, List<Change>> unsynced = new TreeMap<>();
  private DiskMode mode = DiskMode.DURABLE;
  private double keepProbability = 0.5;
  private long bytesWritten;

  /** Lets the simulation stop a node between two of its disk changes; called before each. */
  interface EffectGate {
    /** Called before {@code operation} ("write", "append", ...) changes {@code file} (null for sync). */
    void beforeChange(String operation, String file);
  }

  /** What a crash did to the unsynced writes. */
  enum CrashLoss {
    /** There were none (always so for a durable disk). */
    NOTHING_UNSYNCED("nothing unsynced"),
    /** Every unsynced write survived. */
    NOTHING_LOST("kept every unsynced write"),
    /** Some unsynced write was lost, none torn. */
    LOST("lost unsynced writes"),
    /** A write was torn (maybe others lost too). */
    TORN("tore an unsynced write");

    /** A few words for the trace. */
    final String description;

    CrashLoss(String description) {
      this.description = description;
    }
  }

  SimulatedDisk(int nodeId, DeterministicRandom random, EffectGate gate) {
    this.nodeId = nodeId;
    this.random = random;
    this.gate = gate;
  }

  /** The crash behaviour of this disk. */
  public DiskMode mode() {
    return mode;
  }

  /**
   * Sets the crash behaviour. Changing it makes everything written so far durable, as a sync would;
   * setting the mode the disk already has changes nothing.
   */
  public void setMode(DiskMode newMode) {
    if (newMode == null) {
      throw new IllegalArgumentException("disk mode of node " + nodeId + " must be given, was null");
    }
    if (newMode != mode) {
      forgetUnsynced();
    }
    this.mode = newMode;
  }

  /** In {@link DiskMode#PARTIAL} and {@link DiskMode#TORN}: the chance each unsynced write survives a crash. */
  public double keepProbability() {
    return keepProbability;
  }

  /** Sets the chance, in [0, 1], that each unsynced write survives a crash in the partial modes; 0.5 at first. */
  public void setKeepProbability(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("disk keepProbability of node " + nodeId + " must be within [0, 1], was " + p);
    }
    keepProbability = p;
  }

  /** Bytes written (write and append) since the start of the run. */
  public long bytesWritten() {
    return bytesWritten;
  }

  @Override
  public byte[] read(String file) {
    Bytes b = files.get(requireName(file));
    return b == null ? new byte[0] : b.toArray();
  }

  @Override
  public boolean exists(String file) {
    return files.containsKey(requireName(file));
  }

  @Override
  public long size(String file) {
    Bytes b = files.get(requireName(file));
    return b == null ? 0 : b.length;
  }

  @Override
  public void write(String file, byte[] content) {
    requireContent(requireName(file), content);
    gate.beforeChange("write", file);
    rememberSynced(file);
    if (partial()) {
      journal(file, new Change.Rewrite(content.clone()));
    }
    files.put(file, Bytes.of(content));
    bytesWritten += content.length;
  }

  @Override
  public void append(String file, byte[] content) {
    requireContent(requireName(file), content);
    gate.beforeChange("append", file);
    rememberSyncedBeforeAppend(file);
    if (partial()) {
      journal(file, new Change.Append(content.clone()));
    }
    files.computeIfAbsent(file, f -> new Bytes()).add(content);
    bytesWritten += content.length;
  }

  @Override
  public void truncate(String file, long length) {
    Bytes b = files.get(requireName(file));
    long size = b == null ? 0 : b.length;
    if (length < 0 || length > size) {
      throw new IllegalArgumentException(
          "truncate of '" + file + "' on node " + nodeId + ": length must be within [0, " + size + "], was " + length);
    }
    gate.beforeChange("truncate", file);
    if (b != null && length < size) {
      rememberSynced(file);
      if (partial()) {
        journal(file, new Change.Truncate((int) length));
      }
      b.length = (int) length;
    }
  }

  @Override
  public void delete(String file) {
    gate.beforeChange("delete", requireName(file));
    if (files.containsKey(file)) {
      rememberSynced(file);
      if (partial()) {
        journal(file, new Change.Delete());
      }
      files.remove(file);
    }
  }

  @Override
  public void sync() {
    gate.beforeChange("sync", null);
    forgetUnsynced();
  }

  @Override
  public List<String> files() {
    return new ArrayList<>(files.keySet());
  }

  /** Called by the simulation when the node crashes: a non-durable disk loses what its mode says. */
  CrashLoss crash() {
    CrashLoss loss = switch (mode) {
      case DURABLE -> CrashLoss.NOTHING_UNSYNCED;
      case LOSSY -> nothingUnsynced() ? CrashLoss.NOTHING_UNSYNCED : loseEverythingUnsynced();
      case PARTIAL, TORN -> nothingUnsynced() ? CrashLoss.NOTHING_UNSYNCED : keepPrefixes();
    };
    forgetUnsynced();
    return loss;
  }

  private boolean nothingUnsynced() {
    return beforeSync.isEmpty() && appendedSinceSync.isEmpty();
  }

  private CrashLoss loseEverythingUnsynced() {
    beforeSync.forEach((file, content) -> restore(file, content));
    appendedSinceSync.forEach((file, length) -> files.get(file).length = length);
    return CrashLoss.LOST;
  }

  /** The content of a file changed since the last sync, as of that sync (null: it did not exist). */
  private byte[] syncedContent(String file) {
    Integer length = appendedSinceSync.get(file);
    return length == null ? beforeSync.get(file) : Arrays.copyOf(files.get(file).data, length);
  }

  /** Each changed file keeps a random prefix of its unsynced writes, maybe with the next one torn. */
  private CrashLoss keepPrefixes() {
    CrashLoss loss = CrashLoss.NOTHING_LOST;
    for (Map.Entry<String, List<Change>> e : unsynced.entrySet()) {
      String file = e.getKey();
      byte[] synced = syncedContent(file);
      Bytes b = synced == null ? null : Bytes.of(synced);
      for (Change change : e.getValue()) {
        if (random.chance(keepProbability)) {
          b = change.applyTo(b);
          continue;
        }
        if (mode == DiskMode.TORN && change.tearable()) {
          b = change.tear(b, random);
          loss = CrashLoss.TORN;
        } else if (loss != CrashLoss.TORN) {
          loss = CrashLoss.LOST;
        }
        break;
      }
      putOrRemove(file, b);
    }
    return loss;
  }

  private void restore(String file, byte[] content) {
    putOrRemove(file, content == null ? null : Bytes.of(content));
  }

  private void putOrRemove(String file, Bytes content) {
    if (content == null) {
      files.remove(file);
    } else {
      files.put(file, content);
    }
  }

  /** Before a change of {@code file} other than an append: its synced content, for a crash. */
  private void rememberSynced(String file) {
    if (mode == DiskMode.DURABLE || beforeSync.containsKey(file)) {
      return;
    }
    Integer length = appendedSinceSync.remove(file);
    Bytes b = files.get(file);
    beforeSync.put(file, b == null ? null : Arrays.copyOf(b.data, length == null ? b.length : length));
  }

  /** Before an append to {@code file}: its synced length, when only appends changed it since the sync. */
  private void rememberSyncedBeforeAppend(String file) {
    if (mode == DiskMode.DURABLE || beforeSync.containsKey(file) || appendedSinceSync.containsKey(file)) {
      return;
    }
    Bytes b = files.get(file);
    if (b == null) {
      beforeSync.put(file, null);
    } else {
      appendedSinceSync.put(file, b.length);
    }
  }

  /** True in the modes that replay a prefix of the changes; a lossy crash drops them all, so keeps none. */
  private boolean partial() {
    return mode == DiskMode.PARTIAL || mode == DiskMode.TORN;
  }

  private void journal(String file, Change change) {
    unsynced.computeIfAbsent(file, f -> new ArrayList<>()).add(change);
  }

  private void forgetUnsynced() {
    beforeSync.clear();
    appendedSinceSync.clear();
    unsynced.clear();
  }

  private String requireName(String file) {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("file name on node " + nodeId + " must not be empty, was '" + file + "'");
    }
    return file;
  }

  private void requireContent(String file, byte[] content) {
    if (content == null) {
      throw new IllegalArgumentException("content written to '" + file + "' on node " + nodeId + " must not be null");
    }
  }

  /** One unsynced change of a file, replayed onto the synced content at a crash. */
  private sealed interface Change {
    /** The content after this change, given the content before ({@code null}: no file). */
    Bytes applyTo(Bytes before);

    /** True when a crash can leave part of this change. */
    default boolean tearable() {
      return false;
    }

    /** The content when only a random byte prefix of this change reached the disk. */
    default Bytes tear(Bytes before, DeterministicRandom random) {
      throw new IllegalStateException(this + " cannot tear");
    }

    /**
     * What a torn write of {@code content} leaves when its first {@code kept} bytes reached the disk:
     * either only those bytes (the file ends there), or, with even odds, the whole length with zeros
     * past them (the file's new size reached the disk, its last data blocks did not: the zero-filled
     * tail of ext4 and XFS after a crash). A reader that trusts a record's length field then reads
     * zeros where the record's bytes should be; only a checksum tells.
     */
    static byte[] torn(byte[] content, int kept, DeterministicRandom random) {
      if (random.nextBoolean()) {
        return Arrays.copyOf(content, kept);
      }
      byte[] zeroed = content.clone();
      Arrays.fill(zeroed, kept, zeroed.length, (byte) 0);
      return zeroed;
    }

    record Rewrite(byte[] content) implements Change {
      @Override
      public Bytes applyTo(Bytes before) {
        return Bytes.of(content);
      }

      @Override
      public boolean tearable() {
        return content.length > 0;
      }

      @Override
      public Bytes tear(Bytes before, DeterministicRandom random) {
        return Bytes.of(torn(content, random.nextInt(content.length), random));
      }
    }

    record Append(byte[] content) implements Change {
      @Override
      public Bytes applyTo(Bytes before) {
        Bytes after = before == null ? new Bytes() : before;
        after.add(content);
        return after;
      }

      @Override
      public boolean tearable() {
        return content.length > 1;
      }

      @Override
      public Bytes tear(Bytes before, DeterministicRandom random) {
        int kept = 1 + random.nextInt(content.length - 1); // at least one byte: a torn append left something
        return new Append(torn(content, kept, random)).applyTo(before);
      }
    }

    record Truncate(int length) implements Change {
      @Override
      public Bytes applyTo(Bytes before) {
        before.length = length; // only recorded for an existing file longer than length
        return before;
      }
    }

    record Delete() implements Change {
      @Override
      public Bytes applyTo(Bytes before) {
        return null;
      }
    }
  }

  /** A growable byte array, so appends are amortised O(length appended). */
  private static final class Bytes {
    byte[] data = new byte[0];
    int length;

    static Bytes of(byte[] content) {
      Bytes b = new Bytes();
      b.add(content);
      return b;
    }

    void add(byte[] more) {
      if (length + more.length > data.length) {
        data = Arrays.copyOf(data, Math.max(length + more.length, data.length * 2 + 16));
      }
      System.arraycopy(more, 0, data, length, more.length);
      length += more.length;
    }

    byte[] toArray() {
      return Arrays.copyOf(data, length);
    }
  }
}
