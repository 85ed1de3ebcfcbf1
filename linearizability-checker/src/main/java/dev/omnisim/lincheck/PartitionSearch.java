package dev.omnisim.lincheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Wing and Gong search with Lowe's memoisation over one partition, in porcupine's form.
 *
 * <p>Every operation becomes a call entry and (unless pending) a return entry in one list sorted by
 * time. The search walks the list: at a call entry it tries to linearise that operation now (the
 * model accepts it and the pair (set of linearised operations, state) is new), which lifts the
 * operation's entries out of the list and restarts from the head; at a return entry the operation
 * returned without being linearised, so the search backtracks to the last choice. Pending
 * operations have no return entry: they never force a backtrack, so "never took effect" is covered
 * by leaving them out. The search succeeds when every completed operation is linearised.
 *
 * <p>Single use, single thread; deterministic apart from where a wall-clock deadline cuts it.
 */
final class PartitionSearch<S, I, O> {

  /** How often (in loop iterations) the deadline is read: reading the clock costs ~20 ns. */
  private static final int DEADLINE_CHECK_MASK = 0xFFF;

  /** Fixed so that hashes, hence HashSet iteration and timings, are the same on every run. */
  private static final long ZOBRIST_SEED = 0x5EED_0F_11CEC4L;

  private static final class Entry {
    final int op;
    final boolean call;
    Entry match;
    Entry prev;
    Entry next;

    Entry(int op, boolean call) {
      this.op = op;
      this.call = call;
    }
  }

  /** One memoised (linearised set, state) pair. */
  private final class CacheKey {
    final long[] bits;
    final S state;
    final int hash;

