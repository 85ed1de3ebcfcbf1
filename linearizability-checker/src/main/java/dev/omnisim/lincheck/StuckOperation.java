package dev.omnisim.lincheck;

/**
 * An operation that could have come next after the longest linearisable prefix, by real time, and
 * why it did not.
 *
 * @param operation the operation
 * @param obstacle what stopped it
 * @param reason the same, as a sentence for people
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record StuckOperation<I, O>(Operation<I, O> operation, Obstacle obstacle, String reason) {

  /** Why an operation could not come next. */
  public enum Obstacle {
    /**
     * The model rejects it now, and no order of the operations that may still come before it
     * changes that ({@link Model#canBecomeLegal}): this operation is where the history breaks.
     */
    NEVER_POSSIBLE,
    /** The model rejects it now, but other operations might make it possible first. */
    NOT_YET_POSSIBLE,
    /** The model accepts it now, but every order that continues with it fails later. */
    LEADS_TO_DEAD_END
  }

  /** True when the model itself rules the operation out in the state after the prefix. */
  public boolean rejectedByModel() {
    return obstacle != Obstacle.LEADS_TO_DEAD_END;
  }
}
