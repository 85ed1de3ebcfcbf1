package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A crash point aimed at a write ({@link Simulation#crashDuringNextWritingStep}) lets the steps that
 * change nothing on disk run whole and strikes the first one that does, right after its write: where a
 * store that acknowledges before syncing loses what it acknowledged. A plain crash point armed at the
 * same moment falls on a heartbeat step and finds nothing.
 */
class AimedCrashPointTest {
  private static final int PUTS = 10;

  record Put(int value) {}

  record Ack(int value) {}

  /** Heartbeats every 100 µs (no disk change); appends each Put and acknowledges it, before or after syncing. */
  static final class Store implements Node {
    private final NodeContext ctx;
    private final boolean syncFirst;

    Store(NodeContext ctx, boolean syncFirst) {
      this.ctx = ctx;
      this.syncFirst = syncFirst;
    }

    @Override
    public void start() {
      heartbeat();
    }

    private void heartbeat() {
      ctx.setTimer(100, "heartbeat", this::heartbeat);
    }

    @Override
    public void onMessage(int from, Object message) {
      int value = ((Put) message).value();
      ctx.disk().append("log", (value + ";").getBytes(StandardCharsets.UTF_8));
      if (syncFirst) {
        ctx.disk().sync();
        ctx.send(from, new Ack(value));
      } else {
        ctx.send(from, new Ack(value)); // the bug: the promise leaves before the data is durable
        ctx.disk().sync();
      }
    }
  }

  /** Puts 1..10, one per millisecond, to store 1 on a lossy disk; {@code arm} at 500 µs; acknowledged values lost. */
  private static List<Integer> lostAcknowledged(boolean syncFirst, java.util.function.Consumer<Simulation> arm) {
    Simulation sim = new Simulation(7);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> new Store(ctx, syncFirst));
    sim.disk(1).setMode(DiskMode.LOSSY);
    sim.network().setDefaultFaults(LinkFaults.NONE.withFifo(true));
    for (int v = 1; v <= PUTS; v++) {
      int value = v;
      sim.schedule(v * 1_000L, "put " + v, () -> recorder(sim, 0).ctx.send(1, new Put(value)));
    }
    sim.schedule(500, "arm", () -> arm.accept(sim));
    sim.runFor(20_000);
    assertEquals(1, sim.counters().crashesInsideSteps(), "one crash inside a step");
    String log = new String(sim.disk(1).read("log"), StandardCharsets.UTF_8);
    List<Integer> lost = new ArrayList<>();
    for (TestNodes.Arrival a : recorder(sim, 0).messages) {
      int acked = ((Ack) a.message()).value();
      if (!log.contains(acked + ";")) {
        lost.add(acked);
      }
    }
    return lost;
  }

  @Test
  void aimedAtTheWriteItCatchesTheStoreThatAcknowledgesBeforeSyncing() {
    // append | send | crash before the sync: Put 1 (the first step that writes) acknowledged, then lost.
    assertEquals(List.of(1), lostAcknowledged(false, sim -> sim.crashDuringNextWritingStep(1, 1, 2_000)));
  }

  @Test
  void aPlainCrashPointArmedAtTheSameMomentFallsOnAHeartbeatAndFindsNothing() {
    assertEquals(List.of(), lostAcknowledged(false, sim -> sim.crashDuringNextStep(1, 1, 2_000)));
  }

  @Test
  void theStoreThatSyncsFirstSurvivesEveryAimedPoint() {
    for (int k = 0; k <= 3; k++) {
      int effects = k;
      assertEquals(List.of(), lostAcknowledged(true, sim -> sim.crashDuringNextWritingStep(1, effects, 2_000)),
          "crash after the write and " + k + " more effects");
    }
  }

  @Test
  void aCrashAfterTheWriteFindsItUnsynced() {
    Simulation sim = new Simulation(3);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> new Store(ctx, true));
    sim.disk(1).setMode(DiskMode.LOSSY);
    sim.schedule(1_000, "put", () -> recorder(sim, 0).ctx.send(1, new Put(1)));
    sim.schedule(500, "arm", () -> sim.crashDuringNextWritingStep(1, 0, -1));
    sim.runFor(5_000);
    assertEquals(1, sim.counters().crashesWithUnsyncedWrites(), "the crash came between the append and its sync");
    assertTrue(!sim.isUp(1));
  }

  @Test
  void badArgumentsAreRefused() {
    Simulation sim = new Simulation(1);
    sim.addNode(1, ctx -> new Store(ctx, true));
    assertThrows(IllegalArgumentException.class, () -> sim.crashDuringNextWritingStep(1, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> sim.crashDuringNextWritingStep(1, 0, -2));
  }

  @Test
  void aDisarmedPointNeverStrikes() {
    Simulation sim = new Simulation(3);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> new Store(ctx, true));
    sim.schedule(500, "arm", () -> sim.crashDuringNextWritingStep(1, 0, -1));
    sim.schedule(700, "disarm", () -> sim.disarmCrashPoint(1));
    sim.schedule(1_000, "put", () -> recorder(sim, 0).ctx.send(1, new Put(1)));
    sim.runFor(5_000);
    assertEquals(0, sim.counters().crashesInsideSteps(), "the fault schedule was over: nothing may strike");
    assertTrue(sim.isUp(1));
  }
}
