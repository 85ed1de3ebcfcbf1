package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ByteStore;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A byte store in memory with a crash that keeps only synced contents, and a torn-write fault. */
final class MemoryByteStore implements ByteStore {

  private final Map<String, byte[]> files = new TreeMap<>();
  private final Map<String, byte[]> synced = new TreeMap<>();
  int syncs;

  @Override
  public byte[] read(String name) {
    return files.getOrDefault(name, new byte[0]).clone();
  }

  @Override
  public void write(String name, byte[] bytes) {
    files.put(name, bytes.clone());
  }

  @Override
  public void append(String name, byte[] bytes) {
    byte[] old = files.getOrDefault(name, new byte[0]);
    byte[] b = Arrays.copyOf(old, old.length + bytes.length);
    System.arraycopy(bytes, 0, b, old.length, bytes.length);
    files.put(name, b);
  }

  @Override
  public void sync() {
    syncs++;
    synced.clear();
    files.forEach((k, v) -> synced.put(k, v.clone()));
  }

  @Override
  public boolean exists(String name) {
    return files.containsKey(name);
  }

  @Override
  public void delete(String name) {
    files.remove(name);
  }

  /** Loses everything written since the last sync. */
  void crash() {
    files.clear();
    synced.forEach((k, v) -> files.put(k, v.clone()));
  }

  /** Cuts the last {@code bytes} bytes of a file, as a torn write would. */
  void tear(String name, int bytes) {
    byte[] old = files.get(name);
    files.put(name, Arrays.copyOf(old, Math.max(0, old.length - bytes)));
  }

  int size(String name) {
    return files.getOrDefault(name, new byte[0]).length;
  }
}
