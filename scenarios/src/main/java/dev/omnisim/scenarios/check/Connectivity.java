package dev.omnisim.scenarios.check;

import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.Network;
import dev.omnisim.sim.Simulation;

/**
 * The simulator's ground truth about who can talk to whom, sampled as a run goes: which servers are
 * quorum-connected (up, with links in both directions to a majority of servers, itself counted, that
 * are up), since when, and when the servers' network last changed.
 */
final class Connectivity {
  private final Simulation sim;
  private final int[] servers;
  private final int majority;
  /** Per server: start of its current quorum-connected period, or -1 while it is not. */
  private final long[] connectedSince;
  /** Per server: the last time it was seen quorum-connected, or -1 if never. */
  private final long[] lastConnected;
  private long signature = Long.MIN_VALUE;
  private long changedAtMicros;
  private boolean lossy;

  Connectivity(Simulation sim, int[] servers) {
    this.sim = sim;
    this.servers = servers.clone();
    this.majority = servers.length / 2 + 1;
    this.connectedSince = new long[servers.length];
    this.lastConnected = new long[servers.length];
    java.util.Arrays.fill(connectedSince, -1);
    java.util.Arrays.fill(lastConnected, -1);
  }

  /** Samples the link matrix now: who is quorum-connected, and whether anything changed. */
  void sample() {
    long now = sim.now();
    Network net = sim.network();
    long sig = 17;
    boolean anyLoss = false;
    for (int i = 0; i < servers.length; i++) {
      boolean up = sim.isUp(servers[i]);
      sig = sig * 31 + (up ? 1 : 0);
      int reach = 0;
      for (int j = 0; j < servers.length; j++) {
        boolean both = i == j || (net.isLinkUp(servers[i], servers[j]) && net.isLinkUp(servers[j], servers[i]));
        sig = sig * 31 + (both ? 1 : 0);
        if (i != j) {
          LinkFaults f = net.faults(servers[i], servers[j]);
          sig = sig * 31 + f.hashCode(); // a clog or a loss burst is a change too
          anyLoss |= f.dropProbability() > 0 || f.spikeProbability() > 0 || f.staleProbability() > 0;
        }
        if (up && both && sim.isUp(servers[j])) {
          reach++;
        }
      }
      boolean qc = up && reach >= majority;
      if (qc) {
        lastConnected[i] = now;
        if (connectedSince[i] < 0) {
          connectedSince[i] = now;
        }
      } else {
        connectedSince[i] = -1;
      }
    }
    if (sig != signature) {
      signature = sig;
      changedAtMicros = now;
    }
    lossy = anyLoss;
  }

  /**
   * True when some link between servers loses, spikes or holds back messages: a heartbeat may then
   * miss its round, and the paper's election, made for reliable sessions, may rightly move on.
   */
  boolean lossy() {
    return lossy;
  }

  /**
   * Records a change that sampling between steps cannot see: a server restarted (it may have been
   * down while no server took a step, e.g. when all crashed together).
   */
  void restarted() {
    changedAtMicros = sim.now();
  }

  /** Start of server {@code index}'s current quorum-connected period, or -1. */
  long connectedSince(int index) {
    return connectedSince[index];
  }

  /** The last time server {@code index} was seen quorum-connected, or -1. */
  long lastConnected(int index) {
    return lastConnected[index];
  }

  /** When the servers' links or up/down states last changed. */
  long changedAtMicros() {
    return changedAtMicros;
  }
}
