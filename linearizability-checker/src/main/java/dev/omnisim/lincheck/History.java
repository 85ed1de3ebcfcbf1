package dev.omnisim.lincheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A history: the operations clients performed, each with its call and return time. Failed calls
 * (known not to have happened, Jepsen's {@code :fail}) are not part of it; calls with an unknown
 * outcome are, as pending operations.
 *
 * <p>Either every operation carries event indices or none does ({@link Operation#precedes} says
 * why they matter). Indices are unique and agree with the times: an event at an earlier time has a
 * smaller index, so they only break ties.
 *
 * @param operations the operations, in any order; ids are unique
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record History<I, O>(List<Operation<I, O>> operations) {

  /** Copies the operations and checks that their ids are unique and their event indices agree. */
  public History {
    operations = List.copyOf(operations);
    Set<Integer> ids = new HashSet<>();
    for (Operation<I, O> operation : operations) {
      if (!ids.add(operation.id())) {
        throw new IllegalArgumentException("duplicate operation id " + operation.id());
      }
    }
    checkIndices(operations);
  }

  private static void checkIndices(List<? extends Operation<?, ?>> operations) {
    long indexed = operations.stream().filter(Operation::indexed).count();
    if (indexed == 0) {
      return;
    }
    if (indexed < operations.size()) {
      Operation<?, ?> without = operations.stream().filter(op -> !op.indexed()).findFirst().orElseThrow();
      throw new IllegalArgumentException("operation " + without.id() + " has no event indices while others have;"
          + " give every operation its indices or none");
    }
    // (index, time, operation id) of every event, sorted by index: times must not go back.
    List<long[]> events = new ArrayList<>();
    for (Operation<?, ?> op : operations) {
      events.add(new long[] {op.callIndex(), op.callTime(), op.id()});
      if (!op.pending()) {
        events.add(new long[] {op.returnIndex(), op.returnTime().getAsLong(), op.id()});
      }
    }
    events.sort(Comparator.comparingLong(e -> e[0]));
    for (int k = 1; k < events.size(); k++) {
      long[] before = events.get(k - 1);
      long[] after = events.get(k);
      if (before[0] == after[0]) {
        throw new IllegalArgumentException("operations " + before[2] + " and " + after[2]
            + " share the event index " + after[0]);
      }
      if (after[1] < before[1]) {
        throw new IllegalArgumentException("operation " + after[2] + " has an event at index " + after[0]
            + " and time " + after[1] + ", after operation " + before[2] + "'s event at index " + before[0]
            + " and the later time " + before[1] + "; indices must follow time");
      }
    }
  }

  /** A recorder to build a history one call and one answer at a time. */
  public static <I, O> HistoryRecorder<I, O> recorder() {
    return new HistoryRecorder<>();
  }

  /** The number of operations. */
  public int size() {
    return operations.size();
  }
}
