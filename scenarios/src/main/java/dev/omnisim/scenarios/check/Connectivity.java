package dev.omnisim.scenarios.check;

import dev.omnisim.sim.Latency;
import dev.omnisim.sim.LinkFaults;
import dev.omnisim.sim.Network;
import dev.omnisim.sim.Simulation;

/**
 * The simulator's ground truth about who can talk to whom, derived at every change of it: which servers are
 * quorum-connected (up, with links in both directions to a majority of servers, itself counted, that
 * are up), since when, and when the servers' network last changed.
 */
final class Connectivity {
  private final Simulation sim;
  private final int[] servers;
  private final int majority;
  /** Per server: start of its current quorum-connected period, or -1 while it is not. */
  private final long[] connectedSince;
  /** Per pair of servers (by index): both up and linked both ways at the last derivation. */
  private final boolean[][] linked;
  /** Per pair: when it was last linked, for pairs no longer linked; -1 if never. */
  private final long[][] lastLinked;
  private long signature = Long.MIN_VALUE;
  private long changedAtMicros;
  private boolean lossy;
  /** The longest a message between servers can take under the faults in effect now (a high percentile). */
  private long maxDelayMicros;
  /** Until when messages sent under earlier faults may still arrive. */
  private long drainedAtMicros;

  /** A link whose one-way delay can exceed this is slow: a heartbeat may miss its round. */
  private final long slowMicros;

  /**
   * Tracks {@code servers} of {@code sim}, deriving the matrix again at every change the simulation
   * reports ({@link Simulation#onTopologyChange}): a cut, a heal, a crash or a restart, even one that
   * lasts less than a step (swarm seed 8604: a link healed and cut again 8 ms later, between two
   * steps, was invisible to sampling after steps, and a correct takeover looked unfounded).
   */
  Connectivity(Simulation sim, int[] servers, long electionTimeoutMicros) {
    this.sim = sim;
    this.slowMicros = electionTimeoutMicros / 4;
    if (servers.length > 63) {
      throw new IllegalArgumentException("connectivity is tracked for at most 63 servers, was " + servers.length);
    }
    this.servers = servers.clone();
    this.majority = servers.length / 2 + 1;
    this.connectedSince = new long[servers.length];
    this.linked = new boolean[servers.length][servers.length];
    this.lastLinked = new long[servers.length][servers.length];
    java.util.Arrays.fill(connectedSince, -1);
    for (long[] row : lastLinked) {
      java.util.Arrays.fill(row, -1);
    }
    derive();
    sim.onTopologyChange(this::derive);
  }

  private void derive() {
    long upMask = 0;
    long added = 0; // servers are added one by one, each reporting a change
    for (int i = 0; i < servers.length; i++) {
      added |= sim.hasNode(servers[i]) ? 1L << i : 0;
      upMask |= sim.hasNode(servers[i]) && sim.isUp(servers[i]) ? 1L << i : 0;
    }
    long now = sim.now();
    Network net = sim.network();
    long sig = 17;
    boolean anyLoss = false;
    long maxDelay = 0;
    for (int i = 0; i < servers.length; i++) {
      boolean up = (upMask & 1L << i) != 0;
      sig = sig * 31 + (up ? 1 : 0);
      int reach = 0;
      for (int j = 0; j < servers.length; j++) {
        boolean exist = (added & 1L << i) != 0 && (added & 1L << j) != 0;
        boolean both = i == j || exist && net.isLinkUp(servers[i], servers[j]) && net.isLinkUp(servers[j], servers[i]);
        sig = sig * 31 + (both ? 1 : 0);
        if (i != j && exist) {
          LinkFaults f = net.faults(servers[i], servers[j]);
          sig = sig * 31 + f.hashCode(); // a clog or a loss burst is a change too
          anyLoss |= f.dropProbability() > 0 || f.spikeProbability() > 0 || f.staleProbability() > 0
              || slow(f.latency());
          maxDelay = Math.max(maxDelay, longest(f.latency()) + (f.spikeProbability() > 0 ? longest(f.spike()) : 0)
              + (f.staleProbability() > 0 ? longest(f.stale()) : 0));
        }
        boolean nowLinked = up && both && (upMask & 1L << j) != 0;
        if (linked[i][j] && !nowLinked) {
          lastLinked[i][j] = now; // it was linked up to this change
        }
        linked[i][j] = nowLinked;
        reach += nowLinked ? 1 : 0;
      }
      boolean qc = up && reach >= majority;
      if (!qc) {
        connectedSince[i] = -1;
      } else if (connectedSince[i] < 0) {
        connectedSince[i] = now;
      }
    }
    if (sig != signature) {
      signature = sig;
      changedAtMicros = now;
    }
    lossy = anyLoss;
    // What was sent under the faults before this change may still be on its way for that long.
    drainedAtMicros = Math.max(drainedAtMicros, now + maxDelayMicros);
    maxDelayMicros = maxDelay;
  }

  /** The longest delay {@code l} draws, or a high percentile of it (as {@link #slow} reads it). */
  private static long longest(Latency l) {
    return switch (l) {
      case Latency.Constant c -> c.micros();
      case Latency.Uniform u -> u.maxMicros();
      case Latency.Exponential e -> (long) (5 * e.meanMicros());
      case Latency.LogNormal n -> (long) Math.exp(n.mu() + 3 * n.sigma());
    };
  }

  /** True when the delay of {@code l} can exceed a quarter round (a round trip then may not fit in a round). */
  private boolean slow(Latency l) {
    return switch (l) {
      case Latency.Constant c -> c.micros() > slowMicros;
      case Latency.Uniform u -> u.maxMicros() > slowMicros;
      case Latency.Exponential e -> 5 * e.meanMicros() > slowMicros; // beyond 5 means: 0.7 % of messages
      case Latency.LogNormal n -> Math.exp(n.mu() + 3 * n.sigma()) > slowMicros; // beyond 3 sigma: 0.1 %
    };
  }

  /**
   * True when some link between servers loses, spikes, holds back or slows down messages beyond a
   * quarter round: a heartbeat may then miss its round, and the paper's election, made for timely
   * sessions, may rightly move on.
   */
  boolean lossy() {
    return lossy;
  }

  /** Start of server {@code index}'s current quorum-connected period, or -1. */
  long connectedSince(int index) {
    return connectedSince[index];
  }

  /**
   * How many servers, {@code index} itself included, were up and linked both ways with server {@code
   * index} at some moment since {@code fromMicros} — not necessarily the same moment: an election
   * gathers its evidence over a round, so a peer heard early in the round and another heard late
   * both count, as they do for the protocol.
   */
  int linkedSince(int index, long fromMicros) {
    int n = 0;
    for (int j = 0; j < servers.length; j++) {
      if (linked[index][j] || lastLinked[index][j] >= fromMicros) {
        n++;
      }
    }
    return n;
  }

  /** How many servers make a majority. */
  int majority() {
    return majority;
  }

  /** When the servers' links or up/down states last changed. */
  long changedAtMicros() {
    return changedAtMicros;
  }

  /**
   * Since when the servers' network is settled: unchanged, and every message sent under earlier
   * faults has arrived (a clog of 768 ms, healed, still delivers for 768 ms: swarm seed 32323, where
   * a takeover on such a late heartbeat 0.43 s after the heal, 10 election timeouts of 40 ms, was
   * taken for the displacement of a stable leader).
   */
  long settledAtMicros() {
    return Math.max(changedAtMicros, drainedAtMicros);
  }
}
