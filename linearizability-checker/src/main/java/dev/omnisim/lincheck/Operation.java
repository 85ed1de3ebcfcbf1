package dev.omnisim.lincheck;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One client operation of a history: who called it, when it was called and when it returned, what
 * it was asked to do and what it answered.
 *
 * <p>An operation whose return time is absent is <em>pending</em>: its outcome is unknown (a timed
 * out or crashed call, Jepsen's {@code :info}). The checker may linearise it anywhere after its call,
 * or assume it never took effect. Its output is meaningless and kept {@code null}.
 *
 * <p>Times are in any unit, as long as one history uses one unit. Every call and return is an
 * <em>event</em>, and the events of a history stand in one total order ({@link #precedes}): by time,
 * and at equal times by their <em>indices</em> when the history has them (the simulator's recorder
 * numbers every event as it happens, as Jepsen's {@code :index} does), or else by a fixed rule: a
 * return at time t comes before a call at t, so an operation that returned at t precedes one called
 * at t, whichever clients they belong to (intervals are read as half-open, [call, return)), and
 * zero-length operations at t sit between the two, one after another in id order. Operation
 * {@code a} must be linearised before {@code b} iff {@code a}'s return comes before {@code b}'s call
 * in that order. Because one order of events decides every pair, precedence is an interval order, so
 * checking each partition (each key) alone stays sound; a rule that orders touching calls of one
 * client but leaves those of different clients concurrent is not, as CheckerExamplesTest shows.
 *
 * @param id unique within its history; names the operation in results and reports
 * @param client the client (Jepsen's process) that called it
 * @param callTime when the call was made
 * @param returnTime when the answer arrived; empty when the outcome is unknown
 * @param input what the operation was asked to do (model-specific, never null)
 * @param output what it answered (model-specific; null for pending operations and for operations
 *     whose answer carries no information, such as a write)
 * @param callIndex the call's position among the history's events, or {@link #NO_INDEX}
 * @param returnIndex the return's position among the history's events; {@link #NO_INDEX} when the
 *     history has no indices or the operation is pending
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record Operation<I, O>(
    int id, int client, long callTime, OptionalLong returnTime, I input, O output, long callIndex,
    long returnIndex) {

  /** The index of an event whose history has no event indices. */
  public static final long NO_INDEX = -1;

  /** Checks that the operation returned no earlier than it was called, and that its indices agree. */
  public Operation {
    Objects.requireNonNull(returnTime, "returnTime");
    Objects.requireNonNull(input, "input");
    if (returnTime.isPresent() && returnTime.getAsLong() < callTime) {
      throw new IllegalArgumentException(
          "operation " + id + " returns at " + returnTime.getAsLong() + ", before its call at " + callTime);
    }
    if (returnTime.isEmpty() && output != null) {
      throw new IllegalArgumentException("pending operation " + id + " cannot have an output");
    }
    if (callIndex < NO_INDEX || returnIndex < NO_INDEX
        || (callIndex == NO_INDEX || returnTime.isEmpty()) && returnIndex != NO_INDEX
        || callIndex != NO_INDEX && returnTime.isPresent() && returnIndex <= callIndex) {
      throw new IllegalArgumentException("operation " + id + " has event indices " + callIndex + " and "
          + returnIndex + "; a completed operation's return index must follow its call index, and a pending "
          + "one has none");
    }
  }

  /** An operation without event indices: equal times are ordered by the fixed rule ({@link #precedes}). */
  public Operation(int id, int client, long callTime, OptionalLong returnTime, I input, O output) {
    this(id, client, callTime, returnTime, input, output, NO_INDEX, NO_INDEX);
  }

  /** An operation that returned {@code output} at {@code returnTime}. */
  public static <I, O> Operation<I, O> completed(
      int id, int client, long callTime, long returnTime, I input, O output) {
    return new Operation<>(id, client, callTime, OptionalLong.of(returnTime), input, output);
  }

  /** An operation whose outcome is unknown: it may or may not have taken effect. */
  public static <I, O> Operation<I, O> pending(int id, int client, long callTime, I input) {
    return new Operation<>(id, client, callTime, OptionalLong.empty(), input, null);
  }

  /** True when the outcome is unknown (no return time). */
  public boolean pending() {
    return returnTime.isEmpty();
  }

  /** The return time, or {@link Long#MAX_VALUE} for a pending operation (it may return at any time). */
  public long returnTimeOrInfinity() {
    return returnTime.orElse(Long.MAX_VALUE);
  }

  /** This operation with event indices, as the history's recorder numbered its call and return. */
  public Operation<I, O> withIndices(long callIndex, long returnIndex) {
    return new Operation<>(id, client, callTime, returnTime, input, output, callIndex, returnIndex);
  }

  /** True when the history this operation comes from numbers its events. */
  public boolean indexed() {
    return callIndex != NO_INDEX;
  }

  /**
   * True when this operation must be linearised before {@code other}: its return comes before
   * {@code other}'s call in the history's order of events. That is, it returned at an earlier time;
   * or at the same time and, when the history has event indices, with a smaller index; without them,
   * unless both are zero-length operations at that instant and {@code other} has the smaller id.
   */
  public boolean precedes(Operation<?, ?> other) {
    if (returnTime.isEmpty() || other == this) {
      return false;
    }
    long returned = returnTime.getAsLong();
    return returned < other.callTime || returned == other.callTime && returnTie() < other.callTie();
  }

  /**
   * Orders this call among events at the same time: its index, or without indices after every
   * return of a longer operation (Long.MIN_VALUE), zero-length operations by id, before every call
   * of a longer one (Long.MAX_VALUE).
   */
  long callTie() {
    if (callIndex != NO_INDEX) {
      return callIndex;
    }
    return zeroLength() ? 2L * id : Long.MAX_VALUE;
  }

  /** Orders this return among events at the same time; see {@link #callTie()}. */
  long returnTie() {
    if (returnIndex != NO_INDEX) {
      return returnIndex;
    }
    return zeroLength() ? 2L * id + 1 : Long.MIN_VALUE;
  }

  private boolean zeroLength() {
    return returnTime.isPresent() && returnTime.getAsLong() == callTime;
  }
}
