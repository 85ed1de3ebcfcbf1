package dev.omnisim.lincheck;

import java.util.List;

/**
 * A part of a history that a model can check on its own (P-compositionality): the whole history is
 * linearisable iff every partition is. The key-value model makes one partition per key.
 *
 * @param label names the partition for people, e.g. {@code key "x"}
 * @param operations the partition's operations
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record Partition<I, O>(String label, List<Operation<I, O>> operations) {

  /** Copies the operations. */
  public Partition {
    operations = List.copyOf(operations);
  }
}
