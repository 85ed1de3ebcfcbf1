package dev.omnisim.consensus;

/**
 * Tuning of a consensus peer, common to every protocol (a protocol's own knobs, such as OmniPaxos's
 * leader priority, belong to that protocol). Times are in ticks of {@link ConsensusPeer#tick()}.
 *
 * @param electionTimeoutTicks length of one heartbeat round of leader election; a leader that is
 *     silent (or not quorum-connected) for about two rounds is replaced
 * @param resendTimeoutTicks how long a peer waits for an answer before resending a message
 * @param maxBatchSize most entries carried by one accept message
 * @param maxPendingProposals most proposals a peer buffers (forwarded but not acknowledged, or
 *     waiting for its leadership); more are rejected
 */
public record ConsensusOptions(
    int electionTimeoutTicks,
    int resendTimeoutTicks,
    int maxBatchSize,
    int maxPendingProposals) {

  /** The lab's values with a 10 ms tick: 100 ms heartbeat rounds, 100 ms resend timeout. */
  public static final ConsensusOptions DEFAULTS = new ConsensusOptions(10, 10, 64, 1024);

  /** Checks that every bound is positive. */
  public ConsensusOptions {
    if (electionTimeoutTicks < 2) {
      throw new IllegalArgumentException("electionTimeoutTicks must be >= 2: " + electionTimeoutTicks);
    }
    if (resendTimeoutTicks < 1) {
      throw new IllegalArgumentException("resendTimeoutTicks must be >= 1: " + resendTimeoutTicks);
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
    }
    if (maxPendingProposals < 1) {
      throw new IllegalArgumentException("maxPendingProposals must be >= 1: " + maxPendingProposals);
    }
  }

}
