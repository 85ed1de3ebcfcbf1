package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.TestNodes.Arrival;
import dev.omnisim.sim.TestNodes.Stamped;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Properties of the network over random faults: nothing vanishes unaccounted, FIFO links never reorder. */
class NetworkProperties {
  private static final int NODES = 4;
  private static final int MESSAGES = 400;

  @Property(tries = 40)
  void everyCopyIsDeliveredOrDroppedWithAReason(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double drop,
      @ForAll @DoubleRange(min = 0, max = 0.5) double duplicate,
      @ForAll("latencies") Latency latency,
      @ForAll boolean fifo) {
    Simulation sim = TestNodes.recordingNodes(seed, NODES, SimulationOptions.DEFAULTS.withRecordTrace(true));
    sim.network().setDefaultFaults(new LinkFaults(latency, drop, duplicate, fifo, 0.1, Latency.millis(50)));
    DeterministicRandom plan = sim.randomStream("test plan");
    for (int i = 0; i < MESSAGES; i++) {
      int from = plan.nextInt(NODES);
      int to = (from + 1 + plan.nextInt(NODES - 1)) % NODES;
      sim.schedule(plan.nextLong(1_000_000), "send " + from + "→" + to, () -> {
        if (sim.isUp(from)) {
          send(sim, from, to, "m");
        }
      });
    }
    for (int i = 0; i < 8; i++) {
      int a = plan.nextInt(NODES);
      int b = (a + 1) % NODES;
      Runnable fault = switch (plan.nextInt(6)) {
        case 0 -> () -> sim.network().cut(a, b);
        case 1 -> () -> sim.network().disconnect(a);
        case 2 -> () -> sim.network().heal();
        case 3 -> () -> sim.network().partition(new int[] {a}, new int[] {b});
        default -> () -> {
          if (sim.isUp(a)) {
            sim.crash(a);
          } else {
            sim.restart(a);
          }
        };
      };
      sim.schedule(plan.nextLong(1_000_000), "fault " + i, fault);
    }
    sim.runUntilIdle();

    Counters c = sim.counters();
    long byReason = Arrays.stream(DropReason.values()).mapToLong(c::dropped).sum();
    assertEquals(c.messagesDropped(), byReason, "every drop has one reason");
    assertEquals(c.messagesSent() + c.messagesDuplicated(), c.messagesDelivered() + c.messagesDropped(),
        "every copy handed to the network was delivered or dropped");
    long tracedDrops = sim.trace().events().stream().filter(e -> e.kind() == TraceKind.DROP).count();
    assertEquals(c.messagesDropped(), tracedDrops, "every drop is in the trace");
    long received = 0;
    for (int i = 0; i < NODES; i++) {
      if (sim.isUp(i)) {
        received += recorder(sim, i).messages.size();
      }
    }
    assertTrue(received <= c.messagesDelivered(), "nodes saw no more than was delivered");
  }

  @Property(tries = 40)
  void aFifoLinkNeverReorders(
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double drop,
      @ForAll @DoubleRange(min = 0, max = 0.5) double duplicate,
      @ForAll("latencies") Latency latency,
      @ForAll @DoubleRange(min = 0, max = 0.5) double spikeProbability) {
    Simulation sim = TestNodes.recordingNodes(seed, 2);
    sim.network().setDefaultFaults(
        new LinkFaults(latency, drop, duplicate, true, spikeProbability, new Latency.Exponential(30_000)));
    DeterministicRandom plan = sim.randomStream("test plan");
    long at = 0;
    for (int i = 0; i < MESSAGES; i++) {
      int seq = i;
      at += plan.nextLong(2_000);
      sim.schedule(at, "send " + i, () -> send(sim, 0, 1, new Stamped(seq, sim.now())));
    }
    sim.runUntilIdle();
    int last = -1;
    for (Arrival a : recorder(sim, 1).messages) {
      int seq = ((Stamped) a.message()).seq();
      assertTrue(seq >= last, "message " + seq + " arrived after message " + last);
      last = seq;
    }
  }

  @Provide
  Arbitrary<Latency> latencies() {
    return DeterminismProperties.latencies();
  }
}
