/**
 * Raft (Ongaro and Ousterhout, USENIX ATC 2014; Ongaro's dissertation, 2014) on the consensus contract,
 * as a sans-IO state machine: {@link dev.omnisim.baselines.raft.Raft}. PreVote and CheckQuorum
 * (dissertation §9.6, etcd/raft's options of the same names) are switches of the same code ({@link
 * dev.omnisim.baselines.raft.RaftOptions}). State lives on the node's byte store in an append-only log of
 * checksummed records ({@link dev.omnisim.baselines.raft.RaftStorage}) and is synced before any message
 * that depends on it is handed out.
 */
package dev.omnisim.baselines.raft;
