package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultTarget;
import dev.omnisim.sim.fault.FaultAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.scenarios.ClusterOptions;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.KvCluster;
import dev.omnisim.sim.DeterministicRandom;
import dev.omnisim.sim.NetworkPreset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quorum-connectivity is computed from the link matrix (both directions must work), and the random
 * topologies keep their promise: on 7 and 9 servers about a third have exactly one quorum-connected
 * server and about a third exactly two; applied to a cluster, the network has exactly the links drawn.
 */
class RandomTopologyTest {
  private static final int DRAWS = 3_000;

  @Test
  void aServerIsQuorumConnectedOnlyThroughLinksThatWorkBothWays() {
    boolean[][] up = new boolean[5][5];
    link(up, 0, 1);
    link(up, 0, 2);
    assertEquals(List.of(0), QuorumConnectivity.of(up));
    up[3][0] = true; // 3 reaches 0, but 0 does not reach 3
    assertEquals(List.of(0), QuorumConnectivity.of(up), "a one-way link must not count");
    up[0][3] = true;
    assertEquals(List.of(0), QuorumConnectivity.of(up), "0 was already quorum-connected; 3 has one link: not");
  }

  @Test
  void theIssuesPingPongTopologyHasExactlyTwoQuorumConnectedServersThatAreNotLinked() {
    // A=0, B=1, X=2, a1=3, a2=4, b1=5, b2=6: links A-X, X-B, A-a1, A-a2, B-b1, B-b2.
    FaultAction.Topology t = new FaultAction.Topology(List.of(List.of(0, 2), List.of(2, 1), List.of(0, 3), List.of(0, 4),
        List.of(1, 5), List.of(1, 6)));
    assertEquals(List.of(0, 1), QuorumConnectivity.of(t, 7));
  }

  @Test
  void onSevenAndNineServersAThirdOfTheDrawsHaveOneAndAThirdTwoQuorumConnectedServers() {
    for (int n : new int[] {7, 9}) {
      DeterministicRandom random = DeterministicRandom.derive(n, "topology-test");
      int one = 0;
      int two = 0;
      for (int i = 0; i < DRAWS; i++) {
        int qc = QuorumConnectivity.of(RandomTopology.draw(n, random), n).size();
        one += qc == 1 ? 1 : 0;
        two += qc == 2 ? 1 : 0;
      }
      System.out.printf("random topologies on %d servers: %.1f %% with 1 quorum-connected, %.1f %% with 2%n", n,
          100.0 * one / DRAWS, 100.0 * two / DRAWS);
      assertTrue(one >= DRAWS * 0.30, n + " servers: only " + one + " of " + DRAWS + " draws had exactly 1");
      assertTrue(two >= DRAWS * 0.30, n + " servers: only " + two + " of " + DRAWS + " draws had exactly 2");
    }
  }

  @Test
  void everyClusterSizeGetsTopologiesWithOneOrTwoQuorumConnectedServersWhereTheyExist() {
    for (int n = 3; n <= 9; n++) {
      DeterministicRandom random = DeterministicRandom.derive(n, "sizes");
      boolean sawOne = false;
      boolean sawTwo = false;
      for (int i = 0; i < 300; i++) {
        int qc = QuorumConnectivity.of(RandomTopology.draw(n, random), n).size();
        sawOne |= qc == 1;
        sawTwo |= qc == 2;
      }
      assertTrue(sawTwo, n + " servers: no draw with two quorum-connected servers");
      assertTrue(sawOne || n == 3, n + " servers: no draw with one (impossible only on 3)");
    }
  }

  @Test
  void appliedToAClusterTheLinkMatrixIsTheTopologyDrawn() {
    KvCluster cluster = new KvCluster(1, new ClusterOptions(9, NetworkPreset.RELIABLE, Implementation.REFERENCE,
        10_000_000, false));
    DeterministicRandom random = DeterministicRandom.derive(1, "apply");
    for (int i = 0; i < 50; i++) {
      FaultAction.Topology t = RandomTopology.draw(9, random);
      t.apply(cluster.faultTarget());
      for (int a = 0; a < 9; a++) {
        for (int b = 0; b < 9; b++) {
          if (a != b) {
            boolean drawn = t.links().contains(List.of(Math.min(a, b), Math.max(a, b)));
            assertEquals(drawn, cluster.sim().network().isLinkUp(a, b), "link " + a + "->" + b + " of " + t);
          }
        }
      }
      assertEquals(QuorumConnectivity.of(t, 9), QuorumConnectivity.of(cluster.sim().network(), 9));
    }
  }

  @Test
  void theFigureFiveShapesAndOneWayFaultsLeaveTheQuorumConnectedServersTheySay() {
    KvCluster cluster = new KvCluster(1, new ClusterOptions(7, NetworkPreset.RELIABLE, Implementation.REFERENCE,
        10_000_000, false));
    FaultTarget target = cluster.faultTarget();
    var network = cluster.sim().network();
    new FaultAction.QuorumLoss(3).apply(target);
    assertEquals(List.of(3), QuorumConnectivity.of(network, 7));
    new FaultAction.ConstrainedElection(0, 5).apply(target);
    assertEquals(List.of(5), QuorumConnectivity.of(network, 7));
    assertTrue(!network.isLinkUp(0, 5) && !network.isLinkUp(5, 0), "the isolated server is cut from the hub");
    new FaultAction.Chained(2, 4).apply(target);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), QuorumConnectivity.of(network, 7));
    assertTrue(!network.isLinkUp(2, 4) && !network.isLinkUp(4, 2) && network.isLinkUp(0, 3));
    new FaultAction.OneWay(List.of(6), List.of(0, 1, 2, 3, 4, 5)).apply(target); // 6 is heard by no one
    assertTrue(!network.isLinkUp(6, 0) && network.isLinkUp(0, 6), "one way only");
    assertEquals(List.of(0, 1, 2, 3, 4, 5), QuorumConnectivity.of(network, 7), "6 is heard by no one");
  }

  private static void link(boolean[][] up, int a, int b) {
    up[a][b] = true;
    up[b][a] = true;
  }
}
