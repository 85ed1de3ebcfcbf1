package dev.omnisim.sim;

import static dev.omnisim.sim.TestNodes.recorder;
import static dev.omnisim.sim.TestNodes.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The connectivity helpers change exactly the links they name. Each test probes every directed pair of
 * a five-node network with a real message and compares what got through with the links expected up,
 * written as {@code "0-1"} (both ways) or {@code "0>1"} (one way).
 */
class NetworkTopologyTest {
  private static final int N = 5;

  /** A probe of one round of {@link #reachable}. */
  record Probe(int round) {}

  private final Simulation sim = TestNodes.recordingNodes(7, N);
  private int round;

  /** The directed pairs a message gets through now; {@link Network#isLinkUp} must say the same. */
  private TreeSet<String> reachable() {
    TreeSet<String> got = probe();
    TreeSet<String> claimed = new TreeSet<>();
    for (int a = 0; a < N; a++) {
      for (int b = 0; b < N; b++) {
        if (a != b && sim.network().isLinkUp(a, b)) {
          claimed.add(a + ">" + b);
        }
      }
    }
    assertEquals(claimed, got, "isLinkUp agrees with what got through");
    return got;
  }

  /** The directed pairs a message gets through now, probed with one message per pair. */
  private TreeSet<String> probe() {
    int r = ++round;
    for (int a = 0; a < N; a++) {
      for (int b = 0; b < N; b++) {
        if (a != b) {
          send(sim, a, b, new Probe(r));
        }
      }
    }
    sim.runFor(10_000); // reliable links deliver within 1 ms
    TreeSet<String> got = new TreeSet<>();
    for (int b = 0; b < N; b++) {
      for (TestNodes.Arrival a : recorder(sim, b).messages) {
        if (a.message().equals(new Probe(r))) {
          got.add(a.from() + ">" + b);
        }
      }
    }
    return got;
  }

