package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What crash points are for: a store that acknowledges a write before syncing it loses acknowledged data
 * only when a crash can fall inside its step. Crashes between steps never catch it, because it syncs
 * before its step ends; a crash point between its send and its sync does. A store that syncs first
 * survives every crash point.
 */
class SyncBeforeSendTest {
  private static final int PUTS = 20;

  /** A value to store. */
  record Put(int value) {}

  /** The store's promise that {@code value} is durable. */
  record Ack(int value) {}

  /** Appends each value to its log and acknowledges it; {@code syncFirst} decides the order. */
  record Store(NodeContext ctx, boolean syncFirst) implements Node {
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

  /**
   * Client 0 sends Put 1..20, one per millisecond, to store 1 on a lossy disk; {@code fault} strikes the
   * store; it restarts. Returns the acknowledged values missing from the store's log.
   */
  private static List<Integer> lostAcknowledged(boolean syncFirst, long seed, java.util.function.Consumer<Simulation> fault) {
    Simulation sim = new Simulation(seed);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> new Store(ctx, syncFirst));
    sim.disk(1).setMode(DiskMode.LOSSY);
    sim.network().setDefaultFaults(LinkFaults.NONE.withFifo(true));
    for (int v = 1; v <= PUTS; v++) {
      int value = v;
      sim.schedule(v * 1_000L, "put " + v, () -> recorder(sim, 0).ctx.send(1, new Put(value)));
    }
    fault.accept(sim);
    sim.runFor(100_000);
    if (!sim.isUp(1)) {
      sim.restart(1);
    }
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
  void crashesBetweenStepsNeverCatchAStoreThatAcknowledgesBeforeSyncing() {
    for (long at = 0; at <= 25_000; at += 250) {
      long crashAt = at;
      List<Integer> lost = lostAcknowledged(false, 41, sim -> sim.schedule(crashAt, "crash", () -> sim.crash(1)));
      assertEquals(List.of(), lost, "crash at " + crashAt + " µs");
    }
  }

  @Test
  void aCrashPointBetweenItsSendAndItsSyncLosesAnAcknowledgedWrite() {
    List<Integer> lost = lostAcknowledged(false, 42,
        sim -> sim.schedule(10_500, "arm", () -> sim.crashDuringNextStep(1, 2))); // append, send | sync
    assertEquals(List.of(10), lost, "Put 10 (the store's next step: it arrives at 11 ms) acknowledged, then lost");
  }

  @Test
  void aStoreThatSyncsBeforeSendingSurvivesEveryCrashPoint() {
    for (int k = 0; k <= 4; k++) {
      int effects = k;
      List<Integer> lost = lostAcknowledged(true, 43,
          sim -> sim.schedule(10_500, "arm", () -> sim.crashDuringNextStep(1, effects)));
      assertEquals(List.of(), lost, "crash after " + k + " effects");
    }
  }

  @Test
  void randomCrashPointsFindTheBugThatCrashesBetweenStepsMiss() {
    int caught = 0;
    for (long seed = 1; seed <= 20; seed++) {
      List<Integer> lost = lostAcknowledged(false, seed,
          sim -> sim.setCrashPoints(1, new CrashPoints(0.2, 2, new Latency.Constant(500))));
      caught += lost.isEmpty() ? 0 : 1;
      assertTrue(lostAcknowledged(true, seed,
          sim -> sim.setCrashPoints(1, new CrashPoints(0.2, 2, new Latency.Constant(500)))).isEmpty(),
          "the correct store lost nothing with seed " + seed);
    }
    assertTrue(caught >= 5, "random crash points caught the bug on " + caught + " of 20 seeds");
  }
}
