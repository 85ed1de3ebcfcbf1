package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A crash discards the node object and everything in memory, its timers and the messages in flight to
 * it; a restart builds a new object that has only its disk.
 */
class CrashRestartTest {

  /** A message a {@link CountingNode} counts; {@code durable} ones it also writes to disk. */
  record Count(boolean durable) {}

  /** Counts messages in memory and, for durable ones, on disk; recovers only the disk count. */
  static final class CountingNode implements Node {
    final NodeContext ctx;
    int inMemory;

    CountingNode(NodeContext ctx) {
      this.ctx = ctx;
      this.inMemory = readInt(ctx.disk(), "count");
    }

    @Override
    public void onMessage(int from, Object message) {
      inMemory++;
      if (((Count) message).durable()) {
        ctx.disk().write("count", Integer.toString(inMemory).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static int readInt(Disk disk, String file) {
    byte[] b = disk.read(file);
    return b.length == 0 ? 0 : Integer.parseInt(new String(b, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Disk disk, String file) {
    return new String(disk.read(file), StandardCharsets.UTF_8);
  }

  @Test
  void nothingInMemorySurvivesACrashOnlyTheDisk() {
    List<CountingNode> built = new ArrayList<>();
    Simulation sim = new Simulation(61);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> {
      CountingNode n = new CountingNode(ctx);
      built.add(n);
      return n;
    });
    sim.network().setDefaultFaults(LinkFaults.NONE.withFifo(true));
    for (boolean durable : new boolean[] {true, true, false, false, false}) {
      send(sim, 0, 1, new Count(durable));
    }
    sim.runFor(10_000);
    CountingNode before = (CountingNode) sim.node(1);
    assertEquals(5, before.inMemory, "counted in memory before the crash");

    sim.crash(1);
    assertFalse(sim.isUp(1), "node 1 is down");
    assertNull(sim.node(1), "a down node has no object");
    sim.restart(1);

    CountingNode after = (CountingNode) sim.node(1);
    assertNotSame(before, after, "a restart builds a new object");
    assertEquals(2, built.size(), "built at start and at restart");
    assertEquals(2, after.inMemory, "only the durable count came back, from disk");
    assertEquals("2", text(sim.disk(1), "count"), "the disk survived the crash");
  }

  @Test
  void noTimerOfACrashedNodeEverFiresEvenAfterItRestarts() {
    List<String> fired = new ArrayList<>();
    List<Timer> timers = new ArrayList<>();
    int[] incarnation = {0};
    Simulation sim = new Simulation(62);
    sim.addNode(0, ctx -> {
      int me = incarnation[0]++;
      return new Node() {
        @Override
        public void start() {
          for (int i = 1; i <= 10; i++) {
            String name = "incarnation " + me + " timer " + i;
            timers.add(ctx.setTimer(i * 10_000L, name, () -> fired.add(name + " at " + ctx.now())));
          }
        }

        @Override
        public void onMessage(int from, Object message) {}
      };
    });
    sim.runFor(35_000);
    sim.crash(0);
    assertTrue(timers.stream().noneMatch(Timer::isPending), "no timer of a crashed node is pending");
    sim.runFor(1_000);
    sim.restart(0);
    sim.runFor(1_000_000);

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      expected.add("incarnation 0 timer " + i + " at " + i * 10_000);
    }
    for (int i = 1; i <= 10; i++) {
      expected.add("incarnation 1 timer " + i + " at " + (36_000 + i * 10_000));
    }
    assertEquals(expected, fired);
  }

  @Test
  void aCancelledTimerNeverFires() {
    List<String> fired = new ArrayList<>();
    Simulation sim = TestNodes.recordingNodes(63, 1);
    NodeContext ctx = recorder(sim, 0).ctx;
    Timer kept = ctx.setTimer(10_000, "kept", () -> fired.add("kept"));
    Timer cancelled = ctx.setTimer(10_000, "cancelled", () -> fired.add("cancelled"));
    cancelled.cancel();
    assertFalse(cancelled.isPending(), "cancelled");
    assertTrue(kept.isPending(), "still pending");
    sim.runFor(20_000);
    assertEquals(List.of("kept"), fired);
    assertFalse(kept.isPending(), "a fired timer is no longer pending");
  }

  @Test
  void messagesInFlightToACrashedNodeAreDroppedEvenIfItRestartsBeforeTheyArrive() {
    Simulation sim = TestNodes.recordingNodes(64, 3);
    sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(Latency.millis(10)).withDuplicateProbability(1.0));
    send(sim, 0, 1, "in flight");
    send(sim, 0, 2, "to a node that stays up");
    sim.runFor(2_000);
    sim.crash(1);
    sim.runFor(2_000);
    sim.restart(1);
    send(sim, 0, 1, "sent after the restart");
    sim.runFor(50_000);
    assertEquals(List.of("sent after the restart", "sent after the restart"),
        recorder(sim, 1).messages.stream().map(TestNodes.Arrival::message).toList(), "what the restarted node got");
    assertEquals(2, recorder(sim, 2).messages.size(), "the other node got both copies");
    assertEquals(2, sim.counters().dropped(DropReason.TARGET_CRASHED), "both copies dropped: receiver crashed");
  }

  @Test
  void aMessageToADownNodeIsDroppedAsReceiverDown() {
    Simulation sim = TestNodes.recordingNodes(65, 2);
    sim.crash(1);
    send(sim, 0, 1, "nobody home");
    sim.runFor(50_000);
    sim.restart(1);
    sim.runFor(50_000);
    assertEquals(0, recorder(sim, 1).messages.size(), "nothing delivered");
    assertEquals(1, sim.counters().dropped(DropReason.TARGET_DOWN), "dropped as receiver down");
  }

  @Test
  void aCrashedNodesOldContextRefusesToSendCallOrSetTimers() {
    Simulation sim = TestNodes.recordingNodes(66, 2);
    NodeContext old = recorder(sim, 1).ctx;
    sim.crash(1);
    IllegalStateException send = assertThrows(IllegalStateException.class, () -> old.send(0, "from the dead"));
    assertTrue(send.getMessage().contains("node 1") && send.getMessage().contains("crashed"), send.getMessage());
    assertThrows(IllegalStateException.class, () -> old.call(0, "x", 1_000, r -> {}));
    assertThrows(IllegalStateException.class, () -> old.setTimer(1_000, "t", () -> {}));
    sim.restart(1);
    assertThrows(IllegalStateException.class, () -> old.send(0, "from a past life"),
        "the old context stays dead after the node restarts");
    recorder(sim, 1).ctx.send(0, "from the new incarnation");
    sim.runFor(10_000);
    assertEquals(1, recorder(sim, 0).messages.size(), "the new context sends");
  }

  @Test
  void aDurableDiskKeepsEveryWriteAcrossACrash() {
    Simulation sim = TestNodes.recordingNodes(67, 1);
    Disk disk = recorder(sim, 0).ctx.disk();
    disk.write("state", bytes("v1"));
    disk.append("log", bytes("a"));
    disk.append("log", bytes("b"));
    sim.crash(0);
    sim.restart(0);
    Disk after = recorder(sim, 0).ctx.disk();
    assertEquals("v1", text(after, "state"));
    assertEquals("ab", text(after, "log"));
    assertEquals(List.of("log", "state"), after.files(), "files in name order");
  }

  @Test
  void aLossyDiskLosesWritesSinceTheLastSyncAndKeepsSyncedOnes() {
    Simulation sim = TestNodes.recordingNodes(68, 1);
    sim.disk(0).setMode(DiskMode.LOSSY);
    Disk disk = recorder(sim, 0).ctx.disk();
    disk.write("state", bytes("synced"));
    disk.append("log", bytes("abc"));
    disk.write("doomed", bytes("deleted after the sync"));
    disk.sync();
    disk.write("state", bytes("not synced"));
    disk.append("log", bytes("def"));
    disk.truncate("log", 2);
    disk.append("log", bytes("xyz"));
    disk.delete("doomed");
    disk.write("fresh", bytes("created after the sync"));
    assertEquals("abxyz", text(disk, "log"), "before the crash the node reads its own writes");

    sim.crash(0);
    sim.restart(0);
    Disk after = recorder(sim, 0).ctx.disk();
    assertEquals("synced", text(after, "state"), "a rewrite since the sync is lost");
    assertEquals("abc", text(after, "log"), "appends and truncation since the sync are lost");
    assertEquals("deleted after the sync", text(after, "doomed"), "a delete since the sync is undone");
    assertFalse(after.exists("fresh"), "a file created since the sync is gone");
    assertEquals(List.of("doomed", "log", "state"), after.files());
  }

  @Test
  void aLossyDiskKeepsEverythingSyncedAcrossSeveralCrashes() {
    Simulation sim = TestNodes.recordingNodes(69, 1);
    sim.disk(0).setMode(DiskMode.LOSSY);
    recorder(sim, 0).ctx.disk().append("log", bytes("1"));
    recorder(sim, 0).ctx.disk().sync();
    sim.crash(0);
    sim.restart(0);
    recorder(sim, 0).ctx.disk().append("log", bytes("2"));
    recorder(sim, 0).ctx.disk().sync();
    recorder(sim, 0).ctx.disk().append("log", bytes("3"));
    sim.crash(0);
    sim.restart(0);
    assertEquals("12", text(recorder(sim, 0).ctx.disk(), "log"));
  }

  @Test
  void crashingADownNodeOrRestartingARunningOneIsRefused() {
    Simulation sim = TestNodes.recordingNodes(70, 1);
    IllegalStateException running = assertThrows(IllegalStateException.class, () -> sim.restart(0));
    assertTrue(running.getMessage().contains("node 0"), running.getMessage());
    sim.crash(0);
    IllegalStateException down = assertThrows(IllegalStateException.class, () -> sim.crash(0));
    assertTrue(down.getMessage().contains("already down"), down.getMessage());
  }

  @Test
  void aNodeWhoseFactoryFailsAtRestartStaysDown() {
    boolean[] fail = {false};
    Simulation sim = new Simulation(71);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> {
      ctx.setTimer(1_000, "set before failing", () -> {
        throw new AssertionError("a timer of a failed start fired");
      });
      if (fail[0]) {
        throw new IllegalStateException("corrupt state on disk");
      }
      return new TestNodes.RecordingNode(ctx);
    });
    sim.crash(1);
    fail[0] = true;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.restart(1));
    assertEquals("corrupt state on disk", e.getMessage());
    assertFalse(sim.isUp(1), "a node that failed to start is down");
    send(sim, 0, 1, "anyone?");
    sim.runFor(100_000);
    assertEquals(1, sim.counters().dropped(DropReason.TARGET_DOWN), "a message to it is dropped, not delivered to null");
    fail[0] = false;
    sim.restart(1);
    assertTrue(sim.isUp(1), "it can be restarted once its factory works");
  }
}
