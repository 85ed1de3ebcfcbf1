package dev.omnisim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run is a pure function of (setup, seed, code): same seed, same fingerprint, in any JVM. */
class DeterminismTest {
  private static final long SEED = 20_251_125L;
  private static final SimulationOptions RECORDING = SimulationOptions.DEFAULTS.withRecordTrace(true);

  @Test
  void theFixedScenarioExercisesEveryKindOfFault() {
    Simulation sim = FixedScenario.run(SEED, SimulationOptions.DEFAULTS);
    Counters c = sim.counters();
    assertTrue(c.rpcsSent() > 100, "RPCs sent: " + c.rpcsSent());
    assertTrue(c.rpcsFailed() > 0, "some RPCs must fail: " + c.rpcsFailed());
    assertTrue(c.dropped(DropReason.RANDOM_LOSS) > 0, "random losses");
    assertTrue(c.dropped(DropReason.LINK_DOWN) > 0, "drops on the cut link");
    assertTrue(c.dropped(DropReason.TARGET_DOWN) > 0, "drops to the crashed node");
    assertTrue(c.messagesDuplicated() > 0, "duplicates");
    assertTrue(sim.isUp(2), "node 2 restarted");
    assertTrue(sim.disk(2).exists("counter"), "node 2 kept its counter on disk");
  }

  @Test
  void theSameSeedGivesTheSameFingerprintTwiceInOneJvm() {
    String first = FixedScenario.fingerprint(SEED);
    String second = FixedScenario.fingerprint(SEED);
    assertEquals(first, second, "two runs of seed " + SEED + " in one JVM");
  }

  @Test
  void theSameSeedGivesTheSameFingerprintInAFreshJvm() throws IOException, InterruptedException {
    String inProcess = FixedScenario.fingerprint(SEED);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        FixedScenario.class.getName(), Long.toString(SEED))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
    assertEquals(0, child.exitValue(), "child JVM exit status (output: " + out + ")");
    assertEquals(inProcess, out, "fingerprint of seed " + SEED + " in a fresh JVM vs in this one");
  }

  @Test
  void differentSeedsGiveDifferentFingerprints() {
    Set<String> seen = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      String f = FixedScenario.fingerprint(seed);
      assertTrue(seen.add(f), "seed " + seed + " repeats an earlier seed's fingerprint " + f);
    }
  }

  @Test
  void identicalRunsHaveNoDivergence() {
    Simulation a = FixedScenario.run(SEED, RECORDING);
    Simulation b = FixedScenario.run(SEED, RECORDING);
    assertTrue(a.trace().eventCount() > 1_000, "events: " + a.trace().eventCount());
    assertEquals(Optional.empty(), a.trace().firstDivergence(b.trace()), "two runs of one seed");
    assertEquals(a.trace().events(), b.trace().events(), "recorded events");
  }

  @Test
  void aPerturbedRunDivergesExactlyAtTheExtraEvent() {
    Simulation a = FixedScenario.run(SEED, RECORDING);
    Simulation b = FixedScenario.build(SEED, RECORDING);
    b.schedule(1_234_567, "perturbation", () -> b.network().cut(3, 4));
    b.runFor(FixedScenario.RUN_MICROS);

    Divergence d = a.trace().firstDivergence(b.trace()).orElseThrow(() -> new AssertionError("no divergence found"));
    assertNotNull(d.second(), d.describe());
    assertEquals(TraceKind.EXTERNAL, d.second().kind(), d.describe());
    assertEquals("perturbation", d.second().detail(), d.describe());
    assertEquals(1_234_567, d.second().timeMicros(), d.describe());
    assertNotEquals(d.first(), d.second(), d.describe());
    List<TraceEvent> before = a.trace().events().subList(0, (int) d.index());
    assertEquals(before, b.trace().events().subList(0, (int) d.index()), "events before the divergence");
    assertTrue(before.stream().allMatch(e -> e.timeMicros() <= 1_234_567), "nothing after the perturbation came first");
    assertNotEquals(a.fingerprint(), b.fingerprint(), "the perturbation changes the fingerprint");
  }

  @Test
  void traceDivergenceNeedsRecording() {
    Simulation a = FixedScenario.build(SEED, SimulationOptions.DEFAULTS);
    Simulation b = FixedScenario.build(SEED, SimulationOptions.DEFAULTS);
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> a.trace().firstDivergence(b.trace()));
    assertTrue(e.getMessage().contains("recordTrace"), e.getMessage());
  }

  @Test
  void aRunThatDiffersOnlyInAMessagesContentDivergesAtItsDelivery() {
    Simulation a = TestNodes.recordingNodes(SEED, 2, RECORDING);
    Simulation b = TestNodes.recordingNodes(SEED, 2, RECORDING);
    TestNodes.send(a, 0, 1, "value 1");
    TestNodes.send(b, 0, 1, "value 2");
    a.runFor(10_000);
    b.runFor(10_000);
    Divergence d = a.trace().firstDivergence(b.trace()).orElseThrow(() -> new AssertionError("no divergence found"));
    assertEquals(TraceKind.DELIVER, d.second().kind(), d.describe());
    assertEquals("value 2", d.second().detail(), d.describe());
    assertEquals("value 1", d.first().detail(), d.describe());
  }

  @Test
  void aNodeAddedLaterDrawingFromItsOwnStreamChangesNothingElseInTheRun() {
    Simulation plain = FixedScenario.build(SEED, RECORDING);
    Simulation withNoisyNode = FixedScenario.build(SEED, RECORDING);
    withNoisyNode.addNode(9, ctx -> new Node() {
      @Override
      public void start() {
        ctx.setTimer(1_000, "draw", this::draw);
      }

      private void draw() {
        for (int i = 0; i < 100; i++) {
          ctx.random().nextLong();
        }
        ctx.setTimer(1_000 + ctx.random().nextLong(10_000), "draw", this::draw);
      }

      @Override
      public void onMessage(int from, Object message) {}
    });
    plain.runFor(FixedScenario.RUN_MICROS);
    withNoisyNode.runFor(FixedScenario.RUN_MICROS);
    assertEquals(withoutIndex(plain.trace().events(), 9), withoutIndex(withNoisyNode.trace().events(), 9),
        "what nodes 0-4 and the network did, with and without node 9");
  }

  /** The events as text without their index, leaving out those of node {@code left}. */
  private static List<String> withoutIndex(List<TraceEvent> events, int left) {
    return events.stream().filter(e -> e.from() != left && e.to() != left)
        .map(e -> e.timeMicros() + " " + e.kind() + " " + e.from() + " " + e.to() + " " + e.detail()).toList();
  }
}
