package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.TestNodes.Arrival;
import dev.omnisim.sim.TestNodes.Stamped;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** The labrpc presets do what labrpc's modes do, measured over at least 10 000 messages or calls. */
class NetworkPresetTest {
  private static final int CALLS = 10_000;
  private static final double ALPHA = 0.001;
  private static final BinomialTest BINOMIAL = new BinomialTest();

  /** How one call ended and when. */
  record Outcome(int seq, CallResult result, long afterMicros) {}

  /** Node 0 calls node 1 {@code count} times at time 0; returns every completion. */
  private static List<Outcome> callMany(Simulation sim, int count, long timeoutMicros) {
    List<Outcome> outcomes = new ArrayList<>();
    long start = sim.now();
    for (int i = 0; i < count; i++) {
      int seq = i;
      recorder(sim, 0).ctx.call(1, new Stamped(i, start), timeoutMicros,
          r -> outcomes.add(new Outcome(seq, r, sim.now() - start)));
    }
    sim.runUntilIdle();
    boolean[] seen = new boolean[count];
    for (Outcome o : outcomes) {
      assertTrue(!seen[o.seq()], "call " + o.seq() + " completed twice");
      seen[o.seq()] = true;
    }
    assertEquals(count, outcomes.size(), "every call completes exactly once");
    return outcomes;
  }

  private static long failedWith(List<Outcome> outcomes, CallFailure reason) {
    return outcomes.stream().filter(o -> o.result().equals(new CallResult.Failure(reason))).count();
  }

  @Test
  void unreliableDropsAboutTenPercentOfRequestsAndTenPercentOfReplies() {
    Simulation sim = TestNodes.recordingNodes(41, 2);
    sim.network().apply(NetworkPreset.UNRELIABLE);
    List<Outcome> outcomes = callMany(sim, CALLS, 10_000_000);

    int handled = recorder(sim, 1).requests.size();
    long replies = outcomes.stream().filter(o -> o.result().ok()).count();
    double requestP = BINOMIAL.binomialTest(CALLS, CALLS - handled, 0.1, AlternativeHypothesis.TWO_SIDED);
    double replyP = BINOMIAL.binomialTest(handled, (int) (handled - replies), 0.1, AlternativeHypothesis.TWO_SIDED);
    assertTrue(requestP > ALPHA, (CALLS - handled) + " of " + CALLS + " requests dropped: p-value " + requestP);
    assertTrue(replyP > ALPHA, (handled - replies) + " of " + handled + " replies dropped: p-value " + replyP);
    assertEquals(CALLS - handled, failedWith(outcomes, CallFailure.REQUEST_DROPPED), "dropped requests fail as such");
    assertEquals(handled - replies, failedWith(outcomes, CallFailure.REPLY_DROPPED), "dropped replies fail as such");
    assertEquals(CALLS - replies, sim.counters().rpcsFailed(), "failed calls counted");
    assertEquals(CALLS, sim.counters().rpcsSent(), "calls counted");
    for (Outcome o : outcomes) {
      long limit = o.result().ok() ? 2 * 26_000 : 26_000 + 99_000;
      assertTrue(o.afterMicros() <= limit, "call " + o.seq() + " ended after " + o.afterMicros() + " µs: " + o.result());
    }
  }

