package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused at once, with an exception that names the setting and the value. */
class BadInputTest {
  private final Simulation sim = TestNodes.recordingNodes(81, 3);
  private final NodeContext ctx = recorder(sim, 0).ctx;

  /** {@code action} throws {@code type} with a message containing every one of {@code words}. */
  private static void assertRefused(Class<? extends RuntimeException> type, Executable action, String... words) {
    RuntimeException e = assertThrows(type, action);
    String message = String.valueOf(e.getMessage());
    for (String w : words) {
      assertTrue(message.contains(w), "the message \"" + message + "\" should name '" + w + "'");
    }
  }

  private static void assertRefused(Executable action, String... words) {
    assertRefused(IllegalArgumentException.class, action, words);
  }

  @Test
  void aNegativeLatencyIsRefused() {
    assertRefused(() -> new Latency.Constant(-1), "micros", "-1");
    assertRefused(() -> new Latency.Uniform(-5, 10), "minMicros", "-5");
    assertRefused(() -> new Latency.Uniform(10, 5), "maxMicros", "5");
    assertRefused(() -> new Latency.Exponential(-3), "meanMicros", "-3");
    assertRefused(() -> new Latency.Exponential(0), "meanMicros", "0");
    assertRefused(() -> new Latency.LogNormal(1, 0), "sigma", "0");
    assertRefused(() -> new Latency.LogNormal(Double.NaN, 1), "mu", "NaN");
    assertRefused(() -> Latency.LogNormal.withMedian(-2, 1), "medianMicros", "-2");
    assertRefused(() -> Latency.millis(-4), "micros", "-4000");
  }

  @Test
  void aProbabilityOutsideZeroToOneIsRefused() {
    assertRefused(() -> LinkFaults.NONE.withDropProbability(1.5), "dropProbability", "1.5");
    assertRefused(() -> LinkFaults.NONE.withDropProbability(-0.1), "dropProbability", "-0.1");
    assertRefused(() -> LinkFaults.NONE.withDropProbability(Double.NaN), "dropProbability", "NaN");
    assertRefused(() -> LinkFaults.NONE.withDuplicateProbability(2), "duplicateProbability", "2.0");
    assertRefused(() -> LinkFaults.NONE.withSpikes(-1, Latency.millis(1)), "spikeProbability", "-1.0");
    assertRefused(() -> LinkFaults.NONE.withLatency(null), "latency", "null");
    assertRefused(() -> LinkFaults.NONE.withStaleMessages(-0.5, Latency.millis(1)), "staleProbability", "-0.5");
    assertRefused(() -> LinkFaults.NONE.withStaleMessages(0.5, null), "stale latency", "null");
    assertRefused(() -> new CrashPoints(1.1, 0, Latency.millis(1)), "stepProbability", "1.1");
    assertRefused(() -> new CrashPoints(0.1, -2, Latency.millis(1)), "effectsMax", "-2");
    assertRefused(() -> new CrashPoints(0.1, 2, null), "downtime", "null");
    assertRefused(() -> sim.disk(0).setKeepProbability(-1), "keepProbability", "-1.0");
  }

