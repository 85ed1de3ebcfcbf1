package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * Which servers are quorum-connected: linked, in both directions, to enough servers to form a
 * majority with themselves. Only such a server can lead in Omni-Paxos (Ballot Leader Election), and
 * the paper's claim is progress whenever one exists. A link that works one way only does not count:
 * a server that can send but not hear gathers no quorum.
 */
public final class QuorumConnectivity {
  private QuorumConnectivity() {}

  /** The quorum-connected servers given {@code up[a][b]}, whether a message from a reaches b. */
  public static List<Integer> of(boolean[][] up) {
    int n = up.length;
    int majority = n / 2 + 1;
    List<Integer> connected = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      int reach = 1; // itself
      for (int b = 0; b < n; b++) {
        if (a != b && up[a][b] && up[b][a]) {
          reach++;
        }
      }
      if (reach >= majority) {
        connected.add(a);
      }
    }
    return List.copyOf(connected);
  }

  /** The quorum-connected servers among nodes 0..servers-1 of {@code network}, from its link matrix now. */
  public static List<Integer> of(Network network, int servers) {
    boolean[][] up = new boolean[servers][servers];
    for (int a = 0; a < servers; a++) {
      for (int b = 0; b < servers; b++) {
        up[a][b] = a != b && network.isLinkUp(a, b);
      }
    }
    return of(up);
  }

  /** The quorum-connected servers of {@code topology} on {@code servers} servers. */
  public static List<Integer> of(FaultAction.Topology topology, int servers) {
    boolean[][] up = new boolean[servers][servers];
    for (List<Integer> pair : topology.links()) {
      up[pair.get(0)][pair.get(1)] = true;
      up[pair.get(1)][pair.get(0)] = true;
    }
    return of(up);
  }
}
