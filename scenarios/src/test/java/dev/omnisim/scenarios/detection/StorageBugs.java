package dev.omnisim.scenarios.detection;

import dev.omnisim.consensus.ByteStore;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;

/** Storage bugs that fit in a wrapper around the node's byte store. */
final class StorageBugs {
  private StorageBugs() {}

  /**
   * Syncs one step late: {@code sync()} only notes that a sync is due, and the real one happens before
   * the next write, as when the fsync is issued after the messages were handed to the network. A
   * crash between the two loses what the sent messages vouched for.
   */
  static final class SyncingAfterSending extends Forwarding {
    private boolean syncDue;

    SyncingAfterSending(ByteStore disk) {
      super(disk);
    }

    @Override
    public void sync() {
      syncDue = true;
    }

    @Override
    void beforeChange() {
      if (syncDue) {
        syncDue = false;
        disk.sync();
      }
    }
  }

  /**
   * Buffers appends to the log in memory, like a {@code BufferedOutputStream} that is written out
   * only when full; {@code sync()} fsyncs the file but never flushes the buffer. The state file (with
   * the decided index) is written through, so after a crash it can promise entries the log lost.
   */
  static final class LogBufferedPastSync extends Forwarding {
    /** A BufferedOutputStream's default size. */
    private static final int BUFFER_BYTES = 8192;
    private final LinkedHashMap<String, ByteArrayOutputStream> buffers = new LinkedHashMap<>();

    LogBufferedPastSync(ByteStore disk) {
      super(disk);
    }

    @Override
    public void append(String name, byte[] bytes) {
      ByteArrayOutputStream buffer = buffers.computeIfAbsent(name, n -> new ByteArrayOutputStream());
      buffer.writeBytes(bytes);
      if (buffer.size() >= BUFFER_BYTES) {
        disk.append(name, buffer.toByteArray());
        buffer.reset();
      }
    }

    @Override
    public byte[] read(String name) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(disk.read(name));
      ByteArrayOutputStream buffer = buffers.get(name);
      if (buffer != null) {
        all.writeBytes(buffer.toByteArray());
      }
      return all.toByteArray();
    }

    @Override
    void beforeChange() {
      // A rewrite or delete replaces the file and what is buffered for it; handled per call below.
    }

    @Override
    public void write(String name, byte[] bytes) {
      buffers.remove(name);
      super.write(name, bytes);
    }

    @Override
    public void delete(String name) {
      buffers.remove(name);
      super.delete(name);
    }

    @Override
    public boolean exists(String name) {
      return super.exists(name) || (buffers.containsKey(name) && buffers.get(name).size() > 0);
    }
  }

  /** Passes every call to the node's byte store; {@link #beforeChange()} runs before each change. */
  abstract static class Forwarding implements ByteStore {
    final ByteStore disk;

    Forwarding(ByteStore disk) {
      this.disk = disk;
    }

    /** Called before every write, append and delete. */
    abstract void beforeChange();

    @Override
    public byte[] read(String name) {
      return disk.read(name);
    }

    @Override
    public void write(String name, byte[] bytes) {
      beforeChange();
      disk.write(name, bytes);
    }

    @Override
    public void append(String name, byte[] bytes) {
      beforeChange();
      disk.append(name, bytes);
    }

    @Override
    public void sync() {
      disk.sync();
    }

    @Override
    public boolean exists(String name) {
      return disk.exists(name);
    }

    @Override
    public void delete(String name) {
      beforeChange();
      disk.delete(name);
    }
  }
}
