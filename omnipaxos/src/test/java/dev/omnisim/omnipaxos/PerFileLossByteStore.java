package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ByteStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A byte store whose crash keeps or loses each file's unsynced changes independently (a file
 * system that flushes files in any order): before every write, append, delete and sync it records
 * an {@link Image}, a possible crash point, from which {@link Image#outcomes()} lists every
 * combination of per-file loss as a store to recover from.
 */
final class PerFileLossByteStore implements ByteStore {

  /** A file's bytes, or null when it does not exist. */
  private final Map<String, byte[]> current = new TreeMap<>();
  private final Map<String, byte[]> durable = new TreeMap<>();
  private final List<Image> images = new ArrayList<>();

  /** The files as written and as synced at one crash point. */
  record Image(Map<String, byte[]> current, Map<String, byte[]> durable) {

    /** Files whose current contents differ from their synced ones: each may go either way. */
    List<String> dirty() {
      TreeSet<String> names = new TreeSet<>(current.keySet());
      names.addAll(durable.keySet());
      List<String> dirty = new ArrayList<>();
      for (String n : names) {
        if (!Arrays.equals(current.get(n), durable.get(n))) {
          dirty.add(n);
        }
      }
      return dirty;
    }

    /** One store per subset of dirty files that keep their unsynced changes (the others lose them). */
    List<MemoryByteStore> outcomes() {
      List<String> dirty = dirty();
      List<MemoryByteStore> out = new ArrayList<>();
      for (int mask = 0; mask < 1 << dirty.size(); mask++) {
        Map<String, byte[]> files = new TreeMap<>(durable);
        for (int k = 0; k < dirty.size(); k++) {
          if ((mask & 1 << k) != 0) {
            String n = dirty.get(k);
            if (current.containsKey(n)) {
              files.put(n, current.get(n));
            } else {
              files.remove(n);
            }
          }
        }
        MemoryByteStore s = new MemoryByteStore();
        files.forEach(s::write);
        s.sync();
        out.add(s);
      }
      return out;
    }
  }

  /** Crash points recorded so far. */
  int imageCount() {
    return images.size();
  }

  Image image(int i) {
    return images.get(i);
  }

  /** Records the current files as a crash point. */
  void recordImage() {
    images.add(new Image(copy(current), copy(durable)));
  }

  private static Map<String, byte[]> copy(Map<String, byte[]> m) {
    Map<String, byte[]> c = new TreeMap<>();
    m.forEach((k, v) -> c.put(k, v.clone()));
    return c;
  }

  @Override
  public byte[] read(String name) {
    byte[] b = current.get(name);
    return b == null ? new byte[0] : b.clone();
  }

  @Override
  public void write(String name, byte[] bytes) {
    recordImage();
    current.put(name, bytes.clone());
  }

  @Override
  public void append(String name, byte[] bytes) {
    recordImage();
    byte[] old = current.getOrDefault(name, new byte[0]);
    byte[] b = Arrays.copyOf(old, old.length + bytes.length);
    System.arraycopy(bytes, 0, b, old.length, bytes.length);
    current.put(name, b);
  }

  @Override
  public void sync() {
    recordImage();
    durable.clear();
    durable.putAll(copy(current));
  }

  @Override
  public boolean exists(String name) {
    return current.containsKey(name);
  }

  @Override
  public void delete(String name) {
    recordImage();
    current.remove(name);
  }
}