  @Test
  void unreliableDelaysMessagesUniformlyUpTo26Milliseconds() {
    Simulation sim = TestNodes.recordingNodes(42, 2);
    sim.network().apply(NetworkPreset.UNRELIABLE);
    for (int i = 0; i < CALLS; i++) {
      send(sim, 0, 1, new Stamped(i, 0));
    }
    sim.runUntilIdle();
    List<Arrival> arrivals = recorder(sim, 1).messages;
    DeterministicRandom jitter = new DeterministicRandom(42);
    double[] delays = arrivals.stream().mapToDouble(a -> a.atMicros() + jitter.nextDouble()).toArray();
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        NetworkPreset.UNRELIABLE.faults().latency().distribution(), delays);
    assertTrue(p > ALPHA, "delays fit uniform 0–26 ms: p-value " + p);
    assertTrue(arrivals.stream().allMatch(a -> a.atMicros() <= 26_000), "no delay over 26 ms");
    double dropP = BINOMIAL.binomialTest(CALLS, CALLS - arrivals.size(), 0.1, AlternativeHypothesis.TWO_SIDED);
    assertTrue(dropP > ALPHA, "one-way messages are dropped 10 % of the time too: p-value " + dropP);
  }

  @Test
  void longDelaysMakesACallToACutLinkFailAfterUpToSevenSeconds() {
    Simulation sim = TestNodes.recordingNodes(43, 2);
    sim.network().apply(NetworkPreset.LONG_DELAYS);
    sim.network().cut(0, 1);
    List<Outcome> outcomes = callMany(sim, CALLS, 60_000_000);

    assertEquals(CALLS, failedWith(outcomes, CallFailure.UNREACHABLE), "every call fails as unreachable");
    long longest = outcomes.stream().mapToLong(Outcome::afterMicros).max().orElseThrow();
    assertTrue(longest <= 7_000_000 && longest > 6_900_000, "the longest failure took " + longest + " µs");
    DeterministicRandom jitter = new DeterministicRandom(43);
    double[] waits = outcomes.stream().mapToDouble(o -> o.afterMicros() + jitter.nextDouble()).toArray();
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
        new UniformRealDistribution(null, 0, 7_000_001), waits);
    assertTrue(p > ALPHA, "failure delays fit uniform 0–7 s: p-value " + p);
  }

  @Test
  void longDelaysAlsoAppliesToADisconnectedCalleeButATimeoutComesFirst() {
    Simulation sim = TestNodes.recordingNodes(44, 2);
    sim.network().apply(NetworkPreset.LONG_DELAYS);
    sim.network().disconnect(1);
    List<Outcome> outcomes = callMany(sim, 1_000, 3_000_000);
    long timeouts = failedWith(outcomes, CallFailure.TIMEOUT);
    long unreachable = failedWith(outcomes, CallFailure.UNREACHABLE);
    assertEquals(1_000, timeouts + unreachable, "every call fails by timeout or unreachability");
    assertTrue(timeouts > 450 && timeouts < 700, "about 4/7 of failure delays exceed the 3 s timeout: " + timeouts);
    assertTrue(outcomes.stream().allMatch(o -> o.afterMicros() <= 3_000_000), "no call outlives its timeout");
  }

  @Test
  void reliableMakesACallToACutLinkFailWithinAHundredMilliseconds() {
    Simulation sim = TestNodes.recordingNodes(45, 2);
    sim.network().apply(NetworkPreset.RELIABLE);
    sim.network().cut(0, 1);
    List<Outcome> outcomes = callMany(sim, 1_000, 60_000_000);
    assertTrue(outcomes.stream().allMatch(o -> o.afterMicros() < 100_000), "every failure within 100 ms");
  }

  @Test
  void longReorderingDelaysAboutTwoThirdsOfMessagesBy200MillisecondsTo2point2Seconds() {
    Simulation sim = TestNodes.recordingNodes(46, 2);
    sim.network().apply(NetworkPreset.LONG_REORDERING);
    for (int i = 0; i < CALLS; i++) {
      send(sim, 0, 1, new Stamped(i, 0));
    }
    sim.runUntilIdle();
    List<Arrival> arrivals = recorder(sim, 1).messages;
    assertEquals(CALLS, arrivals.size(), "long reordering loses nothing");
    int delayed = 0;
    for (Arrival a : arrivals) {
      long t = a.atMicros();
      if (t >= 200_000) {
        delayed++;
        assertTrue(t <= 2_200_000 + 1_000, "a spiked delay of " + t + " µs");
      } else {
        assertTrue(t <= 1_000, "an unspiked delay of " + t + " µs");
      }
    }
    double p = BINOMIAL.binomialTest(CALLS, delayed, 2.0 / 3.0, AlternativeHypothesis.TWO_SIDED);
    assertTrue(p > ALPHA, delayed + " of " + CALLS + " delayed: p-value " + p);
    long outOfOrder = 0;
    for (int i = 1; i < arrivals.size(); i++) {
      if (((Stamped) arrivals.get(i).message()).seq() < ((Stamped) arrivals.get(i - 1).message()).seq()) {
        outOfOrder++;
      }
    }
    assertTrue(outOfOrder > CALLS / 10, "messages are reordered: " + outOfOrder);
  }
}
