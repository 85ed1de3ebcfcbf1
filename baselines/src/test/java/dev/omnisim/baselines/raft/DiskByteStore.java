package dev.omnisim.baselines.raft;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.sim.Disk;

/** The simulator's per-node disk seen as a {@link ByteStore}: a one-to-one adapter. */
record DiskByteStore(Disk disk) implements ByteStore {

  @Override
  public byte[] read(String name) {
    return disk.read(name);
  }

  @Override
  public void write(String name, byte[] bytes) {
    disk.write(name, bytes);
  }

  @Override
  public void append(String name, byte[] bytes) {
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
    disk.delete(name);
  }
}
