package dev.omnisim.sim;

/** Answers one RPC request. The reply crosses the network back, where it may be delayed or lost. */
public interface Responder {

  /** Sends the reply; a second call throws, since a request has one answer. */
  void reply(Object response);
}
