package dev.omnisim.baselines.raft;

/**
 * Raft's own switches, beyond the contract's {@link dev.omnisim.consensus.ConsensusOptions}.
 *
 * @param preVote before starting an election, ask a majority whether it would vote, without raising
 *     any term (dissertation §9.6; etcd/raft's {@code PreVote}): a server cut off from the cluster
 *     cannot disrupt it when it comes back
 * @param checkQuorum a leader that has not heard from a majority within an election timeout steps
 *     down, and a server that heard from a leader within the minimum election timeout ignores vote
 *     requests (dissertation §6.2 and §9.6; etcd/raft's {@code CheckQuorum}, which ties both together)
 */
public record RaftOptions(boolean preVote, boolean checkQuorum) {

  /** Raft as in the paper's Figure 2. */
  public static final RaftOptions PLAIN = new RaftOptions(false, false);

  /** Raft with PreVote and CheckQuorum, the variant the Omni-Paxos paper calls "Raft PV+CQ". */
  public static final RaftOptions PRE_VOTE_CHECK_QUORUM = new RaftOptions(true, true);
}
