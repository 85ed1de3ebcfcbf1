package dev.omnisim.lincheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Wing and Gong search with Lowe's memoisation over one partition, in porcupine's form.
 *
 * <p>Every operation becomes a call entry and (unless pending) a return entry in one list, in the
 * history's order of events ({@link EventOrder}). The search walks the list: at a call entry it tries to linearise that operation now (the
 * model accepts it and the pair (set of linearised operations, state) is new), which lifts the
 * operation's entries out of the list and restarts; when no candidate is left before the first
 * return entry, that operation returned without being linearised, so the search backtracks. Pending
 * operations have no return entry: they never force a backtrack, so "never took effect" is covered
 * by leaving them out. The search succeeds when every completed operation is linearised.
 *
 * <p>Program order needs no rule here: equal times are already ordered in the list the way {@link
 * Operation#precedes} orders them, so a client's call issued in the instant its previous call
 * returned sits after that return.
 *
 * <p>Three changes from porcupine, each kept honest by the brute-force property test:
 *
 * <ol>
 *   <li>Candidates (the calls before the first return entry) are tried in a fixed order, earliest
 *       return first and pending operations last, instead of list order. The candidate set at each
 *       step is the same, so the search is as complete as before; but the operation that must be
 *       linearised soonest is tried first and the others only when it needs them (Lowe's "just in
 *       time" linearisation).
 *   <li>A read-only candidate that the model accepts is linearised at once, without trying its
 *       siblings ({@link #forcedMove}): concurrent reads no longer multiply the search.
 *   <li>A rejected read that the model says can never become legal ({@link Model#canBecomeLegal})
 *       ends the branch at once, instead of after every order of the operations before it.
 * </ol>
 *
 * <p>On a 1 000-operation cas-register history from 20 heavily overlapping clients, 1 and 2 take
 * the search from 10-20 s to tens of milliseconds; 3 keeps single-key append histories from
 * exhausting memory.
 *
 * <p>Single use, single thread; deterministic apart from where a wall-clock deadline cuts it.
 */
final class PartitionSearch<S, I, O> {

  /** How often (in loop iterations) the deadline is read: reading the clock costs ~20 ns. */
  private static final int DEADLINE_CHECK_MASK = 0xFFF;

  /** Fixed so that hashes, and so the cache's layout and the search's timing, repeat from run to run. */
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

  private final Model<S, I, O> model;
  private final Partition<I, O> partition;
  private final List<Operation<I, O>> ops;
  private final long deadlineNanos;
  private final long cacheEntriesMax;

  /** Marks a node just entered, where a forced move is looked for before the candidates are tried. */
  private final Entry freshNode = new Entry(-1, true);

  /** Returned by {@link #forcedMove} when some read can never be linearised from this node. */
  private final Entry doomed = new Entry(-1, true);

  /** Each operation's place in the order candidates are tried. */
  private final int[] rank;

  /** Where each call and return stands in the history's order of events. */
  private final EventOrder events;

  /** Deepest stack seen at a backtrack, as operation indices: the longest linearisable prefix. */
  private int[] bestPrefix = new int[0];

  PartitionSearch(Model<S, I, O> model, Partition<I, O> partition, long deadlineNanos, long cacheEntriesMax) {
    this.model = model;
    this.partition = partition;
    this.ops = partition.operations();
    this.deadlineNanos = deadlineNanos;
    this.cacheEntriesMax = cacheEntriesMax;
    this.events = EventOrder.of(ops);
    this.rank = rankOperations(ops, events);
  }

  // The search's position: the configuration (linearised set, state) and the path that led to it.
  private Entry head;
  private long[] zobrist;
  private long[] bits;
  private long bitsHash;
  private S state;
  private int depth;
  private int completedLeft;
  private SearchMemo<S> cache;
  private S[] stackState;
  private Entry[] stackEntry;
  private boolean[] stackForced;
  /** Scratch marks for {@link #forcedMove}: reads the model rejects at the current node. */
  private boolean[] rejected;

  PartitionResult<I, O> run() {
    try {
      return search();
    } catch (OutOfMemoryError e) {
      // The entry bound did not keep the heap from filling (huge partitions make every state's bit
      // set large). Drop the memo first so that the result below can be built.
      long states = cache == null ? 0 : cache.size();
      cache = null;
      return undecided(states, "the JVM ran out of heap after " + states
          + " search states; lower --max-cache-entries or give the JVM more heap (-Xmx)");
    }
  }

  @SuppressWarnings("unchecked")
  private PartitionResult<I, O> search() {
    int n = ops.size();
    head = buildEntryList();
    zobrist = new SplittableRandom(ZOBRIST_SEED).longs(n).toArray();
    bits = new long[Math.max(1, (n + 63) / 64)];
    cache = new SearchMemo<>(n, model::stateEquals);
    stackState = (S[]) new Object[n];
    stackEntry = new Entry[n];
    stackForced = new boolean[n];
    rejected = new boolean[n];
    completedLeft = (int) ops.stream().filter(op -> !op.pending()).count();
    state = model.initialState();
    Entry entry = freshNode;
    long iterations = 0;
    while (completedLeft > 0) {
      if ((++iterations & DEADLINE_CHECK_MASK) == 0 && System.nanoTime() - deadlineNanos > 0) {
        return undecided(cache.size(), "the time budget ran out after " + cache.size() + " search states");
      }
      if (cache.size() > cacheEntriesMax) {
        return undecided(cache.size(), "the memory bound of " + cacheEntriesMax + " search states was reached");
      }
      if (entry == freshNode) {
        entry = forcedMove();
        if (entry == doomed) {
          entry = null;
        } else if (entry == null) {
          entry = nextCandidate(-1);
        } else {
          // A forced move that is already memoised failed before, so this node fails too.
          entry = push(entry, state, true) ? freshNode : null;
        }
      } else if (entry != null) {
        S next = apply(entry);
        entry = next != null && push(entry, next, false) ? freshNode : nextCandidate(rank[entry.op]);
      } else {
        if (depth > bestPrefix.length) {
          bestPrefix = opsOf(stackEntry, depth);
        }
        if (depth == 0) {
          return illegal(cache.size());
        }
        Entry undone = pop();
        // Siblings of a forced move need no try: if it failed, every order from here fails.
        entry = stackForced[depth] ? null : nextCandidate(rank[undone.op]);
      }
    }
    List<Operation<I, O>> order = operationsAt(opsOf(stackEntry, depth));
    return new PartitionResult<>(partition.label(), Verdict.OK, ops, order, model.describeState(state),
        List.of(), "linearisable: all " + n + " operations fit in one order", cache.size());
  }

  private S apply(Entry entry) {
    Operation<I, O> op = ops.get(entry.op);
    return op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
  }

  /**
   * A read-only candidate ({@link Model#readOnly}) that the model accepts now, or null; or {@link
   * #doomed} when a completed read-only candidate is rejected now and the model says no order of the
   * operations that may still come before it can change that ({@link Model#canBecomeLegal}).
   *
   * <p>A read-only candidate that the model accepts now Linearising it
   * next is always safe: it is callable now, so nothing left precedes it in real time; and since it
   * changes no state anywhere, moving it to the front of any way to finish from here (or adding it, if
   * that way left it out) keeps that way valid. So the search commits to it and tries no sibling.
   * This does not hold for an operation that merely leaves this state unchanged (a write of the
   * current value): later it might change the state.
   */
  private Entry forcedMove() {
    Entry best = null;
    int rejectedCount = 0;
    for (Entry e = head.next; e != null && e.call; e = e.next) {
      Operation<I, O> op = ops.get(e.op);
      if (!model.readOnly(op.input())) {
        continue;
      }
      if (apply(e) != null) {
        if (best == null || rank[e.op] < rank[best.op]) {
          best = e;
        }
      } else if (!op.pending()) {
        rejected[e.op] = true;
        rejectedCount++;
      }
    }
    return rejectedCount > 0 && someRejectedReadIsHopeless(rejectedCount) ? doomed : best;
  }

  /**
   * Asks the model about every rejected read, in one walk along the list: the calls met before a
   * read's return entry are the operations that may still come before it. Clears the marks.
   */
  private boolean someRejectedReadIsHopeless(int rejectedCount) {
    List<I> mayComeFirst = new ArrayList<>();
    boolean hopeless = false;
    int left = rejectedCount;
    for (Entry e = head.next; e != null && left > 0; e = e.next) {
      if (e.call) {
        mayComeFirst.add(ops.get(e.op).input());
      } else if (rejected[e.op]) {
        rejected[e.op] = false;
        left--;
        Operation<I, O> read = ops.get(e.op);
        hopeless = hopeless || !model.canBecomeLegal(state, read.input(), read.output(), mayComeFirst);
      }
    }
    return hopeless;
  }

  /** Linearises {@code entry}, reaching {@code next}, unless that configuration is memoised already. */
  private boolean push(Entry entry, S next, boolean forced) {
    bits[entry.op >>> 6] |= 1L << entry.op;
    long nextHash = bitsHash ^ zobrist[entry.op];
    int hash = Long.hashCode(nextHash * 0x9E3779B97F4A7C15L) * 31 + model.stateHash(next);
    if (!cache.add(bits, hash, next)) {
      bits[entry.op >>> 6] &= ~(1L << entry.op);
      return false;
    }
    stackEntry[depth] = entry;
    stackState[depth] = state;
    stackForced[depth] = forced;
    depth++;
    state = next;
    bitsHash = nextHash;
    lift(entry);
    if (!ops.get(entry.op).pending()) {
      completedLeft--;
    }
    return true;
  }

  /** Undoes the last linearisation; the memo keeps its own copies of the bit sets. */
  private Entry pop() {
    depth--;
    Entry undone = stackEntry[depth];
    state = stackState[depth];
    bits[undone.op >>> 6] &= ~(1L << undone.op);
    bitsHash ^= zobrist[undone.op];
    unlift(undone);
    if (!ops.get(undone.op).pending()) {
      completedLeft++;
    }
    return undone;
  }

  /**
   * The candidate to try after the one of rank {@code afterRank}: among the call entries before the
   * first return entry, the one of least rank above it; null when there is none.
   */
  private Entry nextCandidate(int afterRank) {
    Entry best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Entry e = head.next; e != null && e.call; e = e.next) {
      int r = rank[e.op];
      if (r > afterRank && r < bestRank) {
        best = e;
        bestRank = r;
      }
    }
    return best;
  }

  /** Ranks operations for {@link #nextCandidate}: completed before pending, then by return, call, id. */
  private static int[] rankOperations(List<? extends Operation<?, ?>> ops, EventOrder events) {
    Integer[] byPreference = new Integer[ops.size()];
    for (int i = 0; i < byPreference.length; i++) {
      byPreference[i] = i;
    }
    java.util.Arrays.sort(byPreference, Comparator.<Integer>comparingLong(events::returnRank)
        .thenComparingLong(events::callRank)
        .thenComparingInt(i -> ops.get(i).id()));
    int[] rank = new int[ops.size()];
    for (int r = 0; r < byPreference.length; r++) {
      rank[byPreference[r]] = r;
    }
    return rank;
  }

  /** The list of call and return entries, behind a sentinel head. */
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
    entries.sort(Comparator.comparingLong(e -> e.call ? events.callRank(e.op) : events.returnRank(e.op)));
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

  private PartitionResult<I, O> undecided(long cacheEntries, String why) {
    int[] prefix = depth > bestPrefix.length ? opsOf(stackEntry, depth) : bestPrefix;
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
    int last = -1;
    for (int i = 0; i < ops.size(); i++) {
      if (!done[i] && !ops.get(i).pending() && (last < 0 || events.returnRank(i) < events.returnRank(last))) {
        last = i;
      }
    }
    Operation<I, O> deadline = ops.get(last);
    long by = deadline.returnTimeOrInfinity();
    List<StuckOperation<I, O>> stuck = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Operation<I, O> op = ops.get(i);
      if (!done[i] && events.callRank(i) < events.returnRank(last) && !followsSomethingLeft(op, done)) {
        stuck.add(obstacleOf(i, state, done));
      }
    }
    stuck.sort(Comparator.comparing((StuckOperation<I, O> s) -> s.obstacle())
        .thenComparingLong(s -> s.operation().callTime())
        .thenComparingInt(s -> s.operation().id()));
    StringBuilder explanation = new StringBuilder("not linearisable: at most " + prefix.length + " of "
        + ops.size() + " operations can be put in an order that respects real time, each client's program order "
        + "and the model. After them "
        + "the state is " + model.describeState(state) + ", and " + model.describeOperation(deadline)
        + " (operation " + deadline.id() + ", returned at " + by + ") must come before anything called later, but "
        + (stuck.size() == 1 ? "it cannot come next."
            : "none of the " + stuck.size() + " operations that could come next leads to a linearisation."));
    for (StuckOperation<I, O> s : stuck) {
      if (s.obstacle() == StuckOperation.Obstacle.NEVER_POSSIBLE) {
        explanation.append(" Operation ").append(s.operation().id()).append(", ")
            .append(model.describeOperation(s.operation()))
            .append(", can never be linearised here: no order of the operations that may still precede it "
                + "makes the object answer that.");
      }
    }
    return new PartitionResult<>(partition.label(), Verdict.ILLEGAL, ops, operationsAt(prefix),
        model.describeState(state), stuck, explanation.toString(), cacheEntries);
  }

  /** True when an operation not in the prefix must come before {@code op}. */
  private boolean followsSomethingLeft(Operation<I, O> op, boolean[] done) {
    for (int j = 0; j < ops.size(); j++) {
      if (!done[j] && ops.get(j).precedes(op)) {
        return true;
      }
    }
    return false;
  }

  /** Why {@code op} cannot follow the prefix marked in {@code done}, which ends in {@code state}. */
  private StuckOperation<I, O> obstacleOf(int index, S state, boolean[] done) {
    Operation<I, O> op = ops.get(index);
    S next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
    if (next != null) {
      return new StuckOperation<>(op, StuckOperation.Obstacle.LEADS_TO_DEAD_END,
          "possible next, but every order that continues with it fails later");
    }
    List<I> mayComeFirst = new ArrayList<>();
    for (int j = 0; j < ops.size(); j++) {
      if (!done[j] && j != index && events.callRank(j) < events.returnRank(index)) {
        mayComeFirst.add(ops.get(j).input());
      }
    }
    boolean never = model.readOnly(op.input()) && !model.canBecomeLegal(state, op.input(), op.output(), mayComeFirst);
    return never
        ? new StuckOperation<>(op, StuckOperation.Obstacle.NEVER_POSSIBLE, "impossible: in state "
            + model.describeState(state) + " the object would not answer that, and no order of the operations "
            + "that may still come before it changes that")
        : new StuckOperation<>(op, StuckOperation.Obstacle.NOT_YET_POSSIBLE, "not possible yet: in state "
            + model.describeState(state) + " the object would not answer that, and the orders that might "
            + "change that fail later");
  }
}
