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
 */
public record CheckOptions(Duration timeout, long cacheEntriesMax, int threads) {

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

  /** No time limit, the default memory bound, one thread. */
  public static CheckOptions defaults() {
    return new CheckOptions(Duration.ZERO, DEFAULT_CACHE_ENTRIES_MAX, 1);
  }

  /** These options with another time budget. */
  public CheckOptions withTimeout(Duration newTimeout) {
    return new CheckOptions(newTimeout, cacheEntriesMax, threads);
  }

  /** These options with another memory bound. */
  public CheckOptions withCacheEntriesMax(long newCacheEntriesMax) {
    return new CheckOptions(timeout, newCacheEntriesMax, threads);
  }

  /** These options with another number of threads. */
  public CheckOptions withThreads(int newThreads) {
    return new CheckOptions(timeout, cacheEntriesMax, newThreads);
  }
}
