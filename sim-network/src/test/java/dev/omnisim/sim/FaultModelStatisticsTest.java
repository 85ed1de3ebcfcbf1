package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.TestNodes.Arrival;
import dev.omnisim.sim.TestNodes.Stamped;
import java.util.List;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The fault model, measured: over many messages, the observed drop and duplication rates match the
 * configured probabilities (binomial tests) and the delays messages take through the network fit
 * their latency distribution (Kolmogorov–Smirnov). Each test also shows it could fail: the same data
 * rejects a slightly wrong setting.
 */
class FaultModelStatisticsTest {
  private static final int MESSAGES = 20_000;
  private static final double ALPHA = 0.001;
  private static final BinomialTest BINOMIAL = new BinomialTest();
  private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

  /** Sends {@code count} stamped messages 0→1 at time 0 and runs until all have arrived or been lost. */
  private static List<Arrival> sendAndCollect(Simulation sim, int count) {
    for (int i = 0; i < count; i++) {
      send(sim, 0, 1, new Stamped(i, sim.now()));
    }
    sim.runUntilIdle();
    return recorder(sim, 1).messages;
  }

  private static Simulation twoNodes(long seed, LinkFaults faults) {
    Simulation sim = TestNodes.recordingNodes(seed, 2);
    sim.network().setDefaultFaults(faults);
    return sim;
  }

  private static double binomialP(int trials, int successes, double p) {
    return BINOMIAL.binomialTest(trials, successes, p, AlternativeHypothesis.TWO_SIDED);
  }

  /** How often each sequence number arrived. */
  private static int[] copiesBySeq(List<Arrival> arrivals, int count) {
    int[] copies = new int[count];
    for (Arrival a : arrivals) {
      copies[((Stamped) a.message()).seq()]++;
    }
    return copies;
  }

  @Test
  void theObservedDropRateMatchesTheDropProbability() {
    double p = 0.2;
    Simulation sim = twoNodes(11, LinkFaults.NONE.withDropProbability(p));
    int delivered = sendAndCollect(sim, MESSAGES).size();
    int lost = MESSAGES - delivered;

    double pValue = binomialP(MESSAGES, lost, p);
    assertTrue(pValue > ALPHA, lost + " of " + MESSAGES + " lost with drop probability " + p + ": p-value " + pValue);
    assertTrue(binomialP(MESSAGES, lost, p + 0.02) < ALPHA, "the test tells " + p + " from " + (p + 0.02));
    assertEquals(lost, sim.counters().dropped(DropReason.RANDOM_LOSS), "each loss counted as random loss");
    assertEquals(lost, sim.counters().messagesDropped(), "no loss for another reason");
  }

  @Test
  void theObservedDuplicationRateMatchesTheDuplicationProbability() {
    double p = 0.3;
    Simulation sim = twoNodes(12, LinkFaults.NONE.withDuplicateProbability(p));
    List<Arrival> arrivals = sendAndCollect(sim, MESSAGES);
    int[] copies = copiesBySeq(arrivals, MESSAGES);
    int duplicated = 0;
    for (int seq = 0; seq < MESSAGES; seq++) {
      assertTrue(copies[seq] == 1 || copies[seq] == 2, "message " + seq + " arrived " + copies[seq] + " times");
      duplicated += copies[seq] - 1;
    }

    double pValue = binomialP(MESSAGES, duplicated, p);
    assertTrue(pValue > ALPHA, duplicated + " of " + MESSAGES + " duplicated with probability " + p + ": p-value " + pValue);
    assertTrue(binomialP(MESSAGES, duplicated, p + 0.02) < ALPHA, "the test tells " + p + " from " + (p + 0.02));
    assertEquals(duplicated, sim.counters().messagesDuplicated(), "duplicates counted");
    assertEquals(MESSAGES, sim.counters().messagesSent(), "copies are not counted as sent");
    assertEquals(MESSAGES + duplicated, sim.counters().messagesDelivered(), "every copy counted as delivered");
  }

