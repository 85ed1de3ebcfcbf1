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
 * <p>Times are in any unit, as long as one history uses one unit. Operation {@code a} must be
 * linearised before {@code b} ({@link #precedes}) when {@code a} returned before {@code b} was called
 * (real time), or when both come from one client and {@code a} returned at the instant {@code b} was
 * called (program order: a client that issues its next call in the callback of the previous one,
 * as every simulated client does, gets the same time stamp for both). Operations of different
 * clients whose intervals only touch are concurrent.
 *
 * @param id unique within its history; names the operation in results and reports
 * @param client the client (Jepsen's process) that called it
 * @param callTime when the call was made
 * @param returnTime when the answer arrived; empty when the outcome is unknown
 * @param input what the operation was asked to do (model-specific, never null)
 * @param output what it answered (model-specific; null for pending operations and for operations
 *     whose answer carries no information, such as a write)
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record Operation<I, O>(
    int id, int client, long callTime, OptionalLong returnTime, I input, O output) {

  /** Checks that the operation returned no earlier than it was called. */
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

  /**
   * True when this operation must be linearised before {@code other}: it returned strictly before
   * {@code other} was called, or it is the same client's earlier operation and returned at the
   * instant {@code other} was called. "Earlier" means an earlier call, or the same call time and a
   * smaller id (a zero-length operation followed at once by the next one).
   */
  public boolean precedes(Operation<?, ?> other) {
    if (returnTime.isEmpty() || other == this) {
      return false;
    }
    long returned = returnTime.getAsLong();
    return returned < other.callTime
        || returned == other.callTime && client == other.client && issuedBefore(other);
  }

  /** True when this operation's call came first: an earlier call time, or the same and a smaller id. */
  boolean issuedBefore(Operation<?, ?> other) {
    return callTime < other.callTime || callTime == other.callTime && id < other.id;
  }
}
