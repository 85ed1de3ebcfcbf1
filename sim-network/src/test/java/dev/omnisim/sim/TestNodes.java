package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.List;

/** Messages, small nodes and helpers the kernel's tests share. */
final class TestNodes {
  private TestNodes() {}

  /** A message that carries its sequence number and send time, so a receiver can measure delay and order. */
  record Stamped(int seq, long sentAtMicros) {}

  /** A ping of a ping-pong exchange. */
  record Ping(int round) {}

  /** The answer to a {@link Ping}. */
  record Pong(int round) {}

  /** The answer a {@link RecordingNode} gives to a request. */
  record Echo(Object request) {}

  /** One message or request as a node saw it. */
  record Arrival(int from, Object message, long atMicros) {}

  /**
   * Records every message and request it receives; answers each request with an {@link Echo}, unless
   * told to stay silent, in which case it keeps the request's responder in {@link #unanswered}.
   */
  static final class RecordingNode implements Node {
    final NodeContext ctx;
    final List<Arrival> messages = new ArrayList<>();
    final List<Arrival> requests = new ArrayList<>();
    final List<Responder> unanswered = new ArrayList<>();
    boolean answersRequests = true;

    RecordingNode(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onMessage(int from, Object message) {
      messages.add(new Arrival(from, message, ctx.now()));
    }

    @Override
    public void onRequest(int from, Object request, Responder responder) {
      requests.add(new Arrival(from, request, ctx.now()));
      if (answersRequests) {
        responder.reply(new Echo(request));
      } else {
        unanswered.add(responder);
      }
    }

    long messagesFrom(int from) {
      return messages.stream().filter(a -> a.from() == from).count();
    }
  }

  /** Answers every Ping with a Pong and every Pong with a Ping, forever: a livelock on purpose. */
  static final class PingPongNode implements Node {
    private final NodeContext ctx;
    private final int peer;
    private final boolean serves;

    PingPongNode(NodeContext ctx, int peer, boolean serves) {
      this.ctx = ctx;
      this.peer = peer;
      this.serves = serves;
    }

    @Override
    public void start() {
      if (serves) {
        ctx.send(peer, new Ping(0));
      }
    }

    @Override
    public void onMessage(int from, Object message) {
      switch (message) {
        case Ping p -> ctx.send(from, new Pong(p.round()));
        case Pong p -> ctx.send(from, new Ping(p.round() + 1));
        default -> throw new AssertionError("unexpected " + message);
      }
    }
  }

  /** A simulation of {@code n} recording nodes 0..n-1 with the given options. */
  static Simulation recordingNodes(long seed, int n, SimulationOptions options) {
    Simulation sim = new Simulation(seed, options);
    for (int i = 0; i < n; i++) {
      sim.addNode(i, RecordingNode::new);
    }
    return sim;
  }

  /** A simulation of {@code n} recording nodes 0..n-1. */
  static Simulation recordingNodes(long seed, int n) {
    return recordingNodes(seed, n, SimulationOptions.DEFAULTS);
  }

  /** The running recording node {@code id}. */
  static RecordingNode recorder(Simulation sim, int id) {
    Node n = sim.node(id);
    if (!(n instanceof RecordingNode r)) {
      throw new AssertionError("node " + id + " is not a running recording node: " + n);
    }
    return r;
  }

  /** Node {@code from} sends {@code message} to {@code to} now. */
  static void send(Simulation sim, int from, int to, Object message) {
    recorder(sim, from).ctx.send(to, message);
  }
}