  @Test
  void emptyOrNullGroupsOfAOneWayCutAreRefusedAndChangeNothing() {
    assertRefused(() -> sim.network().cutOneWay(java.util.List.of(), java.util.List.of(1)), "cutOneWay", "from", "[]");
    assertRefused(() -> sim.network().cutOneWay(java.util.List.of(0), null), "cutOneWay", "to", "null");
    assertRefused(() -> sim.network().cutOneWay(java.util.Arrays.asList(0, null), java.util.List.of(1)), "null");
    assertRefused(() -> sim.network().cutOneWay(java.util.List.of(0, 1), java.util.List.of(2, 99)), "99");
    assertRefused(() -> sim.setCrashPoints(0, null), "crash points", "null");
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertTrue(a == b || sim.network().isLinkUp(a, b), "link " + a + "→" + b + " touched by a refused call");
      }
    }
  }

  @Test
  void anUnknownNodeIdIsRefusedEverywhere() {
    assertRefused(() -> ctx.send(99, "hello"), "send", "99");
    assertRefused(() -> ctx.call(99, "hello", 1_000, r -> {}), "call", "99");
    assertRefused(() -> sim.network().cut(0, 99), "cut", "99");
    assertRefused(() -> sim.network().cutOneWay(99, 0), "cutOneWay", "99");
    assertRefused(() -> sim.network().link(0, 99), "link", "99");
    assertRefused(() -> sim.network().partition(new int[] {0}, new int[] {1, 99}), "partition", "99");
    assertRefused(() -> sim.network().star(0, 1, 99), "star", "99");
    assertRefused(() -> sim.network().star(99, 1), "star", "99");
    assertRefused(() -> sim.network().chain(0, 1, 99), "chain", "99");
    assertRefused(() -> sim.network().chain(0, 5, 1), "chain", "5");
    assertRefused(() -> sim.network().isolate(99), "isolate", "99");
    assertRefused(() -> sim.network().isolateOutgoing(99), "isolateOutgoing", "99");
    assertRefused(() -> sim.network().isolateIncoming(-1), "isolateIncoming", "-1");
    assertRefused(() -> sim.network().cutOneWay(java.util.List.of(0), java.util.List.of(1, 99)), "cutOneWay", "99");
    assertRefused(() -> sim.setCrashPoints(99, CrashPoints.NONE), "setCrashPoints", "99");
    assertRefused(() -> sim.crashDuringNextStep(99, 0), "crashDuringNextStep", "99");
    assertRefused(() -> sim.network().disconnect(99), "disconnect", "99");
    assertRefused(() -> sim.network().connect(-1), "connect", "-1");
    assertRefused(() -> sim.network().setLinkFaults(0, 99, LinkFaults.NONE), "setLinkFaults", "99");
    assertRefused(() -> sim.network().isLinkUp(0, 99), "isLinkUp", "99");
    assertRefused(() -> sim.network().isLinkUp(5, 0), "isLinkUp", "5");
    assertRefused(() -> sim.crash(99), "crash", "99");
    assertRefused(() -> sim.restart(7), "restart", "7");
    assertRefused(() -> sim.disk(99), "disk", "99");
    assertRefused(() -> sim.isUp(-3), "isUp", "-3");
  }

  @Test
  void aRefusedTopologyChangeChangesNothing() {
    assertThrows(IllegalArgumentException.class, () -> sim.network().star(0, 1, 2, 99));
    assertThrows(IllegalArgumentException.class, () -> sim.network().chain(0, 2, 5));
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertTrue(a == b || sim.network().isLinkUp(a, b), "link " + a + "→" + b + " touched by a refused call");
      }
    }
  }

  @Test
  void aLinkFromANodeToItselfOrANodeNamedTwiceIsRefused() {
    assertRefused(() -> sim.network().cut(1, 1), "cut", "1 twice");
    assertRefused(() -> sim.network().partition(new int[] {0, 1}, new int[] {1, 2}), "partition", "node 1", "two groups");
    assertRefused(() -> sim.network().chain(0, 1, 0), "chain", "node 0", "twice");
  }

  @Test
  void aMessageFromACrashedNodeIsRefused() {
    sim.crash(0);
    assertRefused(IllegalStateException.class, () -> ctx.send(1, "boo"), "node 0", "crashed", "send");
  }

  @Test
  void aNodeAddedTwiceOrWithAnIdOutOfRangeIsRefused() {
    assertRefused(() -> sim.addNode(1, TestNodes.RecordingNode::new), "node 1", "already added");
    assertRefused(() -> sim.addNode(-1, TestNodes.RecordingNode::new), "node id", "-1");
    assertRefused(() -> sim.addNode(Simulation.MAX_NODE_ID + 1, TestNodes.RecordingNode::new), "node id", "1024");
    assertRefused(() -> sim.addNode(5, null), "factory", "5");
  }

  @Test
  void negativeDelaysAreRefused() {
    assertRefused(() -> sim.schedule(-5, "later", () -> {}), "delayMicros", "-5");
    assertRefused(() -> ctx.setTimer(-6, "tick", () -> {}), "delayMicros", "-6", "tick");
    assertRefused(() -> sim.runFor(-7), "micros", "-7");
    assertRefused(() -> sim.runUntil(() -> true, -8), "timeoutMicros", "-8");
    assertRefused(() -> ctx.call(1, "x", 0, r -> {}), "timeoutMicros", "0");
    assertRefused(() -> ctx.call(1, "x", -9, r -> {}), "timeoutMicros", "-9");
  }

  @Test
  void nullMessagesAndMissingArgumentsAreRefused() {
    assertRefused(() -> ctx.send(1, null), "null", "node 0", "node 1");
    assertRefused(() -> ctx.call(1, null, 1_000, r -> {}), "request");
    assertRefused(() -> ctx.call(1, "x", 1_000, null), "onDone");
    assertRefused(() -> ctx.setTimer(1_000, "tick", null), "action");
    assertRefused(() -> ctx.setTimer(1_000, null, () -> {}), "timer", "name");
    assertRefused(() -> sim.schedule(1_000, null, () -> {}), "label");
    assertRefused(() -> sim.schedule(1_000, "step", null), "action");
    assertRefused(() -> sim.network().setDefaultFaults(null), "default link faults", "null");
    assertRefused(() -> sim.network().apply(null), "preset", "null");
    recorder(sim, 1).answersRequests = false;
    ctx.call(1, "x", 1_000_000, r -> {});
    sim.runFor(10_000);
    Responder r = recorder(sim, 1).unanswered.getFirst();
    assertRefused(() -> r.reply(null), "null");
  }

  @Test
  void badSimulationOptionsAreRefused() {
    assertRefused(() -> SimulationOptions.DEFAULTS.withMaxEvents(0), "maxEvents", "0");
    assertRefused(() -> SimulationOptions.DEFAULTS.withMaxTimeMicros(-1), "maxTimeMicros", "-1");
    assertRefused(() -> SimulationOptions.DEFAULTS.withMessageSizer(null), "messageSizer", "null");
    assertRefused(() -> new Simulation(1, null), "options", "null");
  }

  @Test
  void badDiskUseIsRefused() {
    Disk disk = ctx.disk();
    disk.write("f", new byte[] {1, 2, 3});
    assertRefused(() -> disk.truncate("f", 4), "truncate", "'f'", "4");
    assertRefused(() -> disk.truncate("f", -1), "truncate", "-1");
    assertRefused(() -> disk.write("", new byte[0]), "file name", "''");
    assertRefused(() -> disk.append("g", null), "'g'", "null");
    assertRefused(() -> sim.disk(0).setMode(null), "disk mode", "null");
    assertRefused(() -> DeterministicRandom.derive(1, ""), "stream name", "''");
  }
}
