package dev.omnisim.lincheck;

import java.time.Duration;

/**
 * How far the checker may go before it answers {@link Verdict#UNKNOWN}, and how many threads it
 * uses.
 *
 * @param timeout wall-clock budget for the whole check; {@link Duration#ZERO} means no limit
 * @param cacheEntriesMax the memory bound: the most (linearised set, state) pairs one partition's
 *     search may remember before giving up
 * @param threads how many partitions are checked at once; 1 checks them on the calling thread
 * @param uniqueAppends whether key-value partitions whose values order the appends are decided by
 *     the polynomial unique-append procedure before the general search is tried (default true)
 */
public record CheckOptions(Duration timeout, long cacheEntriesMax, int threads, boolean uniqueAppends) {

  /** The memory bound used unless told otherwise: about 1 GB for a partition of 1 000 operations. */
  public static final long DEFAULT_CACHE_ENTRIES_MAX = 4_000_000L;

  /** Checks the values. */
  public CheckOptions {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    if (cacheEntriesMax < 1) {
      throw new IllegalArgumentException("cacheEntriesMax must be positive: " + cacheEntriesMax);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
  }

  /** These options with the unique-append procedure on. */
  public CheckOptions(Duration timeout, long cacheEntriesMax, int threads) {
    this(timeout, cacheEntriesMax, threads, true);
  }

  /** No time limit, the default memory bound, one thread, the unique-append procedure on. */
  public static CheckOptions defaults() {
    return new CheckOptions(Duration.ZERO, DEFAULT_CACHE_ENTRIES_MAX, 1, true);
  }

  /** These options with the unique-append procedure on or off (off: the general search decides everything). */
  public CheckOptions withUniqueAppends(boolean enabled) {
    return new CheckOptions(timeout, cacheEntriesMax, threads, enabled);
  }

  /** These options with another time budget. */
  public CheckOptions withTimeout(Duration newTimeout) {
    return new CheckOptions(newTimeout, cacheEntriesMax, threads, uniqueAppends);
  }

  /** These options with another memory bound. */
  public CheckOptions withCacheEntriesMax(long newCacheEntriesMax) {
    return new CheckOptions(timeout, newCacheEntriesMax, threads, uniqueAppends);
  }

  /** These options with another number of threads. */
  public CheckOptions withThreads(int newThreads) {
    return new CheckOptions(timeout, cacheEntriesMax, newThreads, uniqueAppends);
  }
}
