package dev.omnisim.lincheck;

import dev.omnisim.lincheck.model.KvModel;
import dev.omnisim.lincheck.model.KvOp;
import dev.omnisim.lincheck.model.KvState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Decides a key-value partition in polynomial time when its values say in which order the appends
 * took effect, as Elle's list-append analysis does: every append's value is non-empty and unique on
 * its key, there is no put, and every read's value splits in exactly one way into appended values.
 * Then each read reveals the sequence of appends before it, and the reads' sequences must all be
 * prefixes of the longest one, L.
 *
 * <p>A linearisation is then an order in which L's appends come in L's order; a read that saw the
 * first k of them comes after the k-th and before the next; completed appends nobody read come after
 * every read of all of L; and real time and program order ({@link Operation#precedes}) hold. These
 * are the edges of a graph on the operations (real time is encoded through one node per return
 * event, in the history's order of events ({@link EventOrder}), so the graph has O(n) edges), and any topological order of it is a linearisation. So the
 * partition is linearisable iff the graph has no cycle (Kahn's algorithm). Pending reads and
 * pending appends nobody read are left out: leaving them out never hurts. When the graph has a
 * cycle, the explanation follows it, e.g. "op 7's read shows append a before append b, but append b
 * returned at 40, before append a was called at 50".
 *
 * <p>When the values do not determine the order (a put, a repeated or empty append value, a read
 * that splits in two ways), {@link #decide} answers empty and the general search decides.
 */
final class UniqueAppends {

  /** Cycle steps named in an explanation; a longer cycle is cut with "...". */
  private static final int CYCLE_STEPS_SHOWN_MAX = 8;

  /** Why a partition falls back to the search: it has a put. */
  static final String HAS_PUT = "a put";
  /** Why a partition falls back to the search: two appends of one value, or an empty one. */
  static final String NOT_UNIQUE = "repeated or empty append values";
  /** Why a partition falls back to the search: a read's value splits into appended values two ways. */
  static final String AMBIGUOUS = "a read that splits two ways";

  private final KvModel model;
  private final Partition<KvOp, String> partition;
  private final List<Operation<KvOp, String>> ops;
  /** Where each call and return stands in the history's order of events. */
  private final EventOrder events;

  /** Appended value → operation index. */
  private final Map<String, Integer> appendOf = new HashMap<>();
  /** Lengths of the appended values, ascending. */
  private int[] lengths;

  /** For each completed read: the indices of the appends it saw, in order; null when it is impossible. */
  private final int[][] seen;
  /** For each impossible read, why. */
  private final String[] impossible;

  /** Why the last {@link #prepare} refused, or null. */
  private String fallbackReason;

  private UniqueAppends(KvModel model, Partition<KvOp, String> partition) {
    this.model = model;
    this.partition = partition;
    this.ops = partition.operations();
    this.events = EventOrder.of(ops);
    this.seen = new int[ops.size()][];
    this.impossible = new String[ops.size()];
  }

  /** The verdict, when the values determine the order of the appends; empty otherwise. */
  static Optional<PartitionResult<KvOp, String>> decide(KvModel model, Partition<KvOp, String> partition) {
    UniqueAppends decider = new UniqueAppends(model, partition);
    return decider.prepare() ? Optional.of(decider.solve()) : Optional.empty();
  }

  /** Why {@code partition} falls back to the general search, or empty when this procedure decides it. */
  static Optional<String> fallbackReason(KvModel model, Partition<KvOp, String> partition) {
    UniqueAppends decider = new UniqueAppends(model, partition);
    return decider.prepare() ? Optional.empty() : Optional.of(decider.fallbackReason);
  }

  /** Checks the precondition and splits every read into the appends it saw. */
  private boolean prepare() {
    TreeSet<Integer> lengthSet = new TreeSet<>();
    for (int i = 0; i < ops.size(); i++) {
      KvOp input = ops.get(i).input();
      if (input instanceof KvOp.Put) {
        fallbackReason = HAS_PUT;
        return false;
      }
      if (input instanceof KvOp.Append append) {
        if (append.value().isEmpty() || appendOf.putIfAbsent(append.value(), i) != null) {
          fallbackReason = NOT_UNIQUE;
          return false;
        }
        lengthSet.add(append.value().length());
      }
    }
    lengths = lengthSet.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < ops.size(); i++) {
      Operation<KvOp, String> op = ops.get(i);
      if (op.input() instanceof KvOp.Get && !op.pending() && !split(i, op.output())) {
        fallbackReason = AMBIGUOUS;
        return false;
      }
    }
    return true;
  }

  /**
   * Splits a read's value into appended values: {@code seen[read]}, or {@code impossible[read]} when
   * no split uses each append at most once. False when it splits in more than one way.
   */
  private boolean split(int read, String value) {
    int n = value.length();
    // ways[i]: how many ways value[i..] splits (capped at 2); token[i]: the first append of the one way.
    byte[] ways = new byte[n + 1];
    int[] token = new int[n + 1];
    ways[n] = 1;
    for (int i = n - 1; i >= 0; i--) {
      for (int length : lengths) {
        if (i + length > n) {
          break;
        }
        if (ways[i + length] == 0) {
          continue;
        }
        Integer append = appendOf.get(value.substring(i, i + length));
        if (append != null) {
          ways[i] = (byte) Math.min(2, ways[i] + ways[i + length]);
          token[i] = append;
        }
      }
    }
    if (ways[0] == 0) {
      impossible[read] = "its value is not a concatenation of values appended to this key";
      return true;
    }
    if (ways[0] > 1) {
      return false;
    }
    List<Integer> sequence = new ArrayList<>();
    boolean[] used = new boolean[ops.size()];
    for (int i = 0; i < n; i += ((KvOp.Append) ops.get(token[i]).input()).value().length()) {
      if (used[token[i]]) {
        impossible[read] = "it shows " + model.describeOperation(ops.get(token[i])) + " (operation "
            + ops.get(token[i]).id() + ") twice";
        return true;
      }
      used[token[i]] = true;
      sequence.add(token[i]);
    }
    seen[read] = sequence.stream().mapToInt(Integer::intValue).toArray();
    return true;
  }

  // --- The graph -------------------------------------------------------------------------------

  /** Edges by source node; nodes are operations, then one per distinct return time, then END. */
  private int[][] successors;
  private int[] inDegree;
  /** The edges that order the prefix shown for a failure (see {@link #edge}). */
  private List<List<Integer>> prefixEdges;
  private int[] prefixInDegree;
  private int timeNodes;
  private int end;
  /** L: the appends the longest read saw, in order. */
  private int[] order;
  /** The read that saw all of L (the source of L's order), or -1 when no read saw anything. */
  private int longestRead = -1;
  /** Operations that take part: completed ones, and pending appends that some read saw. */
  private boolean[] included;

  private PartitionResult<KvOp, String> solve() {
    chooseOrder();
    buildGraph();
    int[] topological = topologicalOrder();
    List<Operation<KvOp, String>> prefix = new ArrayList<>();
    for (int node : topological) {
      if (node < ops.size()) {
        prefix.add(ops.get(node));
      }
    }
    int includedCount = 0;
    for (boolean in : included) {
      includedCount += in ? 1 : 0;
    }
    if (prefix.size() == includedCount) {
      return new PartitionResult<>(partition.label(), Verdict.OK, ops, prefix, model.describeState(replay(prefix)),
          List.of(), "linearisable: the reads' values order the appends, and that order fits real time (all "
              + ops.size() + " operations)", 0, PartitionResult.Method.UNIQUE_APPENDS);
    }
    return illegal(topological);
  }

  /** L is the longest sequence a read saw; a read whose sequence is not a prefix of it is impossible. */
  private void chooseOrder() {
    order = new int[0];
    for (int i = 0; i < ops.size(); i++) {
      if (seen[i] != null && seen[i].length > order.length) {
        order = seen[i];
        longestRead = i;
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      if (seen[i] != null && !Arrays.equals(seen[i], 0, seen[i].length, order, 0, seen[i].length)) {
        impossible[i] = "it saw the appends in another order than operation " + ops.get(longestRead).id()
            + " did (" + model.describeOperation(ops.get(longestRead)) + "), and values only grow by appends";
        seen[i] = null;
      }
    }
  }

  private void buildGraph() {
    int n = ops.size();
    included = new boolean[n];
    boolean[] observed = new boolean[n];
    for (int append : order) {
      observed[append] = true;
    }
    for (int i = 0; i < n; i++) {
      included[i] = !ops.get(i).pending() || observed[i];
    }
    long[] returns = java.util.stream.IntStream.range(0, n).filter(i -> !ops.get(i).pending())
        .mapToLong(events::returnRank).sorted().toArray();
    timeNodes = returns.length;
    end = n + timeNodes;
    List<List<Integer>> edges = new ArrayList<>();
    for (int node = 0; node <= end; node++) {
      edges.add(new ArrayList<>());
    }
    inDegree = new int[end + 1];
    prefixInDegree = new int[end + 1];
    prefixEdges = new ArrayList<>();
    for (int node = 0; node <= end; node++) {
      prefixEdges.add(new ArrayList<>());
    }
    // Real time: op -> its return event; each return event -> the next; the last return before a
    // call -> the op. Ranks order equal times as precedes() does, so program order is in here too.
    for (int t = 0; t + 1 < timeNodes; t++) {
      edge(edges, n + t, n + t + 1, true);
    }
    for (int i = 0; i < n; i++) {
      if (!included[i]) {
        continue;
      }
      Operation<KvOp, String> op = ops.get(i);
      if (!op.pending()) {
        edge(edges, i, n + Arrays.binarySearch(returns, events.returnRank(i)), true);
      }
      int before = lowerIndex(returns, events.callRank(i));
      if (before >= 0) {
        edge(edges, n + before, i, true);
      }
    }
    modelOrder(edges, observed);
    successors = new int[end + 1][];
    for (int node = 0; node <= end; node++) {
      successors[node] = edges.get(node).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** What the values say: L in order, each read between the appends it saw and the next one. */
  private void modelOrder(List<List<Integer>> edges, boolean[] observed) {
    int m = order.length;
    for (int k = 0; k + 1 < m; k++) {
      edge(edges, order[k], order[k + 1], true);
    }
    if (m > 0) {
      edge(edges, order[m - 1], end, false);
    }
    for (int i = 0; i < ops.size(); i++) {
      if (impossible[i] != null) {
        inDegree[i]++; // no edge can satisfy it: it stays out of every order
      } else if (seen[i] != null) {
        int k = seen[i].length;
        if (k > 0) {
          edge(edges, order[k - 1], i, false);
        }
        edge(edges, i, k < m ? order[k] : end, false);
      } else if (included[i] && ops.get(i).input() instanceof KvOp.Append && !observed[i]) {
        edge(edges, end, i, false);
      }
    }
  }

  /**
   * Adds an edge to the full graph, and when {@code ordersPrefix} also to the graph the failure
   * prefix is built on (real time, program order and L's order; the reads are left to the model).
   */
  private void edge(List<List<Integer>> edges, int from, int to, boolean ordersPrefix) {
    edges.get(from).add(to);
    inDegree[to]++;
    if (ordersPrefix) {
      prefixEdges.get(from).add(to);
      prefixInDegree[to]++;
    }
  }

  /** The index of the largest value below {@code rank}, or -1. */
  private static int lowerIndex(long[] sorted, long rank) {
    int at = Arrays.binarySearch(sorted, rank);
    return (at >= 0 ? at : -at - 1) - 1;
  }

  /**
   * Kahn's algorithm; among ready operations the earliest return goes first, so that the prefix
   * reaches as far as it can in a failing history. Returns the nodes taken, in order.
   */
  private int[] topologicalOrder() {
    int n = ops.size();
    int[] remaining = inDegree.clone();
    PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> {
      if ((a >= n) != (b >= n)) {
        return a >= n ? -1 : 1;
      }
      if (a >= n) {
        return Integer.compare(a, b);
      }
      int byReturn = Long.compare(events.returnRank(a), events.returnRank(b));
      return byReturn != 0 ? byReturn : Integer.compare(a, b);
    });
    for (int node = 0; node <= end; node++) {
      if (remaining[node] == 0 && (node >= n || included[node])) {
        ready.add(node);
      }
    }
    int[] taken = new int[end + 1];
    int count = 0;
    while (!ready.isEmpty()) {
      int node = ready.poll();
      taken[count++] = node;
      for (int next : successors[node]) {
        if (--remaining[next] == 0) {
          ready.add(next);
        }
      }
    }
    return Arrays.copyOf(taken, count);
  }


  private KvState replay(List<Operation<KvOp, String>> prefix) {
    KvState state = model.initialState();
    for (Operation<KvOp, String> op : prefix) {
      state = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
    }
    return state;
  }

  // --- Explaining a failure --------------------------------------------------------------------

  /**
   * The prefix shown for a failure: operations in real-time, program and L's order, each only when
   * the model accepts it then, reads as soon as they fit, appends nobody read last. Every operation
   * taken is accepted by the model and follows all that precede it, so this is a legal prefix; it
   * stops where the general search would be stuck too, in front of the reads that cannot be.
   */
  private List<Integer> modelPrefix() {
    int n = ops.size();
    boolean[] observed = new boolean[n];
    for (int append : order) {
      observed[append] = true;
    }
    java.util.function.ToIntFunction<Integer> rank = node -> node >= n ? 0
        : ops.get(node).input() instanceof KvOp.Get ? 1 : observed[node] ? 2 : 3;
    PriorityQueue<Integer> ready = new PriorityQueue<>(java.util.Comparator.comparingInt(rank)
        .thenComparingLong(node -> node >= n ? node : events.returnRank(node))
        .thenComparingInt(node -> node));
    int[] remaining = prefixInDegree.clone();
    for (int node = 0; node <= end; node++) {
      if (remaining[node] == 0 && (node >= n || included[node])) {
        ready.add(node);
      }
    }
    List<Integer> taken = new ArrayList<>();
    List<Integer> waiting = new ArrayList<>();
    KvState state = model.initialState();
    while (!ready.isEmpty()) {
      int node = ready.poll();
      if (node < n) {
        Operation<KvOp, String> op = ops.get(node);
        KvState next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
        if (next == null) {
          waiting.add(node); // a read that does not fit now: perhaps after another append
          continue;
        }
        if (!model.readOnly(op.input())) {
          ready.addAll(waiting);
          waiting.clear();
        }
        state = next;
        taken.add(node);
      }
      for (int successor : prefixEdges.get(node)) {
        if (--remaining[successor] == 0) {
          ready.add(successor);
        }
      }
    }
    return taken;
  }

  private PartitionResult<KvOp, String> illegal(int[] takenByGraph) {
    int n = ops.size();
    boolean[] inGraphOrder = new boolean[end + 1];
    for (int node : takenByGraph) {
      inGraphOrder[node] = true;
    }
    List<Operation<KvOp, String>> prefix = new ArrayList<>();
    boolean[] done = new boolean[end + 1];
    for (int node : modelPrefix()) {
      prefix.add(ops.get(node));
      done[node] = true;
    }
    KvState state = replay(prefix);
    List<StuckOperation<KvOp, String>> stuck = new ArrayList<>();
    List<KvOp> mayComeFirst = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (included[i] && !done[i]) {
        mayComeFirst.add(ops.get(i).input());
      }
    }
    for (int i = 0; i < n; i++) {
      if (included[i] && !done[i] && !followsSomethingLeft(i, done)) {
        stuck.add(obstacleOf(i, state, mayComeFirst));
      }
    }
    stuck.sort(java.util.Comparator.comparing((StuckOperation<KvOp, String> s) -> s.obstacle())
        .thenComparingLong(s -> s.operation().callTime()).thenComparingInt(s -> s.operation().id()));
    String why = impossibleReads().orElseGet(() -> describeCycle(findCycle(inGraphOrder)));
    String explanation = "not linearisable: the reads' values order the appends, and no order of the " + ops.size()
        + " operations fits both that and real time. " + why + " At most " + prefix.size()
        + " operations can be put in order first; after them the state is " + model.describeState(state) + ".";
    return new PartitionResult<>(partition.label(), Verdict.ILLEGAL, ops, prefix, model.describeState(state), stuck,
        explanation, 0, PartitionResult.Method.UNIQUE_APPENDS);
  }

  private boolean followsSomethingLeft(int i, boolean[] done) {
    for (int j = 0; j < ops.size(); j++) {
      if (included[j] && !done[j] && ops.get(j).precedes(ops.get(i))) {
        return true;
      }
    }
    return false;
  }

  private StuckOperation<KvOp, String> obstacleOf(int i, KvState state, List<KvOp> mayComeFirst) {
    Operation<KvOp, String> op = ops.get(i);
    if (impossible[i] != null) {
      return new StuckOperation<>(op, StuckOperation.Obstacle.NEVER_POSSIBLE, "impossible: " + impossible[i]);
    }
    KvState next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
    if (next != null) {
      return new StuckOperation<>(op, StuckOperation.Obstacle.LEADS_TO_DEAD_END,
          "possible next, but every order that continues with it fails later");
    }
    boolean never = !model.canBecomeLegal(state, op.input(), op.output(), mayComeFirst);
    return never
        ? new StuckOperation<>(op, StuckOperation.Obstacle.NEVER_POSSIBLE, "impossible: in state "
            + model.describeState(state) + " the object would not answer that, and no order of the operations "
            + "that may still come before it changes that")
        : new StuckOperation<>(op, StuckOperation.Obstacle.NOT_YET_POSSIBLE, "not possible yet: in state "
            + model.describeState(state) + " the object would not answer that, and the appends it needs first "
            + "cannot all come before it");
  }

  private Optional<String> impossibleReads() {
    List<String> reads = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (impossible[i] != null) {
        reads.add("Operation " + ops.get(i).id() + ", " + model.describeOperation(ops.get(i)) + ", is impossible: "
            + impossible[i] + ".");
      }
    }
    if (reads.isEmpty()) {
      return Optional.empty();
    }
    String shown = String.join(" ", reads.subList(0, Math.min(3, reads.size())));
    return Optional.of(reads.size() > 3 ? shown + " (" + (reads.size() - 3) + " more such reads.)" : shown);
  }

  /** A cycle among the nodes left out of the order: each has a predecessor left out too. */
  private List<Integer> findCycle(boolean[] done) {
    List<List<Integer>> predecessors = new ArrayList<>();
    for (int node = 0; node <= end; node++) {
      predecessors.add(new ArrayList<>());
    }
    int start = -1;
    for (int node = 0; node <= end; node++) {
      if (done[node] || node < ops.size() && !included[node]) {
        continue;
      }
      start = start < 0 ? node : start;
      for (int next : successors[node]) {
        if (!done[next]) {
          predecessors.get(next).add(node);
        }
      }
    }
    int[] visitedAt = new int[end + 1];
    Arrays.fill(visitedAt, -1);
    List<Integer> walk = new ArrayList<>();
    int node = start;
    while (visitedAt[node] < 0) {
      visitedAt[node] = walk.size();
      walk.add(node);
      node = predecessors.get(node).get(0);
    }
    List<Integer> cycle = new ArrayList<>(walk.subList(visitedAt[node], walk.size()));
    java.util.Collections.reverse(cycle);
    return cycle;
  }

  /** The cycle as sentences: each step between two operations, with what forces it. */
  private String describeCycle(List<Integer> cycle) {
    int n = ops.size();
    int first = 0;
    while (first < cycle.size() && cycle.get(first) >= n) {
      first++;
    }
    List<Integer> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
    rotated.addAll(cycle.subList(0, first));
    rotated.add(rotated.get(0));
    List<String> steps = new ArrayList<>();
    int from = rotated.get(0);
    boolean viaTime = false;
    boolean viaEnd = false;
    for (int k = 1; k < rotated.size(); k++) {
      int node = rotated.get(k);
      if (node >= n) {
        viaTime |= node < end;
        viaEnd |= node == end;
        continue;
      }
      steps.add(step(from, node, viaTime, viaEnd));
      from = node;
      viaTime = false;
      viaEnd = false;
    }
    String shown = String.join("; ", steps.subList(0, Math.min(CYCLE_STEPS_SHOWN_MAX, steps.size())));
    return "These constraints form a cycle: " + shown + (steps.size() > CYCLE_STEPS_SHOWN_MAX ? "; ..." : "") + ".";
  }

  private String step(int a, int b, boolean viaTime, boolean viaEnd) {
    Operation<KvOp, String> x = ops.get(a);
    Operation<KvOp, String> y = ops.get(b);
    String ax = name(a);
    String by = name(b);
    if (viaTime) {
      long returned = x.returnTime().getAsLong();
      return returned < y.callTime()
          ? ax + " returned at " + returned + ", before " + by + " was called at " + y.callTime()
          : ax + " returned at " + returned + ", and " + by + " was called at that instant, after it"
              + (x.client() == y.client() ? " (the same client's next call)" : "");
    }
    if (viaEnd) {
      return by + " shows in no read, so it comes after " + ax + (x.input() instanceof KvOp.Get
          ? ", which read every append that any read saw" : ", the last append any read saw");
    }
    if (isChain(a, b)) {
      return "operation " + ops.get(longestRead).id() + "'s read shows " + ax + " before " + by;
    }
    if (seen[b] != null && seen[b].length > 0 && order[seen[b].length - 1] == a) {
      return by + " saw " + ax + " last, so comes after it";
    }
    if (seen[a] != null && seen[a].length < order.length && order[seen[a].length] == b) {
      return ax + " did not see " + by + ", so comes before it";
    }
    return ax + " comes before " + by;
  }

  /** True when {@code b} follows {@code a} directly in L. */
  private boolean isChain(int a, int b) {
    for (int k = 0; k + 1 < order.length; k++) {
      if (order[k] == a) {
        return order[k + 1] == b;
      }
    }
    return false;
  }

  private String name(int i) {
    return model.describeOperation(ops.get(i)) + " (operation " + ops.get(i).id() + ")";
  }
}
