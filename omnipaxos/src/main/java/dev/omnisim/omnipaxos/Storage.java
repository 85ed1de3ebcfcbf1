package dev.omnisim.omnipaxos;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Snapshot;
import java.util.List;
import java.util.Optional;

/**
 * Everything Sequence Paxos needs to survive a crash: the promised ballot, the accepted round, the
 * decided index, the log and the compacted prefix (snapshot). A peer writes here before it sends
 * any message that depends on the write, and calls {@link #sync()} before handing such messages out
 * (see {@link ConsensusPeer#drainOutgoing()}).
 *
 * <p>Indexes are absolute log positions; {@link #logLength()} counts compacted entries too.
 * Implementations need not be thread-safe; a peer uses its storage from one thread.
 *
 * @param <T> the entry type
 */
public interface Storage<T> {

  /**
   * Returns the highest ballot this peer promised.
   *
   * @return the promise, {@link Ballot#NONE} if none
   */
  Ballot promise();

  /**
   * Records a promise.
   *
   * @param ballot the promised ballot, not below the current promise
   */
  void setPromise(Ballot ballot);

  /**
   * Returns the ballot in which this peer last accepted (synchronised) its log.
   *
   * @return the accepted round, {@link Ballot#NONE} if none
   */
  Ballot acceptedRound();

  /**
   * Records the accepted round; call it after the log writes of that round.
   *
   * @param ballot the round
   */
  void setAcceptedRound(Ballot ballot);

  /**
   * Returns the number of decided entries.
   *
   * @return the decided index
   */
  long decidedIndex();

  /**
   * Records the decided index.
   *
   * @param index the new decided index, at most {@link #logLength()}
   */
  void setDecidedIndex(long index);

  /**
   * Returns the length of the log, compacted entries included.
   *
   * @return the index the next appended entry gets
   */
  long logLength();

  /**
   * Returns the index below which entries were compacted.
   *
   * @return the compacted index, 0 if none
   */
  long compactedIndex();

  /**
   * Reads entries.
   *
   * @param fromIndex first index, inclusive, at least {@link #compactedIndex()}
   * @param toIndex last index, exclusive, at most {@link #logLength()}
   * @return the entries, an unmodifiable list
   */
  List<T> entries(long fromIndex, long toIndex);

  /**
   * Appends entries at the end of the log.
   *
   * @param entries the entries to append
   */
  void append(List<T> entries);

  /**
   * Replaces the log from {@code fromIndex} on by {@code entries}.
   *
   * @param fromIndex where to cut, between {@link #compactedIndex()} and {@link #logLength()}
   * @param entries the new suffix
   */
  void truncateAndAppend(long fromIndex, List<T> entries);

  /**
   * Returns the latest snapshot.
   *
   * @return the snapshot of {@code [0, compactedIndex())}, empty when nothing was compacted
   */
  Optional<Snapshot> snapshot();

  /**
   * Keeps {@code snapshot} in place of the entries below its index. When the index is within the
   * log, the entries above it stay; when it is beyond the log, the log becomes empty and has
   * length {@code snapshot.index()}.
   *
   * @param snapshot the snapshot; its index must be above {@link #compactedIndex()}
   */
  void setSnapshot(Snapshot snapshot);

  /**
   * Returns how many times a peer started on this storage, as last recorded by {@link
   * #setIncarnation(long)}: a peer numbers its heartbeat rounds from it, so that no round of a run
   * repeats one of an earlier run (peers still echo those for a while).
   *
   * @return the incarnation, 0 on a fresh storage
   */
  long incarnation();

  /**
   * Records the incarnation of the peer that just started; durable at the next {@link #sync()}, so
   * before the peer's first message leaves. Its one caller, the peer's constructor, records one more
   * than it read.
   *
   * @param incarnation the new incarnation
   */
  void setIncarnation(long incarnation);

  /** Makes every write so far durable. In-memory storage does nothing. */
  void sync();
}
