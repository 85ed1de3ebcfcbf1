package dev.omnisim.lincheck.model;

import dev.omnisim.lincheck.Model;
import dev.omnisim.lincheck.Operation;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A grow-only set of integers (Jepsen's set workload, checked for linearisability): add an element,
 * read the whole set. The state is an unmodifiable sorted set; a read's output is the set it
 * returned. It exists to show that the checker is not tied to registers and maps.
 */
public final class SetModel implements Model<SortedSet<Long>, SetOp, Set<Long>> {

  /** The model; it has no configuration. */
  public SetModel() {}

  @Override
  public String name() {
    return "set";
  }

  @Override
  public SortedSet<Long> initialState() {
    return Collections.emptySortedSet();
  }

  @Override
  public SortedSet<Long> step(SortedSet<Long> state, SetOp input, Set<Long> output) {
    return switch (input) {
      case SetOp.Read read -> state.equals(output) ? state : null;
      case SetOp.Add add -> with(state, add.element());
    };
  }

  @Override
  public SortedSet<Long> stepPending(SortedSet<Long> state, SetOp input) {
    return switch (input) {
      case SetOp.Read read -> state;
      case SetOp.Add add -> with(state, add.element());
    };
  }

  private static SortedSet<Long> with(SortedSet<Long> state, long element) {
    if (state.contains(element)) {
      return state;
    }
    TreeSet<Long> copy = new TreeSet<>(state);
    copy.add(element);
    return Collections.unmodifiableSortedSet(copy);
  }

  /**
   * The set only grows: a read can become legal only if it holds everything in the set now and the
   * rest can still be added first.
   */
  @Override
  public boolean canBecomeLegal(SortedSet<Long> state, SetOp input, Set<Long> output, List<SetOp> mayComeFirst) {
    if (!output.containsAll(state)) {
      return false;
    }
    Set<Long> addable = new TreeSet<>(state);
    for (SetOp other : mayComeFirst) {
      if (other instanceof SetOp.Add add) {
        addable.add(add.element());
      }
    }
    return addable.containsAll(output);
  }

  /** Reads change nothing. */
  @Override
  public boolean readOnly(SetOp input) {
    return input instanceof SetOp.Read;
  }

  @Override
  public String describeOperation(Operation<SetOp, Set<Long>> operation) {
    String call = switch (operation.input()) {
      case SetOp.Read read -> "read()";
      case SetOp.Add add -> "add(" + add.element() + ")";
    };
    if (operation.pending()) {
      return call + " → ? (outcome unknown)";
    }
    return operation.input() instanceof SetOp.Read ? call + " → " + new TreeSet<>(operation.output()) : call;
  }

  @Override
  public String describeState(SortedSet<Long> state) {
    return state.toString();
  }
}
