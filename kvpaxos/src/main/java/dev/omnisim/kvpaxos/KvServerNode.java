package dev.omnisim.kvpaxos;

import dev.omnisim.consensus.ConsensusOptions;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.sim.Node;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.Responder;
import java.util.List;

/**
 * Hosts a key-value server on a simulated node: the consensus peer's messages go over the simulated
 * network, its ticks come from a node timer, its byte store is the node's disk (files under {@code
 * consensus/}), and client requests arrive as RPCs carrying a {@link KvCommand}. Servers talk to each other only through the
 * consensus peer. After a crash the node is rebuilt from its disk by the same {@link Config}.
 */
public final class KvServerNode implements Node {

  /** Builds the server on top of a peer; broken variants in tests swap it. */
  @FunctionalInterface
  public interface ServerFactory {
    /** The server over {@code peer}, compacting every {@code snapshotEveryEntries} entries. */
    KvService create(ConsensusPeer<KvCommand> peer, long snapshotEveryEntries);
  }

  /**
   * Watches a server after every input it handles (a message, a tick, a client request), once the
   * messages that input produced have been sent: the harness records leadership changes and checks
   * its invariants here. It must not change the server.
   */
  @FunctionalInterface
  public interface StepObserver {
    /** Does nothing. */
    StepObserver NONE = (ctx, server, input, sent) -> { };

    /**
     * Called after node {@code ctx.id()} handled one input.
     *
     * @param ctx the node's context (its id, the time)
     * @param server the server, for reading its peer's state
     * @param input what it handled
     * @param sent the messages it sent to other servers while handling it, in order
     */
    void afterStep(NodeContext ctx, KvService server, Input input, List<Outgoing> sent);
  }

  /**
   * One input to a server, as an observer sees it.
   *
   * @param kind "tick", "message" or "request"
   * @param from the sender's node id; -1 for a tick
   * @param payload the message or request; null for a tick
   */
  public record Input(String kind, int from, Object payload) {
    /** A tick of the peer's timer. */
    static final Input TICK = new Input("tick", -1, null);

    @Override
    public String toString() {
      if (payload == null) {
        return kind;
      }
      String text = String.valueOf(payload);
      return kind + " " + (text.length() > 160 ? text.substring(0, 160) + "…" : text) + " from node " + from;
    }
  }

  /**
   * How every server of a cluster is built.
   *
   * @param serverIds node ids of all servers (the consensus peers)
   * @param consensus the consensus implementation (OmniPaxos, or a plugged-in one); it keeps its state
   *     on the node's disk through the {@link dev.omnisim.consensus.ByteStore} it is given
   * @param options the consensus peer's timeouts in ticks
   * @param tickMicros virtual time between two ticks of the peer
   * @param snapshotEveryEntries compact the log every this many applied entries; 0 never
   * @param server builds the server logic over the peer
   * @param observer watches every server after every input ({@link StepObserver#NONE} for none)
   */
  public record Config(
      List<Integer> serverIds,
      ConsensusPeerFactory<KvCommand> consensus,
      ConsensusOptions options,
      long tickMicros,
      long snapshotEveryEntries,
      ServerFactory server,
      StepObserver observer) {

    public Config {
      serverIds = List.copyOf(serverIds);
      if (serverIds.isEmpty()) {
        throw new IllegalArgumentException("a key-value cluster needs at least one server, serverIds was empty");
      }
      if (tickMicros <= 0) {
        throw new IllegalArgumentException("tickMicros must be > 0, was " + tickMicros);
      }
      if (snapshotEveryEntries < 0) {
        throw new IllegalArgumentException("snapshotEveryEntries must be >= 0, was " + snapshotEveryEntries);
      }
      if (consensus == null || options == null || server == null || observer == null) {
        throw new IllegalArgumentException("consensus, options, server and observer must all be given");
      }
    }

    /** The same configuration with another server factory. */
    public Config withServer(ServerFactory factory) {
      return new Config(serverIds, consensus, options, tickMicros, snapshotEveryEntries, factory, observer);
    }

    /** The same configuration with another consensus implementation. */
    public Config withConsensus(ConsensusPeerFactory<KvCommand> factory) {
      return new Config(serverIds, factory, options, tickMicros, snapshotEveryEntries, server, observer);
    }

    /** The same configuration with another observer. */
    public Config withObserver(StepObserver newObserver) {
      return new Config(serverIds, consensus, options, tickMicros, snapshotEveryEntries, server, newObserver);
    }
  }

  private final NodeContext ctx;
  private final Config config;
  private final KvService server;

  /** Builds the server of node {@code ctx.id()}, recovering whatever its disk holds. */
  public KvServerNode(NodeContext ctx, Config config) {
    if (!config.serverIds().contains(ctx.id())) {
      throw new IllegalArgumentException("node " + ctx.id() + " is not among the servers " + config.serverIds());
    }
    this.ctx = ctx;
    this.config = config;
    ConsensusPeer<KvCommand> peer = config.consensus().create(new PeerSetup<>(ctx.id(), config.serverIds(),
        config.options(), new DiskByteStore(ctx.disk(), "consensus/"), KvCommands.CODEC, ctx.random()));
    this.server = config.server().create(peer, config.snapshotEveryEntries());
    // Nothing is sent from here: the other servers may not exist yet. The first tick sends.
  }

  @Override
  public void start() {
    scheduleTick();
  }

  private void scheduleTick() {
    ctx.setTimer(config.tickMicros(), "tick", () -> {
      server.peer().tick();
      flush(Input.TICK);
      scheduleTick();
    });
  }

  @Override
  public void onMessage(int from, Object message) {
    server.peer().receive(from, message);
    flush(new Input("message", from, message));
  }

  @Override
  public void onRequest(int from, Object request, Responder responder) {
    if (!(request instanceof KvCommand command)) {
      throw new IllegalArgumentException("key-value server " + ctx.id() + " got a request it does not know from node "
          + from + ": " + request);
    }
    server.submit(command, responder::reply);
    flush(new Input("request", from, command));
  }

  /** The server logic, for tests that look inside. */
  public KvService server() {
    return server;
  }

  /** Sends what the peer produced, then applies what it decided (the peer synced before handing out). */
  private void flush(Input input) {
    List<Outgoing> out = server.peer().drainOutgoing();
    for (Outgoing o : out) {
      ctx.send(o.to(), o.message());
    }
    server.afterInput();
    // Answering waiters or compacting may have produced more messages.
    List<Outgoing> more = server.peer().drainOutgoing();
    for (Outgoing o : more) {
      ctx.send(o.to(), o.message());
    }
    if (config.observer() != StepObserver.NONE) {
      List<Outgoing> sent = more.isEmpty() ? out : java.util.stream.Stream.concat(out.stream(), more.stream()).toList();
      config.observer().afterStep(ctx, server, input, sent);
    }
  }

}
