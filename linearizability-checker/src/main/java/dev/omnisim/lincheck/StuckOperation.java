package dev.omnisim.lincheck;

/**
 * An operation that could have come next after the longest linearisable prefix, by real time, and
 * why it did not.
 *
 * @param operation the operation
 * @param rejectedByModel true when the model itself rules it out in the state after the prefix (for
 *     example a read that returned another value); false when the model allows it there but every
 *     order that continues with it fails later
 * @param reason the same, as a sentence for people
 * @param <I> the model's input type
 * @param <O> the model's output type
 */
public record StuckOperation<I, O>(Operation<I, O> operation, boolean rejectedByModel, String reason) {}