  @Test
  void duplicationStrikesOnlyMessagesThatWereNotDropped() {
    double drop = 0.1;
    double dup = 0.25;
    Simulation sim = twoNodes(13, LinkFaults.NONE.withDropProbability(drop).withDuplicateProbability(dup));
    int[] copies = copiesBySeq(sendAndCollect(sim, MESSAGES), MESSAGES);
    int survivors = 0;
    int duplicated = 0;
    for (int c : copies) {
      assertTrue(c <= 2, "a message arrived " + c + " times");
      survivors += c > 0 ? 1 : 0;
      duplicated += c == 2 ? 1 : 0;
    }
    double dropP = binomialP(MESSAGES, MESSAGES - survivors, drop);
    double dupP = binomialP(survivors, duplicated, dup);
    assertTrue(dropP > ALPHA, (MESSAGES - survivors) + " of " + MESSAGES + " dropped, p-value " + dropP);
    assertTrue(dupP > ALPHA, duplicated + " of " + survivors + " survivors duplicated, p-value " + dupP);
    Counters c = sim.counters();
    assertEquals(c.messagesSent() + c.messagesDuplicated(), c.messagesDelivered() + c.messagesDropped(),
        "every copy is delivered or dropped");
  }

  @Test
  void uniformDelaysThroughTheNetworkFitTheirDistribution() {
    Latency latency = new Latency.Uniform(2_000, 30_000);
    double[] delays = measuredDelays(21, latency);
    for (double d : delays) {
      assertTrue(d >= 2_000 && d < 30_001, "delay " + d + " outside " + latency);
    }
    assertFits(latency, delays, new UniformRealDistribution(null, 2_000, 31_000));
  }

  @Test
  void exponentialDelaysThroughTheNetworkFitTheirDistribution() {
    Latency latency = new Latency.Exponential(5_000);
    assertFits(latency, measuredDelays(22, latency), new ExponentialDistribution(null, 5_500));
  }

  @Test
  void logNormalDelaysThroughTheNetworkFitTheirDistribution() {
    Latency latency = Latency.LogNormal.withMedian(4_000, 0.6);
    assertFits(latency, measuredDelays(23, latency), new LogNormalDistribution(null, Math.log(4_400), 0.6));
  }

  @Test
  void aConstantLatencyDelaysEveryMessageByExactlyThatMuch() {
    double[] delays = measuredDelays(24, new Latency.Constant(7_000));
    for (double d : delays) {
      assertTrue(d >= 7_000 && d < 7_001, "delay " + d + " of a constant 7 ms link");
    }
  }

  @Test
  void sampleMicrosAloneFitsTheDistributionToo() {
    DeterministicRandom random = new DeterministicRandom(25);
    for (Latency latency : List.of(new Latency.Uniform(0, 26_000), new Latency.Exponential(800),
        new Latency.LogNormal(8, 1.2))) {
      double[] samples = new double[MESSAGES];
      for (int i = 0; i < samples.length; i++) {
        long s = latency.sampleMicros(random);
        assertTrue(s >= 0, "negative sample " + s + " of " + latency);
        samples[i] = s + random.nextDouble();
      }
      double p = KS.kolmogorovSmirnovTest(latency.distribution(), samples);
      assertTrue(p > ALPHA, latency + ": Kolmogorov–Smirnov p-value " + p);
    }
  }

  @Test
  void staleMessagesAreHeldBackWithTheirProbabilityByTheirDelay() {
    double p = 0.1;
    Latency stale = new Latency.Uniform(500_000, 2_000_000);
    Simulation sim = twoNodes(26, LinkFaults.NONE.withStaleMessages(p, stale));
    List<Arrival> arrivals = sendAndCollect(sim, MESSAGES);
    assertEquals(MESSAGES, arrivals.size(), "a stale message is late, not lost");
    DeterministicRandom jitter = new DeterministicRandom(26);
    List<Double> extra = new java.util.ArrayList<>();
    for (Arrival a : arrivals) {
      long delay = a.atMicros() - ((Stamped) a.message()).sentAtMicros();
      assertTrue(delay == 1_000 || delay >= 501_000, "delay " + delay + ": the link's 1 ms, or that plus a stale delay");
      if (delay > 1_000) {
        extra.add(delay - 1_000 + jitter.nextDouble());
      }
    }
    double pValue = binomialP(MESSAGES, extra.size(), p);
    assertTrue(pValue > ALPHA, extra.size() + " of " + MESSAGES + " stale with probability " + p + ": p-value " + pValue);
    assertTrue(binomialP(MESSAGES, extra.size(), p + 0.02) < ALPHA, "the test tells " + p + " from " + (p + 0.02));
    assertEquals(extra.size(), sim.counters().messagesStale(), "each stale message counted");
    double[] delays = extra.stream().mapToDouble(Double::doubleValue).toArray();
    assertFits(stale, delays, new UniformRealDistribution(null, 500_000, 2_100_000));
  }

