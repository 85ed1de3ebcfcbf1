package dev.omnisim.lincheck;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A history: the operations clients performed, each with its call and return time. Failed calls
 * (known not to have happened, Jepsen's {@code :fail}) are not part of it; calls with an unknown
 * outcome are, as pending operations.
 *
 * @param operations the operations, in any order; ids are unique
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record History<I, O>(List<Operation<I, O>> operations) {

  /** Copies the operations and checks that their ids are unique. */
  public History {
    operations = List.copyOf(operations);
    Set<Integer> ids = new HashSet<>();
    for (Operation<I, O> operation : operations) {
      if (!ids.add(operation.id())) {
        throw new IllegalArgumentException("duplicate operation id " + operation.id());
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
