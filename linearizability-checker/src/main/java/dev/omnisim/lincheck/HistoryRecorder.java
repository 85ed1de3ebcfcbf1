package dev.omnisim.lincheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records a history as it happens: a client recorder calls {@link #invoke} when a client issues an
 * operation and then exactly one of {@link #ok}, {@link #fail} or {@link #info} when it learns the
 * outcome. Operations still open when {@link #history()} is called count as pending (unknown
 * outcome), which is what a run cut short at its time limit needs.
 *
 * <p>Every call and answer gets the next event index, so events recorded at the same time keep the
 * order in which they happened ({@link Operation#precedes}): a client that issues its next call in the
 * callback of the previous answer, in the same virtual microsecond, is ordered after it, and two
 * clients at one instant are ordered as they really were, never by a rule.
 *
 * <p>Not thread-safe: a simulation records from its one thread.
 *
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public final class HistoryRecorder<I, O> {

  private record Open<I>(int client, long callTime, I input, long callIndex) {}

  /** Open calls by id; insertion order keeps the built history in call order. */
  private final Map<Integer, Open<I>> open = new LinkedHashMap<>();

  /** Finished operations (ok or info), in the order their outcome was recorded. */
  private final Map<Integer, Operation<I, O>> finished = new LinkedHashMap<>();

  private int nextId;

  /** The index the next call or answer gets; failed calls use theirs up too. */
  private long nextEventIndex;

  /** Creates an empty recorder; {@link History#recorder()} says the same thing. */
  public HistoryRecorder() {}

  /**
   * Records that {@code client} called an operation at {@code callTime}.
   *
   * @return the id to pass to {@link #ok}, {@link #fail} or {@link #info}
   */
  public int invoke(int client, long callTime, I input) {
    Objects.requireNonNull(input, "input");
    int id = nextId++;
    open.put(id, new Open<>(client, callTime, input, nextEventIndex++));
    return id;
  }

  /** Records that operation {@code id} returned {@code output} at {@code returnTime}. */
  public void ok(int id, long returnTime, O output) {
    Open<I> call = close(id, returnTime);
    finished.put(id, Operation.completed(id, call.client(), call.callTime(), returnTime, call.input(), output)
        .withIndices(call.callIndex(), nextEventIndex++));
  }

  /** Records that operation {@code id} failed at {@code returnTime} and certainly had no effect. */
  public void fail(int id, long returnTime) {
    close(id, returnTime);
    nextEventIndex++;
  }

  /** Records that the outcome of operation {@code id} is unknown: it may or may not have happened. */
  public void info(int id) {
    Open<I> call = close(id, Long.MAX_VALUE);
    finished.put(id, Operation.<I, O>pending(id, call.client(), call.callTime(), call.input())
        .withIndices(call.callIndex(), Operation.NO_INDEX));
  }

  /** The history so far; calls still open are pending. Failed calls are left out. */
  public History<I, O> history() {
    List<Operation<I, O>> operations = new ArrayList<>(finished.values());
    open.forEach(
        (id, call) -> operations.add(Operation.<I, O>pending(id, call.client(), call.callTime(), call.input())
            .withIndices(call.callIndex(), Operation.NO_INDEX)));
    operations.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return new History<>(operations);
  }

  /** Removes the open call, after checking it exists and does not return before it began. */
  private Open<I> close(int id, long returnTime) {
    Open<I> call = open.get(id);
    if (call == null) {
      throw new IllegalArgumentException(
          finished.containsKey(id) || id < nextId
              ? "operation " + id + " already has an outcome"
              : "no operation " + id + " was invoked");
    }
    if (returnTime < call.callTime()) {
      throw new IllegalArgumentException(
          "operation " + id + " returns at " + returnTime + ", before its call at " + call.callTime());
    }
    open.remove(id);
    return call;
  }
}
