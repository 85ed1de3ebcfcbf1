package dev.omnisim.sim;

/**
 * The fixed scenario whose fingerprint the determinism tests compare, in this JVM and in a fresh one:
 * five nodes gossiping and calling each other on timers with random jitter, over labrpc's unreliable
 * network with duplication, with a crash and restart (state recovered from disk), a cut and a heal.
 */
final class FixedScenario {
  static final int NODES = 5;
  static final long RUN_MICROS = 3_000_000;

  private FixedScenario() {}

  record Gossip(int from, long counter) {}

  record Query(long counter) {}

  record Answer(long counter) {}

  /** Keeps a counter on disk, gossips it and asks peers for theirs. */
  static final class GossipNode implements Node {
    private final NodeContext ctx;
    private long counter;

    GossipNode(NodeContext ctx) {
      this.ctx = ctx;
      byte[] saved = ctx.disk().read("counter");
      // A torn rewrite leaves a prefix of the digits, or all its length with zeros past the kept ones.
      String digits = new String(saved, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
      this.counter = digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    @Override
    public void start() {
      ctx.setTimer(20_000 + ctx.random().nextLong(40_000), "tick", this::tick);
    }

    private void tick() {
      counter++;
      ctx.disk().write("counter", Long.toString(counter).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      ctx.send(randomPeer(), new Gossip(ctx.id(), counter));
      ctx.call(randomPeer(), new Query(counter), 30_000, result -> {
        if (result instanceof CallResult.Reply(Answer a)) {
          counter = Math.max(counter, a.counter());
        }
      });
      ctx.setTimer(20_000 + ctx.random().nextLong(40_000), "tick", this::tick);
    }

    private int randomPeer() {
      int peer = ctx.random().nextInt(NODES - 1);
      return peer >= ctx.id() ? peer + 1 : peer;
    }

    @Override
    public void onMessage(int from, Object message) {
      if (message instanceof Gossip g) {
        counter = Math.max(counter, g.counter());
      }
    }

    @Override
    public void onRequest(int from, Object request, Responder responder) {
      responder.reply(new Answer(counter));
    }
  }

  /** The scenario, set up but not run. */
  static Simulation build(long seed, SimulationOptions options) {
    Simulation sim = new Simulation(seed, options);
    sim.network().apply(NetworkPreset.UNRELIABLE);
    sim.network().setDefaultFaults(sim.network().defaultFaults().withDuplicateProbability(0.1));
    for (int i = 0; i < NODES; i++) {
      sim.addNode(i, GossipNode::new);
    }
    sim.schedule(800_000, "crash 2", () -> sim.crash(2));
    sim.schedule(1_000_000, "cut 0-1", () -> sim.network().cut(0, 1));
    sim.schedule(1_500_000, "restart 2", () -> sim.restart(2));
    sim.schedule(2_000_000, "heal", () -> sim.network().heal());
    return sim;
  }

  /** The scenario run to its end. */
  static Simulation run(long seed, SimulationOptions options) {
    Simulation sim = build(seed, options);
    sim.runFor(RUN_MICROS);
    return sim;
  }

  /** The fingerprint of the scenario with {@code seed}. */
  static String fingerprint(long seed) {
    return run(seed, SimulationOptions.DEFAULTS).trace().fingerprintHex();
  }

  /** Prints the fingerprint of the seed given as the only argument; run in a child JVM by the tests. */
  public static void main(String[] args) {
    System.out.println(fingerprint(Long.parseLong(args[0])));
  }
}
