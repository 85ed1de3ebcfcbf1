package dev.omnisim.consensus;

/**
 * A small file system of named byte files, the only I/O a consensus peer gets. A host
 * adapts its disk to it (the simulator's per-node disk maps one to one).
 *
 * <p>Contract: a {@code write} or {@code append} may be lost at a crash until the next {@code sync}
 * returns; after {@code sync} returns, everything written before it survives crashes.
 */
public interface ByteStore {

  /**
   * Reads a whole file.
   *
   * @param name the file name
   * @return its bytes, empty when the file does not exist
   */
  byte[] read(String name);

  /**
   * Replaces a file's contents.
   *
   * @param name the file name
   * @param bytes the new contents
   */
  void write(String name, byte[] bytes);

  /**
   * Appends bytes to a file, creating it if absent.
   *
   * @param name the file name
   * @param bytes the bytes to add at the end
   */
  void append(String name, byte[] bytes);

  /** Makes every write and append so far durable. */
  void sync();

  /**
   * Tells whether a file exists.
   *
   * @param name the file name
   * @return true if it was written or appended and not deleted
   */
  boolean exists(String name);

  /**
   * Deletes a file if it exists.
   *
   * @param name the file name
   */
  void delete(String name);
}
