package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash point stops a node between two effects of one step: the effects before it happened (messages
 * sent are delivered, writes are on the disk, which then crashes by its mode), none after it did.
 */
class CrashPointTest {
  private static final SimulationOptions RECORDING = SimulationOptions.DEFAULTS.withRecordTrace(true);

  /** Asks a {@link ScriptedNode} to run its script once. */
  record Go(int round) {}

  /** What a {@link ScriptedNode} sends its peers. */
  record Ack(int round) {}

  /**
   * Node 1 of the tests: on {@link Go} it makes six effects in this order: write "state", append "log",
   * sync, send Ack to 0, send Ack to 2, set a timer that would send "timer fired" to 0.
   */
  static final class ScriptedNode implements Node {
    private final NodeContext ctx;

    ScriptedNode(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onMessage(int from, Object message) {
      int round = ((Go) message).round();
      ctx.disk().write("state", bytes("s" + round));
      ctx.disk().append("log", bytes("e" + round));
      ctx.disk().sync();
      ctx.send(0, new Ack(round));
      ctx.send(2, new Ack(round));
      ctx.setTimer(1_000, "after", () -> ctx.send(0, "timer fired"));
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(Disk disk, String file) {
    return disk.exists(file) ? new String(disk.read(file), StandardCharsets.UTF_8) : "<none>";
  }

  /** Recording nodes 0 and 2 around a {@link ScriptedNode} 1 whose disk is in {@code mode}. */
  private static Simulation scripted(DiskMode mode) {
    Simulation sim = new Simulation(31, RECORDING);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ScriptedNode::new);
    sim.addNode(2, TestNodes.RecordingNode::new);
    sim.disk(1).setMode(mode);
    return sim;
  }

  private static List<Object> received(Simulation sim, int node) {
    return recorder(sim, node).messages.stream().map(TestNodes.Arrival::message).toList();
  }

  private static TraceEvent onlyCrash(Simulation sim) {
    List<TraceEvent> crashes = sim.trace().events().stream().filter(e -> e.kind() == TraceKind.CRASH).toList();
    assertEquals(1, crashes.size(), "crash events: " + crashes);
    return crashes.getFirst();
  }

  @ParameterizedTest(name = "crash after {0} effects")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 100})
  void exactlyTheEffectsBeforeTheCrashPointHappen(int k) {
    Simulation sim = scripted(DiskMode.LOSSY);
    sim.crashDuringNextStep(1, k);
    send(sim, 0, 1, new Go(1));
    sim.runFor(100_000);

    assertFalse(sim.isUp(1), "node 1 crashed in its step");
    boolean synced = k >= 3; // write and append are lost unless the sync (effect 2) happened
    assertEquals(synced ? "s1" : "<none>", text(sim.disk(1), "state"), "state after the crash");
    assertEquals(synced ? "e1" : "<none>", text(sim.disk(1), "log"), "log after the crash");
    assertEquals(k >= 4 ? List.of(new Ack(1)) : List.of(), received(sim, 0), "node 0 got the Ack only if sent (effect 3)");
    assertEquals(k >= 5 ? List.of(new Ack(1)) : List.of(), received(sim, 2), "node 2 got the Ack only if sent (effect 4)");

    String[] next = {"write 'state'", "append 'log'", "sync", "send Ack to 0", "send Ack to 2", "set timer 'after'"};
    String where = k < next.length ? "before " + next[k] : "at the end of its step";
    int made = Math.min(k, next.length);
    String disk = k == 0 || k >= 3 ? "nothing unsynced" : "lost unsynced writes";
    assertEquals("crash inside a step, after " + made + (made == 1 ? " effect, " : " effects, ") + where + "; disk: " + disk,
        onlyCrash(sim).detail());
    Counters c = sim.counters();
    assertEquals(1, c.crashes(), "crashes");
    assertEquals(1, c.crashesInsideSteps(), "crashes inside steps");
    assertEquals(k == 1 || k == 2 ? 1 : 0, c.crashesWithUnsyncedWrites(), "crashes that found unsynced writes");
    assertEquals(k == 1 || k == 2 ? 1 : 0, c.crashesThatLostWrites(), "crashes that lost them");
  }

  @Test
  void onADurableDiskAWriteBeforeTheCrashPointSurvivesWithoutASync() {
    Simulation sim = scripted(DiskMode.DURABLE);
    sim.crashDuringNextStep(1, 1);
    send(sim, 0, 1, new Go(1));
    sim.runFor(100_000);
    assertEquals("s1", text(sim.disk(1), "state"), "the write made before the crash");
    assertEquals("<none>", text(sim.disk(1), "log"), "the append was never made");
    assertEquals(0, sim.counters().crashesWithUnsyncedWrites(), "a durable disk has nothing unsynced");
  }

