package dev.omnisim.sim;

/** How an RPC ended: with the callee's reply or with a failure. */
public sealed interface CallResult {

  /** True for a reply. */
  default boolean ok() {
    return this instanceof Reply;
  }

  /** The callee's answer. */
  record Reply(Object value) implements CallResult {}

  /** No answer; see {@link CallFailure} for why. */
  record Failure(CallFailure reason) implements CallResult {}
}
