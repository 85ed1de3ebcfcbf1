package dev.omnisim.sim;

/**
 * A simulated process: a handler of messages, RPC requests and (through {@link NodeContext#setTimer})
 * timers. It reaches the world only through the {@link NodeContext} it was created with, so the same
 * code could run over real sockets. A crash discards the object; a restart creates a new one from the
 * node's disk ({@link NodeFactory}).
 */
public interface Node {

  /** Called once after the node is created, at start and after every restart: set timers here. */
  default void start() {}

  /** A one-way message from node {@code from} has arrived. */
  void onMessage(int from, Object message);

  /**
   * An RPC request from node {@code from} has arrived. Answer it through {@code responder}, now or
   * later, at most once. A node that serves no RPCs keeps this default, which refuses the request.
   */
  default void onRequest(int from, Object request, Responder responder) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " serves no RPCs, but node " + from + " sent it " + request);
  }
}