  @Test
  void theTimerSetBeforeTheCrashNeverFiresAndTheNodeRestartsFromItsDisk() {
    Simulation sim = scripted(DiskMode.LOSSY);
    sim.crashDuringNextStep(1, 6);
    send(sim, 0, 1, new Go(1));
    sim.runFor(100_000);
    assertEquals(List.of(new Ack(1)), received(sim, 0), "the Ack, and no 'timer fired'");
    sim.restart(1);
    send(sim, 0, 1, new Go(2));
    sim.runFor(100_000);
    assertTrue(sim.isUp(1), "the armed point was used up by the first step");
    assertEquals(List.of(new Ack(1), new Ack(2), "timer fired"), received(sim, 0), "the new incarnation runs whole");
    assertEquals("e1e2", text(sim.disk(1), "log"));
  }

  @Test
  void aStepWithoutEffectsCrashesAtItsEnd() {
    Simulation sim = TestNodes.recordingNodes(32, 2, RECORDING);
    sim.crashDuringNextStep(1, 0);
    send(sim, 0, 1, "hello");
    sim.runFor(10_000);
    assertFalse(sim.isUp(1), "crashed in the step that received 'hello'");
    assertEquals("crash inside a step, after 0 effects, at the end of its step; disk: nothing unsynced",
        onlyCrash(sim).detail());
  }

  @Test
  void aCrashBeforeTheStepDisarmsThePoint() {
    Simulation sim = TestNodes.recordingNodes(33, 2);
    sim.crashDuringNextStep(1, 0);
    sim.crash(1);
    sim.restart(1);
    send(sim, 0, 1, "hello");
    sim.runFor(10_000);
    assertTrue(sim.isUp(1), "the new incarnation does not inherit the point");
    assertEquals(1, recorder(sim, 1).messages.size());
    assertEquals(0, sim.counters().crashesInsideSteps());
  }

  @Test
  void theSimulationRestartsTheNodeWhenAskedUnlessItWasRestartedMeanwhile() {
    Simulation sim = TestNodes.recordingNodes(34, 2, RECORDING);
    sim.crashDuringNextStep(1, 0, 50_000);
    send(sim, 0, 1, "hello"); // arrives after 1 ms
    sim.runFor(200_000);
    assertTrue(sim.isUp(1), "restarted");
    List<TraceEvent> restarts = sim.trace().events().stream().filter(e -> e.kind() == TraceKind.RESTART).toList();
    assertEquals(1, restarts.size(), restarts.toString());
    assertEquals(onlyCrash(sim).timeMicros() + 50_000, restarts.getFirst().timeMicros(), "50 ms after the crash");

    sim.crashDuringNextStep(1, 0, 50_000);
    send(sim, 0, 1, "again");
    sim.runFor(10_000);
    sim.restart(1); // by hand, before the simulation would
    sim.runFor(200_000); // must not try to restart a running node
    assertTrue(sim.isUp(1));
    assertEquals(2, sim.trace().events().stream().filter(e -> e.kind() == TraceKind.RESTART).count(),
        "the restart by hand, and none by the simulation");
  }

  // ---- node code cannot swallow its crash ----------------------------------------------------

  /** A node whose handler is given by the test. */
  record HandlerNode(NodeContext ctx, Handler handler) implements Node {
    interface Handler {
      void handle(NodeContext ctx, Object message);
    }

    @Override
    public void onMessage(int from, Object message) {
      handler.handle(ctx, message);
    }
  }

  private static Simulation withHandler(HandlerNode.Handler handler) {
    Simulation sim = new Simulation(35);
    sim.addNode(0, TestNodes.RecordingNode::new);
    sim.addNode(1, ctx -> new HandlerNode(ctx, handler));
    sim.disk(1).setMode(DiskMode.LOSSY);
    return sim;
  }

  @Test
  void catchingExceptionDoesNotCatchTheCrash() {
    List<String> swallowed = new ArrayList<>();
    Simulation sim = withHandler((ctx, m) -> {
      try {
        ctx.send(0, "first");
      } catch (Exception e) {
        swallowed.add(e.toString());
      }
      ctx.send(0, "second");
    });
    sim.crashDuringNextStep(1, 0);
    send(sim, 0, 1, "go");
    sim.runFor(10_000);
    assertEquals(List.of(), swallowed, "the crash is an Error, not an Exception");
    assertFalse(sim.isUp(1));
    assertEquals(0, recorder(sim, 0).messages.size(), "neither message left");
  }

  @Test
  void aNodeThatCatchesItsCrashAnywayCanDoNothingMoreInThatStep() {
    List<String> attempts = new ArrayList<>();
    Simulation sim = withHandler((ctx, m) -> {
      for (String what : List.of("send", "write", "timer")) {
        try {
          switch (what) {
            case "send" -> ctx.send(0, "after the crash");
            case "write" -> ctx.disk().write("f", bytes("after the crash"));
            default -> ctx.setTimer(1, "t", () -> {});
          }
          attempts.add(what + " happened");
        } catch (Throwable t) { // what careless node code does
          attempts.add(what + " stopped");
        }
      }
    });
    sim.crashDuringNextStep(1, 0);
    send(sim, 0, 1, "go");
    sim.runFor(10_000);
    assertEquals(List.of("send stopped", "write stopped", "timer stopped"), attempts);
    assertFalse(sim.isUp(1));
    assertFalse(sim.disk(1).exists("f"), "nothing written after the crash");
    assertEquals(0, recorder(sim, 0).messages.size());
    assertEquals(1, sim.counters().crashes(), "one crash");
  }

