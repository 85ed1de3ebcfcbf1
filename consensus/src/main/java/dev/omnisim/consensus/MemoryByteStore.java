package dev.omnisim.consensus;

import java.io.ByteArrayOutputStream;
import java.util.TreeMap;

/**
 * A {@link ByteStore} held in memory: for unit tests of a protocol, and for a host that wants a peer
 * that forgets everything at a crash (a fresh store per incarnation). {@code sync} does nothing,
 * since there is nothing to lose until the object itself is dropped.
 */
public final class MemoryByteStore implements ByteStore {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  @Override
  public byte[] read(String name) {
    byte[] b = files.get(name);
    return b == null ? new byte[0] : b.clone();
  }

  @Override
  public void write(String name, byte[] bytes) {
    files.put(name, bytes.clone());
  }

  @Override
  public void append(String name, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(read(name));
    out.writeBytes(bytes);
    files.put(name, out.toByteArray());
  }

  @Override
  public void sync() {
    // In memory there is no cache to flush.
  }

  @Override
  public boolean exists(String name) {
    return files.containsKey(name);
  }

  @Override
  public void delete(String name) {
    files.remove(name);
  }
}
