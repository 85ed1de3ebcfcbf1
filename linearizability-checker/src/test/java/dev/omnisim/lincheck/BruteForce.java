package dev.omnisim.lincheck;

import java.util.List;

/**
 * The reference the checker is compared with: tries every order of the operations that respects
 * real time and each client's program order, with no memoisation, no entry list and no
 * partitioning. A pending operation may appear anywhere after its call or not at all; the search
 * succeeds once every completed operation is placed.
 *
 * <p>The order it respects is written out here ({@link #mustPrecede}) rather than taken from {@link
 * Operation#precedes}, so that a mistake there shows up as a disagreement.
 */
final class BruteForce {

  private BruteForce() {}

  static <S, I, O> boolean linearizable(Model<S, I, O> model, List<Operation<I, O>> ops) {
    int completed = (int) ops.stream().filter(op -> !op.pending()).count();
    return search(model, ops, new boolean[ops.size()], model.initialState(), completed);
  }

  private static <S, I, O> boolean search(
      Model<S, I, O> model, List<Operation<I, O>> ops, boolean[] placed, S state, int completedLeft) {
    if (completedLeft == 0) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (placed[i] || !allPredecessorsPlaced(ops, placed, i)) {
        continue;
      }
      Operation<I, O> op = ops.get(i);
      S next = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
      if (next == null) {
        continue;
      }
      placed[i] = true;
      boolean found = search(model, ops, placed, next, completedLeft - (op.pending() ? 0 : 1));
      placed[i] = false;
      if (found) {
        return true;
      }
    }
    return false;
  }

  private static boolean allPredecessorsPlaced(List<? extends Operation<?, ?>> ops, boolean[] placed, int i) {
    for (int j = 0; j < ops.size(); j++) {
      if (!placed[j] && mustPrecede(ops.get(j), ops.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * HISTORY-FORMAT.md's rule: {@code a} comes first when it returned before {@code b} was called;
   * at the same instant, when the history has event indices, when its return index is the smaller;
   * without indices, always, unless both are zero-length operations, which then go by id.
   */
  static boolean mustPrecede(Operation<?, ?> a, Operation<?, ?> b) {
    if (a.pending() || a == b) {
      return false;
    }
    long returned = a.returnTime().getAsLong();
    if (returned != b.callTime()) {
      return returned < b.callTime();
    }
    if (a.callIndex() >= 0) {
      return a.returnIndex() < b.callIndex();
    }
    boolean aZeroLength = a.callTime() == returned;
    boolean bZeroLength = !b.pending() && b.returnTime().getAsLong() == b.callTime();
    return !(aZeroLength && bZeroLength) || a.id() < b.id();
  }

  /** Checks that {@code order} is a linearisation of {@code ops}: an independent check of OK results. */
  static <S, I, O> boolean isLinearization(
      Model<S, I, O> model, List<Operation<I, O>> ops, List<Operation<I, O>> order) {
    if (!ops.containsAll(order) || order.stream().distinct().count() != order.size()) {
      return false;
    }
    if (!order.containsAll(ops.stream().filter(op -> !op.pending()).toList())) {
      return false;
    }
    return isLegalPrefix(model, ops, order);
  }

  /** True when {@code prefix} is legal for the model and no operation left out had to come before one in it. */
  static <S, I, O> boolean isLegalPrefix(
      Model<S, I, O> model, List<Operation<I, O>> ops, List<Operation<I, O>> prefix) {
    S state = model.initialState();
    for (int k = 0; k < prefix.size(); k++) {
      Operation<I, O> op = prefix.get(k);
      for (Operation<I, O> other : ops) {
        if (mustPrecede(other, op) && !prefix.subList(0, k).contains(other)) {
          return false;
        }
      }
      state = op.pending() ? model.stepPending(state, op.input()) : model.step(state, op.input(), op.output());
      if (state == null) {
        return false;
      }
    }
    return true;
  }
}
