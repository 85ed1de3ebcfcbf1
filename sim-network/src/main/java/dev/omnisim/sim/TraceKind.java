package dev.omnisim.sim;

/** What a trace event records. */
public enum TraceKind {
  /** A node was added and started. */
  START,
  /** A message, RPC request or RPC reply reached a node. */
  DELIVER,
  /** The network or a crash lost a message; the detail says why. */
  DROP,
  /** A node's timer fired. */
  TIMER,
  /** An RPC ended with a failure. */
  CALL_FAILED,
  /** A node crashed. */
  CRASH,
  /** A node restarted from its disk. */
  RESTART,
  /** The network changed: a cut, a heal, a partition, new fault settings. */
  NETWORK,
  /** An action scheduled from outside the nodes (a test step, a fault schedule's action). */
  EXTERNAL,
  /** A client operation was invoked or completed. */
  CLIENT,
  /**
   * A node's view of who leads changed, as its host reported it: {@code from} is the node, {@code to}
   * the leader it now follows (itself while leading) or -1 for none, the detail the view with its term
   * ("leading in term T", "following L in term T", "no leader").
   */
  LEADERSHIP
}
