package dev.omnisim.kvpaxos;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.sim.Disk;

/** The simulator's per-node {@link Disk} seen as the consensus contract's {@link ByteStore}: one to one. */
public final class DiskByteStore implements ByteStore {
  private final Disk disk;
  private final String prefix;

  /** Files of this store live on {@code disk} under names starting with {@code prefix}. */
  public DiskByteStore(Disk disk, String prefix) {
    this.disk = disk;
    this.prefix = prefix;
  }

  @Override
  public byte[] read(String name) {
    return disk.read(prefix + name);
  }

  @Override
  public void write(String name, byte[] bytes) {
    disk.write(prefix + name, bytes);
  }

  @Override
  public void append(String name, byte[] bytes) {
    disk.append(prefix + name, bytes);
  }

  @Override
  public void sync() {
    disk.sync();
  }

  @Override
  public boolean exists(String name) {
    return disk.exists(prefix + name);
  }

  @Override
  public void delete(String name) {
    disk.delete(prefix + name);
  }
}