    CacheKey(long[] bits, long bitsHash, S state) {
      this.bits = bits;
      this.state = state;
      this.hash = Long.hashCode(bitsHash * 0x9E3779B97F4A7C15L) * 31 + model.stateHash(state);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof PartitionSearch<?, ?, ?>.CacheKey)) {
        return false;
      }
      @SuppressWarnings("unchecked")
      CacheKey other = (CacheKey) o;
      return hash == other.hash
          && Arrays.equals(bits, other.bits)
          && model.stateEquals(state, other.state);
    }
  }

  private final Model<S, I, O> model;
  private final Partition<I, O> partition;
  private final List<Operation<I, O>> ops;
  private final long deadlineNanos;
  private final long cacheEntriesMax;

  /** Deepest stack seen at a backtrack, as operation indices: the longest linearisable prefix. */
  private int[] bestPrefix = new int[0];

  PartitionSearch(Model<S, I, O> model, Partition<I, O> partition, long deadlineNanos, long cacheEntriesMax) {
    this.model = model;
    this.partition = partition;
    this.ops = partition.operations();
    this.deadlineNanos = deadlineNanos;
    this.cacheEntriesMax = cacheEntriesMax;
  }

  PartitionResult<I, O> run() {
    int n = ops.size();
    Entry head = buildEntryList();
    long[] zobrist = new SplittableRandom(ZOBRIST_SEED).longs(n).toArray();
    long[] bits = new long[(n + 63) / 64];
    long bitsHash = 0;
    Set<CacheKey> cache = new HashSet<>();
    @SuppressWarnings("unchecked")
    S[] stackState = (S[]) new Object[n];
    Entry[] stackEntry = new Entry[n];
    int depth = 0;
    int completedLeft = (int) ops.stream().filter(op -> !op.pending()).count();
    S state = model.initialState();
    Entry entry = head.next;
    long iterations = 0;
    while (completedLeft > 0) {
      if ((++iterations & DEADLINE_CHECK_MASK) == 0 && System.nanoTime() - deadlineNanos > 0) {
        return undecided(stackEntry, depth, cache.size(),
            "the time budget ran out after " + cache.size() + " search states");
      }
      if (entry.call) {
        Operation<I, O> op = ops.get(entry.op);
        S next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
        if (next != null) {
          long[] nextBits = bits.clone();
          nextBits[entry.op >>> 6] |= 1L << entry.op;
          long nextHash = bitsHash ^ zobrist[entry.op];
          if (cache.add(new CacheKey(nextBits, nextHash, next))) {
            if (cache.size() > cacheEntriesMax) {
              return undecided(stackEntry, depth, cache.size(),
                  "the memory bound of " + cacheEntriesMax + " search states was reached");
            }
            stackEntry[depth] = entry;
            stackState[depth] = state;
            depth++;
            state = next;
            bits = nextBits;
            bitsHash = nextHash;
            lift(entry);
            if (!op.pending()) {
              completedLeft--;
            }
            entry = head.next;
            continue;
          }
        }
        entry = entry.next;
      } else {
        if (depth > bestPrefix.length) {
          bestPrefix = opsOf(stackEntry, depth);
        }
        if (depth == 0) {
          return illegal(cache.size());
        }
        depth--;
        Entry undone = stackEntry[depth];
        state = stackState[depth];
        bits = bits.clone();
        bits[undone.op >>> 6] &= ~(1L << undone.op);
        bitsHash ^= zobrist[undone.op];
        unlift(undone);
        if (!ops.get(undone.op).pending()) {
          completedLeft++;
        }
        entry = undone.next;
      }
    }
    List<Operation<I, O>> order = operationsAt(opsOf(stackEntry, depth));
    return new PartitionResult<>(partition.label(), Verdict.OK, ops, order, model.describeState(state),
        List.of(), "linearisable: all " + n + " operations fit in one order", cache.size());
  }

  /** Call and return entries sorted by time; at equal times calls first, so touching ops overlap. */
  private Entry buildEntryList() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Entry call = new Entry(i, true);
      entries.add(call);
      if (!ops.get(i).pending()) {
        Entry ret = new Entry(i, false);
        call.match = ret;
        entries.add(ret);
      }
    }
    entries.sort(
        Comparator.<Entry>comparingLong(e -> e.call ? ops.get(e.op).callTime() : ops.get(e.op).returnTimeOrInfinity())
            .thenComparing(e -> !e.call)
            .thenComparingInt(e -> e.op));
    Entry head = new Entry(-1, true);
    Entry last = head;
    for (Entry e : entries) {
      last.next = e;
      e.prev = last;
      last = e;
    }
    return head;
  }

  private static void lift(Entry entry) {
    entry.prev.next = entry.next;
    if (entry.next != null) {
      entry.next.prev = entry.prev;
    }
    Entry match = entry.match;
    if (match != null) {
      match.prev.next = match.next;
      if (match.next != null) {
        match.next.prev = match.prev;
      }
    }
  }

  private static void unlift(Entry entry) {
    Entry match = entry.match;
    if (match != null) {
      match.prev.next = match;
      if (match.next != null) {
        match.next.prev = match;
      }
    }
    entry.prev.next = entry;
    if (entry.next != null) {
      entry.next.prev = entry;
    }
  }

  private static int[] opsOf(Entry[] stack, int depth) {
    int[] result = new int[depth];
    for (int i = 0; i < depth; i++) {
      result[i] = stack[i].op;
    }
    return result;
  }

  private List<Operation<I, O>> operationsAt(int[] indices) {
    List<Operation<I, O>> result = new ArrayList<>(indices.length);
    for (int index : indices) {
      result.add(ops.get(index));
    }
    return result;
  }

  private S replay(int[] prefix) {
    S state = model.initialState();
    for (int index : prefix) {
      Operation<I, O> op = ops.get(index);
      state = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
    }
    return state;
  }

  private PartitionResult<I, O> undecided(Entry[] stack, int depth, long cacheEntries, String why) {
    int[] prefix = depth > bestPrefix.length ? opsOf(stack, depth) : bestPrefix;
    return new PartitionResult<>(partition.label(), Verdict.UNKNOWN, ops, operationsAt(prefix),
        model.describeState(replay(prefix)), List.of(),
        "undecided: " + why + "; the longest linearisable prefix found has " + prefix.length + " of "
            + ops.size() + " operations",
        cacheEntries);
  }

  /**
   * Explains the failure from the longest prefix: the completed operation with the earliest return
   * among those left had to be linearised by then, and none of the operations called by that time
   * could come next.
   */
  private PartitionResult<I, O> illegal(long cacheEntries) {
    int[] prefix = bestPrefix;
    S state = replay(prefix);
    boolean[] done = new boolean[ops.size()];
    for (int index : prefix) {
      done[index] = true;
    }
    Operation<I, O> deadline = null;
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      if (!done[i] && !op.pending()
          && (deadline == null || op.returnTimeOrInfinity() < deadline.returnTimeOrInfinity())) {
        deadline = op;
      }
    }
    long by = deadline.returnTimeOrInfinity();
    List<StuckOperation<I, O>> stuck = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      if (done[i] || op.callTime() > by) {
        continue;
      }
      S next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
      stuck.add(next == null
          ? new StuckOperation<>(op, true,
              "impossible next: in state " + model.describeState(state) + " the object would not answer that")
          : new StuckOperation<>(op, false,
              "possible next, but every order that continues with it fails later"));
    }
    stuck.sort(Comparator.comparingLong((StuckOperation<I, O> s) -> s.operation().callTime())
        .thenComparingInt(s -> s.operation().id()));
    String explanation = "not linearisable: at most " + prefix.length + " of " + ops.size()
        + " operations can be put in an order that respects real time and the model. After them "
        + "the state is " + model.describeState(state) + ", and " + model.describeOperation(deadline)
        + " (operation " + deadline.id() + ", returned at " + by + ") must come before anything called "
        + "later, but " + (stuck.size() == 1 ? "it cannot come next."
            : "none of the " + stuck.size() + " operations that could come next leads to a linearisation.");
    return new PartitionResult<>(partition.label(), Verdict.ILLEGAL, ops, operationsAt(prefix),
        model.describeState(state), stuck, explanation, cacheEntries);
  }
}
