package dev.omnisim.lincheck;

import java.util.List;

/**
 * The verdict on one partition and what backs it.
 *
 * <p>For {@link Verdict#OK}, {@code linearization} is an order of the operations that respects real
 * time and the model (pending operations that never took effect are left out). For {@link
 * Verdict#ILLEGAL} it is the longest linearisable prefix the search found, {@code state} is the
 * model's state after it, and {@code stuck} lists the operations that could have come next and why
 * none did. For {@link Verdict#UNKNOWN} it is the longest prefix found before the search stopped.
 *
 * @param label the partition's name, e.g. {@code key "x"}
 * @param verdict the verdict
 * @param operations the partition's operations
 * @param linearization a linearisation, or the longest linearisable prefix found
 * @param state the model's state after {@code linearization}, for people
 * @param stuck for ILLEGAL, the operations that could not be linearised next; empty otherwise
 * @param explanation one or two sentences saying what happened
 * @param cacheEntries how many (linearised set, state) pairs the search remembered: its work
 * @param method which decision procedure produced the verdict
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record PartitionResult<I, O>(
    String label,
    Verdict verdict,
    List<Operation<I, O>> operations,
    List<Operation<I, O>> linearization,
    String state,
    List<StuckOperation<I, O>> stuck,
    String explanation,
    long cacheEntries,
    Method method) {

  /** Which decision procedure decided a partition. */
  public enum Method {
    /** The general Wing and Gong search with memoisation ({@code PartitionSearch}). */
    SEARCH("general search"),
    /**
     * The polynomial unique-append procedure for key-value partitions whose appended values are
     * unique and whose reads reveal the order of the appends (as in Elle's list-append analysis).
     */
    UNIQUE_APPENDS("unique appends");

    private final String description;

    Method(String description) {
      this.description = description;
    }

    /** The method as people read it, e.g. {@code general search}. */
    public String description() {
      return description;
    }
  }

  /** Copies the lists. */
  public PartitionResult {
    operations = List.copyOf(operations);
    linearization = List.copyOf(linearization);
    stuck = List.copyOf(stuck);
    java.util.Objects.requireNonNull(method, "method");
  }

  /** A result decided by the general search. */
  public PartitionResult(String label, Verdict verdict, List<Operation<I, O>> operations,
      List<Operation<I, O>> linearization, String state, List<StuckOperation<I, O>> stuck, String explanation,
      long cacheEntries) {
    this(label, verdict, operations, linearization, state, stuck, explanation, cacheEntries, Method.SEARCH);
  }
}
