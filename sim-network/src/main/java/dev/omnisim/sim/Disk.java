package dev.omnisim.sim;

import java.util.List;

/**
 * A node's durable storage: named files of bytes. State crosses a crash only as bytes written here.
 * Whether a write survives a crash without {@link #sync()} depends on the disk's {@link DiskMode}.
 */
public interface Disk {

  /** The whole content of {@code file}; empty when the file does not exist. */
  byte[] read(String file);

  /** True when {@code file} exists (it may be empty). */
  boolean exists(String file);

  /** The length of {@code file} in bytes; 0 when it does not exist. */
  long size(String file);

  /** Replaces the content of {@code file} (creating it). */
  void write(String file, byte[] content);

  /** Appends to {@code file} (creating it): cheaper than rewriting a growing log. */
  void append(String file, byte[] content);

  /** Cuts {@code file} to its first {@code length} bytes. */
  void truncate(String file, long length);

  /** Removes {@code file}; does nothing when it does not exist. */
  void delete(String file);

  /** Makes every write so far durable. */
  void sync();

  /** The names of the files, in name order. */
  List<String> files();
}
