package dev.omnisim.lincheck;

import java.util.List;

/**
 * The reference the checker is compared with: tries every order of the operations that respects
 * real time, with no memoisation, no entry list and no partitioning. A pending operation may appear
 * anywhere after its call or not at all; the search succeeds once every completed operation is
 * placed.
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
      if (!placed[j] && ops.get(j).precedes(ops.get(i))) {
        return false;
      }
    }
    return true;
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
        if (other.precedes(op) && !prefix.subList(0, k).contains(other)) {
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
