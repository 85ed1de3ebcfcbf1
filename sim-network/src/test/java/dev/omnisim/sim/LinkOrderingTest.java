package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.sim.TestNodes.Arrival;
import dev.omnisim.sim.TestNodes.Stamped;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FIFO links deliver in send order whatever their delays; unordered links let jitter reorder. */
class LinkOrderingTest {
  private static final int MESSAGES = 10_000;
  private static final LinkFaults JITTERY =
      LinkFaults.NONE.withLatency(new Latency.Exponential(5_000)).withSpikes(0.1, Latency.uniformMillis(20, 200));

  /** Node 0 sends {@code MESSAGES} stamped messages to node 1, one every 100 µs. */
  private static List<Arrival> stream(long seed, LinkFaults faults) {
    Simulation sim = TestNodes.recordingNodes(seed, 2);
    sim.network().setDefaultFaults(faults);
    for (int i = 0; i < MESSAGES; i++) {
      int seq = i;
      sim.schedule(100L * i, "send " + i, () -> send(sim, 0, 1, new Stamped(seq, sim.now())));
    }
    sim.runUntilIdle();
    return recorder(sim, 1).messages;
  }

  /** Pairs of arrivals where a later-sent message came first. */
  private static long inversions(List<Arrival> arrivals) {
    long count = 0;
    int highest = -1;
    for (Arrival a : arrivals) {
      int seq = ((Stamped) a.message()).seq();
      if (seq < highest) {
        count++;
      }
      highest = Math.max(highest, seq);
    }
    return count;
  }

  @Test
  void aFifoLinkNeverReordersEvenUnderJitterAndSpikes() {
    List<Arrival> arrivals = stream(31, JITTERY.withFifo(true));
    assertEquals(MESSAGES, arrivals.size(), "a lossless FIFO link delivers everything");
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(i, ((Stamped) arrivals.get(i).message()).seq(), "the " + i + "th message to arrive");
    }
  }

  @Test
  void aFifoLinkKeepsOrderWithDuplicatesAndLosses() {
    List<Arrival> arrivals = stream(32, JITTERY.withFifo(true).withDuplicateProbability(0.3).withDropProbability(0.2));
    assertEquals(0, inversions(arrivals), "reordered arrivals on a FIFO link");
    assertTrue(arrivals.size() > MESSAGES / 2, "most messages arrived: " + arrivals.size());
  }

  @Test
  void anUnorderedLinkReordersUnderJitter() {
    List<Arrival> arrivals = stream(33, JITTERY);
    assertEquals(MESSAGES, arrivals.size(), "a lossless link delivers everything");
    long inversions = inversions(arrivals);
    assertTrue(inversions > MESSAGES / 10, "reordered arrivals on an unordered jittery link: " + inversions);
  }

  @Test
  void anUnorderedLinkWithAConstantDelayKeepsSendOrder() {
    List<Arrival> arrivals = stream(34, LinkFaults.NONE.withLatency(Latency.millis(3)));
    assertEquals(0, inversions(arrivals), "equal delays cannot reorder: same-time events run in insertion order");
  }
}
