package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The in-memory {@link Disk} of a simulated node. In {@link DiskMode#LOSSY} it remembers each file's
 * content as of the last sync the first time the file changes afterwards, and puts it back at a crash.
 */
public final class SimulatedDisk implements Disk {
  private final int nodeId;
  private final TreeMap<String, Bytes> files = new TreeMap<>();
  /** Content at the last sync of files changed since; a null value means the file did not exist. */
  private final TreeMap<String, byte[]> beforeSync = new TreeMap<>();
  private DiskMode mode = DiskMode.DURABLE;
  private long bytesWritten;

  SimulatedDisk(int nodeId) {
    this.nodeId = nodeId;
  }

  /** The crash behaviour of this disk. */
  public DiskMode mode() {
    return mode;
  }

  /** Sets the crash behaviour; switching to durable makes everything written so far durable. */
  public void setMode(DiskMode newMode) {
    if (newMode == null) {
      throw new IllegalArgumentException("disk mode of node " + nodeId + " must be given, was null");
    }
    if (newMode == DiskMode.DURABLE) {
      beforeSync.clear();
    }
    this.mode = newMode;
  }

  /** Bytes written (write and append) since the start of the run. */
  public long bytesWritten() {
    return bytesWritten;
  }

  @Override
  public byte[] read(String file) {
    Bytes b = files.get(requireName(file));
    return b == null ? new byte[0] : Arrays.copyOf(b.data, b.length);
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
    rememberBeforeChange(requireName(file));
    Bytes b = new Bytes();
    b.add(requireContent(file, content));
    files.put(file, b);
    bytesWritten += content.length;
  }

  @Override
  public void append(String file, byte[] content) {
    rememberBeforeChange(requireName(file));
    files.computeIfAbsent(file, f -> new Bytes()).add(requireContent(file, content));
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
    if (b != null && length < size) {
      rememberBeforeChange(file);
      b.length = (int) length;
    }
  }

  @Override
  public void delete(String file) {
    if (files.containsKey(requireName(file))) {
      rememberBeforeChange(file);
      files.remove(file);
    }
  }

  @Override
  public void sync() {
    beforeSync.clear();
  }

  @Override
  public List<String> files() {
    return new ArrayList<>(files.keySet());
  }

  /** Called by the simulation when the node crashes: a lossy disk loses what was not synced. */
  void crash() {
    if (mode == DiskMode.LOSSY) {
      beforeSync.forEach(
          (file, content) -> {
            if (content == null) {
              files.remove(file);
            } else {
              Bytes b = new Bytes();
              b.add(content);
              files.put(file, b);
            }
          });
    }
    beforeSync.clear();
  }

  private void rememberBeforeChange(String file) {
    if (mode == DiskMode.LOSSY && !beforeSync.containsKey(file)) {
      Bytes b = files.get(file);
      beforeSync.put(file, b == null ? null : Arrays.copyOf(b.data, b.length));
    }
  }

  private String requireName(String file) {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("file name on node " + nodeId + " must not be empty, was '" + file + "'");
    }
    return file;
  }

  private byte[] requireContent(String file, byte[] content) {
    if (content == null) {
      throw new IllegalArgumentException("content written to '" + file + "' on node " + nodeId + " must not be null");
    }
    return content;
  }

  /** A growable byte array, so appends are amortised O(length appended). */
  private static final class Bytes {
    byte[] data = new byte[0];
    int length;

    void add(byte[] more) {
      if (length + more.length > data.length) {
        data = Arrays.copyOf(data, Math.max(length + more.length, data.length * 2 + 16));
      }
      System.arraycopy(more, 0, data, length, more.length);
      length += more.length;
    }
  }
}
