package dev.omnisim.baselines.raft;

/**
 * What a leader knows about one follower (etcd/raft's {@code Progress}, reduced to what this Raft needs):
 * the paper's {@code nextIndex} and {@code matchIndex}, and whether the leader is still probing for the
 * point where their logs agree (one AppendEntries per heartbeat) or replicating (entries sent as they are
 * appended, {@code next} advanced optimistically, a bounded number of entries in flight).
 */
final class Progress {
  /** Highest index known to match the leader's log. */
  long match;
  /** Next index to send. */
  long next;
  /** False while probing. */
  boolean replicating;
  /** While probing: an AppendEntries was sent and neither a reply nor a heartbeat came since. */
  boolean probeSent;
  /** Heard from since the leader last checked its quorum (CheckQuorum). */
  boolean recentlyActive;
  /** An acknowledgement came since the last heartbeat. */
  boolean ackedSinceHeartbeat;
  /** New entries wait to be sent at the end of the step. */
  boolean sendPending;

  Progress(long next) {
    this.next = next;
    this.recentlyActive = true;
  }

  /** The follower confirmed its log up to {@code index}; true when that is news. */
  boolean acknowledged(long index) {
    probeSent = false;
    replicating = true;
    next = Math.max(next, index + 1);
    if (index > match) {
      match = index;
      return true;
    }
    return false;
  }

  /**
   * The follower's log did not hold {@code rejected} as sent; it may match up to {@code hint}. Returns
   * false for a stale rejection (of an index already matched, or not the probe now outstanding).
   */
  boolean rejected(long rejected, long hint) {
    if (replicating ? rejected <= match : rejected != next - 1) {
      return false;
    }
    probeSent = false;
    replicating = false;
    next = Math.max(match + 1, Math.min(rejected, hint + 1));
    return true;
  }

  @Override
  public String toString() {
    return (replicating ? "replicate" : "probe") + " match " + match + " next " + next;
  }
}