  @Test
  void aNodeThatWrapsItsCrashInAnotherExceptionStillJustCrashes() {
    Simulation sim = withHandler((ctx, m) -> {
      try {
        ctx.send(0, "x");
      } catch (Throwable t) {
        throw new IllegalStateException("wrapped", t);
      }
    });
    sim.crashDuringNextStep(1, 0);
    send(sim, 0, 1, "go");
    sim.runFor(10_000); // must not throw
    assertFalse(sim.isUp(1));
  }

  @Test
  void aBugInANodeIsStillReportedInAStepWithACrashPoint() {
    Simulation sim = withHandler((ctx, m) -> {
      throw new IllegalStateException("the node's own bug");
    });
    sim.crashDuringNextStep(1, 3);
    send(sim, 0, 1, "go");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.runFor(10_000));
    assertEquals("the node's own bug", e.getMessage());
  }

  // ---- RPC, timers and call results are steps too ---------------------------------------------

  @Test
  void aCalleeThatCrashesBeforeReplyingFailsTheCallAndOneThatRepliedFirstAnswersIt() {
    for (int k : new int[] {0, 1}) {
      Simulation sim = TestNodes.recordingNodes(36, 2);
      List<CallResult> results = new ArrayList<>();
      sim.crashDuringNextStep(1, k);
      recorder(sim, 0).ctx.call(1, "question", 1_000_000, results::add);
      sim.runFor(2_000_000);
      assertFalse(sim.isUp(1), "callee crashed in the step that served the call");
      CallResult expected = k == 0 ? new CallResult.Failure(CallFailure.CALLEE_CRASHED)
          : new CallResult.Reply(new TestNodes.Echo("question"));
      assertEquals(List.of(expected), results, "after " + k + " effects");
    }
  }

  @Test
  void aCallMadeBeforeTheCrashReachesTheCalleeButItsCallbackNeverRuns() {
    List<CallResult> results = new ArrayList<>();
    Simulation sim = new Simulation(37);
    sim.addNode(0, ctx -> new HandlerNode(ctx, (c, m) -> {
      c.call(1, "question", 1_000_000, results::add);
      c.send(1, "after the call");
    }));
    sim.addNode(1, TestNodes.RecordingNode::new);
    sim.crashDuringNextStep(0, 1);
    send(sim, 1, 0, "go");
    sim.runFor(2_000_000);
    assertEquals(List.of("question"), recorder(sim, 1).requests.stream().map(TestNodes.Arrival::message).toList());
    assertEquals(0, recorder(sim, 1).messages.size(), "the send after the call did not happen");
    assertEquals(List.of(), results, "a crashed caller never hears back");
  }

  @Test
  void aTimerFiringAndACallResultAreStepsACrashPointCanStop() {
    List<String> done = new ArrayList<>();
    Simulation sim = TestNodes.recordingNodes(38, 2);
    NodeContext ctx = recorder(sim, 0).ctx;
    ctx.setTimer(1_000, "tick", () -> {
      ctx.send(1, "from the timer");
      done.add("timer ran on");
    });
    sim.crashDuringNextStep(0, 0);
    sim.runFor(10_000);
    assertEquals(List.of(), done, "the timer's step stopped at its first effect");
    assertEquals(0, recorder(sim, 1).messages.size());

    sim.restart(0);
    NodeContext again = recorder(sim, 0).ctx;
    again.call(1, "q", 1_000_000, r -> {
      again.send(1, "from the callback");
      done.add("callback ran on");
    });
    sim.crashDuringNextStep(0, 0);
    sim.runFor(2_000_000);
    assertEquals(List.of(), done, "the call result's step stopped at its first effect");
    assertEquals(0, recorder(sim, 1).messages.size());
    assertEquals(2, sim.counters().crashesInsideSteps());
  }

  @Test
  void badCrashPointsAreRefused() {
    Simulation sim = TestNodes.recordingNodes(39, 2);
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> sim.crashDuringNextStep(1, -1));
    assertTrue(negative.getMessage().contains("effectsBeforeCrash") && negative.getMessage().contains("-1"),
        negative.getMessage());
    IllegalArgumentException restart = assertThrows(IllegalArgumentException.class,
        () -> sim.crashDuringNextStep(1, 0, -5));
    assertTrue(restart.getMessage().contains("restartAfterMicros") && restart.getMessage().contains("-5"),
        restart.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sim.crashDuringNextStep(9, 0));
    sim.crash(1);
    IllegalStateException down = assertThrows(IllegalStateException.class, () -> sim.crashDuringNextStep(1, 0));
    assertTrue(down.getMessage().contains("down"), down.getMessage());
  }
}