  @Test
  void aStaleMessageIsOvertakenEvenOnAFifoLinkAndWithoutStaleMessagesNothingIs() {
    for (double p : new double[] {0, 0.05}) {
      LinkFaults fifo = LinkFaults.NONE.withLatency(new Latency.Uniform(100, 5_000)).withFifo(true)
          .withStaleMessages(p, new Latency.Uniform(500_000, 900_000));
      Simulation sim = twoNodes(27, fifo);
      int count = 2_000;
      for (int i = 0; i < count; i++) {
        int seq = i;
        sim.schedule(i * 100L, "send " + i, () -> send(sim, 0, 1, new Stamped(seq, sim.now())));
      }
      sim.runUntilIdle();
      List<Arrival> arrivals = recorder(sim, 1).messages;
      assertEquals(count, arrivals.size(), "nothing lost");
      int overtaken = 0;
      int lastOnTime = -1;
      int highestSoFar = -1;
      for (Arrival a : arrivals) {
        Stamped m = (Stamped) a.message();
        boolean stale = a.atMicros() - m.sentAtMicros() >= 500_000;
        int highestBefore = highestSoFar;
        highestSoFar = Math.max(highestSoFar, m.seq());
        if (stale) {
          assertTrue(highestBefore > m.seq(), "stale message " + m.seq() + " arrived after a later one");
          overtaken++;
        } else {
          assertTrue(m.seq() > lastOnTime, "message " + m.seq() + " kept FIFO order among those on time");
          lastOnTime = m.seq();
        }
      }
      assertEquals(sim.counters().messagesStale(), overtaken, "each stale message counted");
      if (p == 0) {
        assertEquals(0, overtaken, "without stale messages a FIFO link is never overtaken");
      } else {
        assertTrue(overtaken > 50, "stale messages overtaken: " + overtaken);
      }
    }
  }

  /**
   * The delays {@code MESSAGES} messages took through a link with {@code latency}, each plus a uniform
   * fraction of a microsecond: the kernel rounds delays down to whole microseconds, and the fraction
   * undoes that rounding so the samples can be compared with the continuous law.
   */
  private static double[] measuredDelays(long seed, Latency latency) {
    Simulation sim = twoNodes(seed, LinkFaults.NONE.withLatency(latency));
    sim.runFor(1_000);
    List<Arrival> arrivals = sendAndCollect(sim, MESSAGES);
    assertEquals(MESSAGES, arrivals.size(), "a lossless link delivers every message");
    DeterministicRandom jitter = new DeterministicRandom(seed);
    double[] delays = new double[arrivals.size()];
    for (int i = 0; i < delays.length; i++) {
      Arrival a = arrivals.get(i);
      delays[i] = a.atMicros() - ((Stamped) a.message()).sentAtMicros() + jitter.nextDouble();
    }
    return delays;
  }

  private static void assertFits(Latency latency, double[] delays, RealDistribution slightlyWrong) {
    double p = KS.kolmogorovSmirnovTest(latency.distribution(), delays);
    assertTrue(p > ALPHA, delays.length + " delays of " + latency + ": Kolmogorov–Smirnov p-value " + p);
    double wrongP = KS.kolmogorovSmirnovTest(slightlyWrong, delays);
    assertTrue(wrongP < ALPHA, "the test rejects a slightly wrong law: p-value " + wrongP);
  }
}
