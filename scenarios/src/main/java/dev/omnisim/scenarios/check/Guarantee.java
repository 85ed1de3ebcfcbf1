package dev.omnisim.scenarios.check;

/**
 * What a protocol claims beyond safety, so the harness checks exactly that: OmniPaxos claims all of
 * these (the paper's §4 and §6); Raft or Multi-Paxos baselines claim none, and the paper's scenarios
 * show why.
 */
public enum Guarantee {
  /** Only a server that has been quorum-connected (links both ways with a majority) within the last
   * election timeouts elects itself. */
  ELECTS_ONLY_QUORUM_CONNECTED,
  /** While the network does not change, the leader does not change (no ping-pong), once a grace period
   * after the last change has passed. */
  STABLE_LEADER,
  /** Whenever a server has been quorum-connected, with its quorum alive, for 4 election timeouts, clients
   * that reach it complete operations within a bound. */
  PROGRESS_WHEN_QUORUM_CONNECTED
}
