package dev.omnisim.scenarios.fuzz;

import dev.omnisim.sim.fault.FaultAction;
import dev.omnisim.sim.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws random link graphs among the servers, biased towards the hard cases of partial
 * connectivity: a third of the draws have exactly one quorum-connected server, a third exactly two
 * (where two leaders can take over from each other when their quorums meet only in servers that are
 * not quorum-connected), the rest are random graphs of any density. Where a count cannot exist (one
 * quorum-connected server among 3), a random graph is drawn instead.
 */
public final class RandomTopology {
  /** Attempts at a graph with the wanted count before falling back to a random one. */
  static final int ATTEMPTS_MAX = 32;

  private RandomTopology() {}

  /** A random topology on servers 0..servers-1. */
  public static FaultAction.Topology draw(int servers, DeterministicRandom random) {
    int wanted = switch (random.nextInt(3)) {
      case 0 -> 1;
      case 1 -> 2;
      default -> -1;
    };
    if (wanted > 0) {
      for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
        FaultAction.Topology t = withQuorumConnected(servers, wanted, random);
        if (QuorumConnectivity.of(t, servers).size() == wanted) {
          return t;
        }
      }
    }
    return anyDensity(servers, random);
  }

  /**
   * A graph in which {@code count} random servers get at least a majority's worth of links and every
   * other server too few to be quorum-connected.
   */
  static FaultAction.Topology withQuorumConnected(int n, int count, DeterministicRandom random) {
    int needed = n / 2; // links that make a majority with the server itself
    List<Integer> order = shuffled(n, random);
    boolean[] connected = new boolean[n];
    for (int i = 0; i < Math.min(count, n); i++) {
      connected[order.get(i)] = true;
    }
    boolean[][] link = new boolean[n][n];
    int[] degree = new int[n];
    for (int i = 0; i < Math.min(count, n); i++) {
      int x = order.get(i);
      int target = needed + random.nextInt(n - needed);
      for (int y : shuffled(n, random)) {
        if (degree[x] >= target) {
          break;
        }
        if (y != x && !link[x][y] && (connected[y] || degree[y] < needed - 1)) {
          addLink(link, degree, x, y);
        }
      }
    }
    // Some links among the others, never enough to make one of them quorum-connected.
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (!connected[a] && !connected[b] && !link[a][b] && degree[a] < needed - 1 && degree[b] < needed - 1
            && random.nextInt(3) == 0) {
          addLink(link, degree, a, b);
        }
      }
    }
    return toTopology(link);
  }

  /** Every link up with one probability, itself drawn from 0.2 to 0.8. */
  static FaultAction.Topology anyDensity(int n, DeterministicRandom random) {
    double p = 0.2 + 0.6 * random.nextDouble();
    boolean[][] link = new boolean[n][n];
    int[] degree = new int[n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (random.nextDouble() < p) {
          addLink(link, degree, a, b);
        }
      }
    }
    return toTopology(link);
  }

  private static void addLink(boolean[][] link, int[] degree, int a, int b) {
    link[a][b] = true;
    link[b][a] = true;
    degree[a]++;
    degree[b]++;
  }

  private static FaultAction.Topology toTopology(boolean[][] link) {
    List<List<Integer>> pairs = new ArrayList<>();
    for (int a = 0; a < link.length; a++) {
      for (int b = a + 1; b < link.length; b++) {
        if (link[a][b]) {
          pairs.add(List.of(a, b));
        }
      }
    }
    return new FaultAction.Topology(pairs);
  }

  static List<Integer> shuffled(int n, DeterministicRandom random) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer tmp = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, tmp);
    }
    return List.copyOf(ids);
  }
}
