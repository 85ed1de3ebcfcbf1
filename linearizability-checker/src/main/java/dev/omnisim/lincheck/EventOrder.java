package dev.omnisim.lincheck;

import java.util.Arrays;
import java.util.List;

/**
 * The history's events in their one total order ({@link Operation#precedes}), as ranks: operation
 * {@code a} precedes {@code b} iff {@code returnRank(a) < callRank(b)}. The searches compare ranks
 * instead of times, so that equal times never need a rule of their own there; ranks are distinct.
 */
public final class EventOrder {

  private final long[] callRank;
  private final long[] returnRank;

  private EventOrder(long[] callRank, long[] returnRank) {
    this.callRank = callRank;
    this.returnRank = returnRank;
  }

  /** Ranks the events of {@code ops} (indexed as in the list). A pending operation's return ranks last. */
  public static EventOrder of(List<? extends Operation<?, ?>> ops) {
    int n = ops.size();
    // Event e < 2n: operation e / 2, its call when e is even, its return when odd.
    Integer[] events = new Integer[2 * n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      events[count++] = 2 * i;
      if (!ops.get(i).pending()) {
        events[count++] = 2 * i + 1;
      }
    }
    Arrays.sort(events, 0, count, (x, y) -> compare(ops, x, y));
    long[] callRank = new long[n];
    long[] returnRank = new long[n];
    Arrays.fill(returnRank, Long.MAX_VALUE);
    for (int r = 0; r < count; r++) {
      int e = events[r];
      (e % 2 == 0 ? callRank : returnRank)[e / 2] = r;
    }
    return new EventOrder(callRank, returnRank);
  }

  private static int compare(List<? extends Operation<?, ?>> ops, int x, int y) {
    Operation<?, ?> a = ops.get(x / 2);
    Operation<?, ?> b = ops.get(y / 2);
    boolean aCall = x % 2 == 0;
    boolean bCall = y % 2 == 0;
    int byTime = Long.compare(aCall ? a.callTime() : a.returnTime().getAsLong(),
        bCall ? b.callTime() : b.returnTime().getAsLong());
    if (byTime != 0) {
      return byTime;
    }
    int byTie = Long.compare(aCall ? a.callTie() : a.returnTie(), bCall ? b.callTie() : b.returnTie());
    if (byTie != 0) {
      return byTie;
    }
    // Only events whose relative order decides no precedence get here (two returns or two calls).
    return Integer.compare(x, y);
  }

  /** Where operation {@code i}'s call stands. */
  public long callRank(int i) {
    return callRank[i];
  }

  /** Where operation {@code i}'s return stands; {@link Long#MAX_VALUE} when it is pending. */
  public long returnRank(int i) {
    return returnRank[i];
  }
}
