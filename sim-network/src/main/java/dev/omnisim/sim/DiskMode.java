package dev.omnisim.sim;

/**
 * What a crash does to the writes a node made since its last {@link Disk#sync()} ("unsynced writes").
 * A write here is any change: {@link Disk#write} (a whole-file rewrite), {@link Disk#append}, {@link
 * Disk#truncate}, {@link Disk#delete}. Synced writes survive every crash in every mode.
 *
 * <p>The partial modes keep a seeded random share of the unsynced writes, decided at the crash from the
 * disk's own stream ({@code disk-<id>}), with {@link SimulatedDisk#keepProbability()}:
 *
 * <ul>
 *   <li><b>Per file</b>: each file is decided on its own, so one file's unsynced change may survive while
 *       another's is lost (state kept, log append lost; log rewritten, snapshot lost).
 *   <li><b>Per write, in order</b>: a file's unsynced writes are taken in the order they were made; each
 *       survives with probability {@code keepProbability}, and the first that does not survive ends the
 *       file's changes: every later write to that file is lost with it, because it was made on top of
 *       the lost one. A file thus keeps a prefix of its unsynced writes, never a set with holes: an append
 *       never survives without the appends before it, and a log never loses an entry in its middle. (A
 *       real file system with ordered data writes behaves so; keeping later appends without earlier ones
 *       would shift records into places they were never written and fool even correct storage code.)
 *   <li>A kept rewrite replaces the whole content; a lost one leaves the content the file had before it.
 *       A kept delete removes the file; a lost one leaves it. A file created since the sync whose first
 *       write is lost does not exist after the crash.
 * </ul>
 *
 * Switching a disk to another mode makes everything written so far durable, as a sync would.
 */
public enum DiskMode {
  /** Every write is durable when it returns (labrpc's persister); a crash loses nothing. */
  DURABLE,
  /** Every unsynced write is lost at a crash, as with an OS page cache that never wrote back. */
  LOSSY,
  /**
   * A crash keeps, per file, a seeded random prefix of the unsynced writes (see the class comment),
   * like FoundationDB's non-durable files.
   */
  PARTIAL,
  /**
   * As {@link #PARTIAL}, and the first write of a file that does not survive is torn: only a byte prefix
   * of it reaches the disk. A torn rewrite leaves a file of k bytes, k uniform in [0, length − 1] (the file
   * was cut, then only partly written; 0 leaves it empty); a torn append adds k bytes, k uniform in
   * [1, length − 1]. With even odds the torn write keeps its whole length instead, zeros past those k
   * bytes (the new size reached the disk, the last data blocks did not). An empty rewrite, a one-byte
   * append, a truncate and a delete cannot tear: they are lost whole.
   */
  TORN
}
