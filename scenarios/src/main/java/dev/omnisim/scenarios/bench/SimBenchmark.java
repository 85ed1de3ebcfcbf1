package dev.omnisim.scenarios.bench;

import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.Node;
import dev.omnisim.sim.NodeContext;
import dev.omnisim.sim.Simulation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw speed of the simulation kernel: message deliveries per wall second for a ping-pong among 5
 * nodes, each passing every message it receives to a random other node over links with random
 * (uniform 0.1–10 ms) latency. Every operation is one delivery, with its random draws (loss,
 * latency, duplication), queue work, counters and trace fold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimBenchmark {
  static final int DELIVERIES_PER_INVOCATION = 100_000;

  /** Messages circulating at once. */
  @Param({"5"})
  public int inFlight;

  private Simulation sim;

  @Setup(Level.Iteration)
  public void setUp() {
    sim = pingPong(42, 5, inFlight);
  }

  @Benchmark
  @OperationsPerInvocation(DELIVERIES_PER_INVOCATION)
  public long deliveries() {
    for (int i = 0; i < DELIVERIES_PER_INVOCATION; i++) {
      sim.step();
    }
    return sim.fingerprint();
  }

  /** The benchmark's simulation: {@code nodes} nodes passing {@code inFlight} messages around. */
  public static Simulation pingPong(long seed, int nodes, int inFlight) {
    Simulation sim = new Simulation(seed, dev.omnisim.sim.SimulationOptions.DEFAULTS.withMaxEvents(Long.MAX_VALUE)
        .withMaxTimeMicros(Long.MAX_VALUE));
    sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(new Latency.Uniform(100, 10_000)));
    for (int id = 0; id < nodes; id++) {
      sim.addNode(id, ctx -> new Passer(ctx, nodes));
    }
    for (int m = 0; m < inFlight; m++) {
      int from = m % nodes;
      sim.schedule(0, "serve", () -> ((Passer) sim.node(from)).pass());
    }
    return sim;
  }

  /** Passes each message it gets to a random other node. */
  static final class Passer implements Node {
    private static final Object BALL = "ball";
    private final NodeContext ctx;
    private final int nodes;

    Passer(NodeContext ctx, int nodes) {
      this.ctx = ctx;
      this.nodes = nodes;
    }

    void pass() {
      int to = (ctx.id() + 1 + ctx.random().nextInt(nodes - 1)) % nodes;
      ctx.send(to, BALL);
    }

    @Override
    public void onMessage(int from, Object message) {
      pass();
    }
  }
}
