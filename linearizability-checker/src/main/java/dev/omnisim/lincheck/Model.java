package dev.omnisim.lincheck;

import java.util.List;

/**
 * A sequential specification: what a single copy of the object would answer. The checker asks
 * whether a concurrent history could have come from it.
 *
 * <p>States must be immutable values: the search keeps old states to backtrack to and memoises
 * them. Models must be deterministic: the state after an operation depends only on the state before
 * and the input (the output is checked, not chosen). That is what lets the checker treat a pending
 * operation as "took effect, with whatever answer" or "never happened".
 *
 * @param <S> the state type
 * @param <I> the input type of operations
 * @param <O> the output type of operations
 */
public interface Model<S, I, O> {

  /** A short name, such as {@code kv}. */
  String name();

  /** The state before any operation. */
  S initialState();

  /**
   * Applies a completed operation.
   *
   * @return the state after it, or {@code null} when the object could not have answered {@code
   *     output} to {@code input} in {@code state}
   */
  S step(S state, I input, O output);

  /**
   * Applies a pending operation, one whose answer nobody saw, assuming it took effect. Never null:
   * the checker covers "it never took effect" by not linearising it at all.
   */
  S stepPending(S state, I input);

  /**
   * True when {@code input} never changes the state, in any state (a read). The checker linearises
   * such an operation as soon as the model accepts it, without trying alternatives, which removes the
   * branching that concurrent reads cause. Answering true for an operation that can change some state
   * (even a write that happens to write the current value) makes the checker wrong; the default,
   * false, is always safe.
   */
  default boolean readOnly(I input) {
    return false;
  }

  /**
   * Whether a completed read-only operation that the model rejects in {@code state} could still
   * become legal if some of {@code mayComeFirst} (the inputs of the operations that can still be
   * linearised before it, pending ones included) took effect first, in some order. Returning false
   * lets the checker abandon the branch at once instead of trying every order of those operations;
   * that is what keeps append histories tractable. Returning true is always safe (the default);
   * returning false when some order would work makes the checker wrong.
   *
   * @param state the current state, in which the read is rejected
   * @param input the read's input ({@link #readOnly} is true for it)
   * @param output what the read returned
   * @param mayComeFirst inputs of the operations that may be linearised before the read; it may
   *     also hold read-only operations, the read itself among them
   */
  default boolean canBecomeLegal(S state, I input, O output, List<I> mayComeFirst) {
    return true;
  }

  /** State equality for memoisation; the states' own {@code equals} unless overridden. */
  default boolean stateEquals(S a, S b) {
    return a.equals(b);
  }

  /** A hash consistent with {@link #stateEquals}. */
  default int stateHash(S state) {
    return state.hashCode();
  }

  /**
   * Splits a history into parts that can be checked independently, in a deterministic order. The
   * default is one partition holding everything.
   */
  default List<Partition<I, O>> partition(List<Operation<I, O>> operations) {
    return List.of(new Partition<>("whole history", operations));
  }

  /** The operation as a person reads it, e.g. {@code get("x") → "ab"}. */
  String describeOperation(Operation<I, O> operation);

  /** The state as a person reads it, e.g. {@code {"x": "ab"}}. */
  String describeState(S state);
}
