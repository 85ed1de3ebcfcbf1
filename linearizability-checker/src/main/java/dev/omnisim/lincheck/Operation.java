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
 * <p>Times are in any unit, as long as one history uses one unit. Operation {@code a} precedes
 * {@code b} in real time iff {@code a.returnTime < b.callTime}; operations whose intervals only
 * touch ({@code a.returnTime == b.callTime}) are concurrent.
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

  /** True when this operation returned strictly before {@code other} was called. */
  public boolean precedes(Operation<?, ?> other) {
    return returnTime.isPresent() && returnTime.getAsLong() < other.callTime;
  }
}