  /** The directed pairs named: {@code "a-b"} is both ways, {@code "a>b"} one way. */
  private static TreeSet<String> links(String... specs) {
    TreeSet<String> out = new TreeSet<>();
    for (String s : specs) {
      if (s.contains("-")) {
        String[] ab = s.split("-");
        out.add(ab[0] + ">" + ab[1]);
        out.add(ab[1] + ">" + ab[0]);
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static TreeSet<String> allLinks() {
    List<String> specs = new ArrayList<>();
    for (int a = 0; a < N; a++) {
      for (int b = a + 1; b < N; b++) {
        specs.add(a + "-" + b);
      }
    }
    return links(specs.toArray(String[]::new));
  }

  private static TreeSet<String> allLinksBut(String... specs) {
    TreeSet<String> out = allLinks();
    out.removeAll(links(specs));
    return out;
  }

  @Test
  void everyLinkIsUpAtTheStart() {
    assertEquals(allLinks(), reachable());
  }

  @Test
  void aCutLinkDeliversNothingEitherWay() {
    sim.network().cut(0, 1);
    for (int i = 0; i < 1_000; i++) {
      send(sim, 0, 1, "a" + i);
      send(sim, 1, 0, "b" + i);
    }
    sim.runFor(100_000);
    assertEquals(0, recorder(sim, 1).messagesFrom(0), "0→1 delivered something over a cut");
    assertEquals(0, recorder(sim, 0).messagesFrom(1), "1→0 delivered something over a cut");
    assertEquals(2_000, sim.counters().dropped(DropReason.LINK_DOWN), "each message dropped as link down");
    assertEquals(allLinksBut("0-1"), reachable());
  }

  @Test
  void aOneWayCutIsOneWay() {
    sim.network().cutOneWay(0, 1);
    assertEquals(allLinksBut("0>1"), reachable());
    sim.network().linkOneWay(0, 1);
    assertEquals(allLinks(), reachable());
  }

  @Test
  void isolateOutgoingSilencesANodeThatStillHearsEveryone() {
    sim.network().isolateOutgoing(2);
    assertEquals(allLinksBut("2>0", "2>1", "2>3", "2>4"), reachable());
    assertEquals(4, sim.counters().dropped(DropReason.LINK_DOWN), "the probes from node 2, dropped as link down");
    sim.network().heal();
    assertEquals(allLinks(), reachable());
  }

  @Test
  void isolateIncomingDeafensANodeThatEveryoneStillHears() {
    sim.network().isolateIncoming(2);
    assertEquals(allLinksBut("0>2", "1>2", "3>2", "4>2"), reachable());
    sim.network().heal();
    assertEquals(allLinks(), reachable());
  }

  @Test
  void aOneWayCutBetweenGroupsCutsEveryLinkFromTheFirstToTheSecondOnly() {
    sim.network().cutOneWay(List.of(0, 1), List.of(3, 4));
    assertEquals(allLinksBut("0>3", "0>4", "1>3", "1>4"), reachable(), "node 2, named in neither, unchanged");
    sim.network().heal();
    sim.network().cutOneWay(List.of(0, 1, 2), List.of(1, 2, 3)); // overlapping groups: no self-links
    assertEquals(allLinksBut("0>1", "0>2", "0>3", "1>2", "1>3", "2>1", "2>3"), reachable());
    sim.network().heal();
    assertEquals(allLinks(), reachable());
  }

  @Test
  void aOneWayGroupCutLosesWhatIsInFlightInThatDirectionOnly() {
    slowLinks();
    send(sim, 0, 3, "doomed");
    send(sim, 3, 0, "the other way");
    sim.runFor(3_000);
    sim.network().cutOneWay(List.of(0), List.of(3, 4));
    sim.runFor(20_000);
    assertEquals(0, recorder(sim, 3).messages.size(), "the message in flight 0→3 was lost");
    assertEquals(1, recorder(sim, 0).messages.size(), "3→0 still delivers");
    assertEquals(1, sim.counters().dropped(DropReason.LINK_DOWN_IN_FLIGHT));
  }

  @Test
  void linkRestoresACutLink() {
    sim.network().cut(2, 3);
    sim.network().link(2, 3);
    assertEquals(allLinks(), reachable());
  }

  @Test
  void aPartitionSplitsExactlyTheGroupsNamedAndLeavesOtherNodesAlone() {
    sim.network().cut(0, 4); // a link to an unnamed node: the partition must keep it as it is
    sim.network().partition(new int[] {0, 1}, new int[] {2, 3});
    assertEquals(links("0-1", "2-3", "1-4", "2-4", "3-4"), reachable());
  }

  @Test
  void aPartitionRestoresLinksWithinAGroup() {
    sim.network().cut(0, 1);
    sim.network().partition(new int[] {0, 1, 2}, new int[] {3, 4});
    assertEquals(links("0-1", "0-2", "1-2", "3-4"), reachable());
    sim.network().partition(new int[] {0}, new int[] {1, 2, 3, 4});
    assertEquals(links("1-2", "1-3", "1-4", "2-3", "2-4", "3-4"), reachable());
  }

  @Test
  void aStarLinksTheCenterToTheOthersOnly() {
    sim.network().star(0, 1, 2, 3);
    assertEquals(links("0-1", "0-2", "0-3", "0-4", "1-4", "2-4", "3-4"), reachable(), "node 4 unnamed: unchanged");
  }

  @Test
  void aChainLinksNeighboursOnly() {
    sim.network().chain(3, 0, 1, 2);
    assertEquals(links("3-0", "0-1", "1-2", "0-4", "1-4", "2-4", "3-4"), reachable(), "node 4 unnamed: unchanged");
  }

  @Test
  void isolateCutsANodeFromEveryone() {
    sim.network().isolate(2);
    assertEquals(allLinksBut("0-2", "1-2", "2-3", "2-4"), reachable());
  }

  @Test
  void disconnectCutsANodeOffAndConnectPutsBackItsLinksAsTheyWere() {
    sim.network().cutOneWay(1, 3);
    sim.network().disconnect(1);
    assertTrue(!sim.network().isConnected(1), "node 1 disconnected");
    assertEquals(allLinksBut("0-1", "1-2", "1-3", "1-4"), reachable());
    sim.network().connect(1);
    assertEquals(allLinksBut("1>3"), reachable(), "the one-way cut made before the disconnect stays");
  }

  @Test
  void healRestoresEveryLinkButKeepsFaultSettings() {
    LinkFaults lossy = LinkFaults.NONE.withDropProbability(0.5);
    LinkFaults slow = LinkFaults.NONE.withLatency(Latency.millis(2));
    sim.network().setDefaultFaults(slow);
    sim.network().setLinkFaults(3, 4, lossy);
    sim.network().partition(new int[] {0, 1}, new int[] {2, 3, 4});
    sim.network().disconnect(2);
    sim.network().heal();
    assertEquals(lossy, sim.network().faults(3, 4), "the override survives heal");
    assertEquals(slow, sim.network().faults(4, 3), "the defaults survive heal");
    sim.network().clearLinkFaults();
    assertEquals(allLinks(), reachable());
  }

  @Test
  void aPerLinkOverrideAppliesToThatDirectionOnly() {
    sim.network().setLinkFaults(0, 1, LinkFaults.NONE.withDropProbability(1.0));
    assertEquals(allLinksBut("0>1"), probe());
    assertTrue(sim.network().isLinkUp(0, 1), "a lossy link is still up");
    assertEquals(1, sim.counters().dropped(DropReason.RANDOM_LOSS), "the probe 0→1 was lost at random");
    sim.network().clearLinkFaults();
    assertEquals(allLinks(), reachable());
  }

  // ---- messages in flight --------------------------------------------------------------------

  private void slowLinks() {
    sim.network().setDefaultFaults(LinkFaults.NONE.withLatency(Latency.millis(10)));
  }

  @Test
  void aLinkThatGoesDownLosesWhatIsInFlight() {
    slowLinks();
    for (int i = 0; i < 100; i++) {
      send(sim, 0, 1, "m" + i);
      send(sim, 2, 3, "m" + i);
    }
    sim.runFor(5_000);
    sim.network().cut(0, 1);
    sim.runFor(20_000);
    assertEquals(0, recorder(sim, 1).messages.size(), "messages in flight on the cut link");
    assertEquals(100, recorder(sim, 3).messages.size(), "messages on another link are untouched");
    assertEquals(100, sim.counters().dropped(DropReason.LINK_DOWN_IN_FLIGHT), "drops counted as link down in flight");
  }

  @Test
  void aMessageInFlightWhenItsLinkIsCutIsLostEvenIfTheLinkIsBackBeforeItArrives() {
    slowLinks();
    send(sim, 0, 1, "in flight during the cut");
    sim.runFor(3_000);
    sim.network().cut(0, 1);
    sim.runFor(3_000);
    sim.network().link(0, 1);
    send(sim, 0, 1, "sent after the link came back");
    sim.runFor(20_000);
    assertEquals(List.of("sent after the link came back"),
        recorder(sim, 1).messages.stream().map(TestNodes.Arrival::message).toList(), "what node 1 received");
    assertEquals(1, sim.counters().dropped(DropReason.LINK_DOWN_IN_FLIGHT), "the lost message's reason");
  }

  @Test
  void aMessageInFlightWhenItsSenderIsDisconnectedIsLostEvenIfItReconnectsBeforeItArrives() {
    slowLinks();
    send(sim, 0, 1, "in flight during the disconnect");
    send(sim, 2, 3, "on a link not involved");
    sim.runFor(3_000);
    sim.network().disconnect(0);
    sim.runFor(3_000);
    sim.network().connect(0);
    sim.runFor(20_000);
    assertEquals(0, recorder(sim, 1).messages.size(), "the message in flight was lost");
    assertEquals(1, recorder(sim, 3).messages.size(), "the other link kept its message");
    assertEquals(1, sim.counters().dropped(DropReason.LINK_DOWN_IN_FLIGHT), "the lost message's reason");
  }

  @Test
  void cuttingALinkThatIsAlreadyDownOrAnotherLinkLosesNothingInFlight() {
    slowLinks();
    sim.network().cut(3, 4);
    send(sim, 0, 1, "keeps going");
    sim.runFor(3_000);
    sim.network().cut(3, 4);
    sim.network().cut(1, 2);
    sim.network().partition(new int[] {0, 1, 2}, new int[] {3});
    sim.runFor(20_000);
    assertEquals(1, recorder(sim, 1).messages.size(), "the message on the untouched link 0→1 arrived");
  }
}
