package dev.omnisim.sim;

/** What a crash does to a node's disk. */
public enum DiskMode {
  /** A write is durable when it returns (labrpc's persister). */
  DURABLE,
  /** Writes since the node's last {@link Disk#sync()} are lost at a crash, as with an OS page cache. */
  LOSSY
}
