package dev.omnisim.scenarios.compare;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ForwardingPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.scenarios.Implementation;
import java.util.function.LongSupplier;

/**
 * Watches every server's peer through the consensus contract, after every input, and measures what
 * the experiment reports over a window of virtual time: when the cluster's decided prefix (the highest
 * decided index of any server) grew, and when a server started leading in a new term. It changes
 * nothing in the run. A leadership change is seen exactly when the harness records a {@code LEADERSHIP}
 * trace event for it (the harness compares the same view after the same inputs; a test holds the two
 * counts equal), without keeping every trace event in memory.
 */
final class ProgressObserver {
  private final Leadership[] lastLeadership;
  private LongSupplier clock = () -> 0;
  private long maxDecided;
  private long windowStartMicros = Long.MAX_VALUE;
  private long windowEndMicros = Long.MAX_VALUE;
  private long decidedAtWindowStart;
  private long decidedInWindow;
  private long lastDecisionMicros;
  private long longestGapMicros;
  private long leaderChanges;

  ProgressObserver(int servers) {
    this.lastLeadership = new Leadership[servers];
    java.util.Arrays.fill(lastLeadership, Leadership.NONE);
  }

  /** {@code implementation} with every peer watched by this observer. */
  Implementation around(Implementation implementation) {
    return implementation.withConsensus(setup -> new Watched(setup.selfId(), implementation.consensus().create(setup)));
  }

  /** The simulation's clock, once the cluster exists (peers are built before anything is decided). */
  void clock(LongSupplier now) {
    this.clock = now;
  }

  /** Starts measuring at the cut, for {@code lengthMicros}. */
  void openWindow(long lengthMicros) {
    windowStartMicros = clock.getAsLong();
    windowEndMicros = windowStartMicros + lengthMicros;
    decidedAtWindowStart = maxDecided;
    lastDecisionMicros = windowStartMicros;
  }

  /** When the window opened (the cut). */
  long windowStartMicros() {
    return windowStartMicros;
  }

  /** Entries decided in the window so far. */
  long decidedInWindow() {
    return decidedInWindow;
  }

  /** The highest decided index of any server so far. */
  long maxDecided() {
    return maxDecided;
  }

  /** The longest period without a new decision in the window, counting up to its end. */
  long downTimeMicros() {
    return Math.max(longestGapMicros, windowEndMicros - lastDecisionMicros);
  }

  /** When the last new decision within the window happened (the window's start when none did). */
  long lastDecisionMicros() {
    return lastDecisionMicros;
  }

  /** Leader changes within the window. */
  long leaderChanges() {
    return leaderChanges;
  }

  /** The window is (cut, cut + length]: what happened at the instant of the cut happened before it. */
  private boolean inWindow(long now) {
    return now > windowStartMicros && now <= windowEndMicros;
  }

  private void afterInput(int server, ConsensusPeer<KvCommand> peer) {
    long now = clock.getAsLong();
    long decided = peer.decidedIndex();
    if (decided > maxDecided) {
      maxDecided = decided;
      if (inWindow(now)) {
        longestGapMicros = Math.max(longestGapMicros, now - lastDecisionMicros);
        lastDecisionMicros = now;
        decidedInWindow = maxDecided - decidedAtWindowStart;
      }
    }
    Leadership view = peer.leadership();
    if (!view.equals(lastLeadership[server])) {
      lastLeadership[server] = view;
      if (view.leading() && inWindow(now)) {
        leaderChanges++;
      }
    }
  }

  /** A peer that reports to the observer after each input. */
  private final class Watched extends ForwardingPeer<KvCommand> {
    private final int server;

    Watched(int server, ConsensusPeer<KvCommand> peer) {
      super(peer);
      this.server = server;
    }

    @Override
    public ProposeResult propose(KvCommand entry) {
      ProposeResult result = peer.propose(entry);
      afterInput(server, peer);
      return result;
    }

    @Override
    public void receive(int from, Object message) {
      peer.receive(from, message);
      afterInput(server, peer);
    }

    @Override
    public void tick() {
      peer.tick();
      afterInput(server, peer);
    }
  }
}
