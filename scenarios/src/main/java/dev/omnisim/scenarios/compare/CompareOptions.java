package dev.omnisim.scenarios.compare;

/**
 * How one run of the experiment is shaped. Times are virtual.
 *
 * @param clients closed-loop clients, each with one operation outstanding at a time (the artifact's
 *     client keeps many proposals in flight; throughput is not what is compared here)
 * @param thinkMicros how long a client waits after an operation completes before it proposes the next:
 *     it bounds the load (and so the cost of a run) without bounding how soon progress is seen
 * @param warmUpMicros how long the clients run against an elected leader before the cut, at the least
 * @param warmUpTimeouts the warm-up lasts at least this many election timeouts, when longer
 * @param leaderWaitTimeouts how many election timeouts the first election may take before the run
 *     fails as "no leader before the cut"
 * @param windowMicros the fixed window after the cut in which everything is measured (the artifact's
 *     shortest partition, 60 s)
 */
public record CompareOptions(
    int clients,
    long thinkMicros,
    long warmUpMicros,
    int warmUpTimeouts,
    int leaderWaitTimeouts,
    long windowMicros) {

  /** The defaults the command line uses. */
  public static final CompareOptions DEFAULTS = new CompareOptions(1, 10_000, 1_000_000, 4, 40, 60_000_000);

  /** Checks every value. */
  public CompareOptions {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be >= 1, was " + clients);
    }
    if (thinkMicros < 0) {
      throw new IllegalArgumentException("thinkMicros must be >= 0, was " + thinkMicros);
    }
    if (warmUpMicros < 0 || warmUpTimeouts < 0 || leaderWaitTimeouts < 1) {
      throw new IllegalArgumentException("warm-up times must be >= 0 and the leader wait >= 1, were " + warmUpMicros
          + " µs, " + warmUpTimeouts + " and " + leaderWaitTimeouts + " timeouts");
    }
    if (windowMicros <= 0) {
      throw new IllegalArgumentException("the window must be > 0 µs, was " + windowMicros);
    }
  }

  /** These options with another window. */
  public CompareOptions withWindowMicros(long micros) {
    return new CompareOptions(clients, thinkMicros, warmUpMicros, warmUpTimeouts, leaderWaitTimeouts, micros);
  }
}
