package dev.omnisim.sim;

/** Why an RPC failed. Like a real caller, node code should treat them all alike: the handler may have run. */
public enum CallFailure {
  /** No reply within the call's timeout. */
  TIMEOUT,
  /** The link to the callee was down (cut, partitioned or disconnected) when the request was sent. */
  UNREACHABLE,
  /** The network lost the request: the handler did not run. */
  REQUEST_DROPPED,
  /** The network lost the reply: the handler ran. */
  REPLY_DROPPED,
  /** The callee was down when the request was sent. */
  CALLEE_DOWN,
  /** The callee crashed while the call was pending. */
  CALLEE_CRASHED
}
