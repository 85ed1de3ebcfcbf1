/**
 * Baseline replication protocols on the consensus contract ({@code dev.omnisim.consensus}), for the
 * paper's comparison: {@code raft} (Raft, optionally with PreVote and CheckQuorum), {@code multipaxos}
 * and {@code vr} (Viewstamped Replication Revisited). Each is a sans-IO state machine persisting on
 * the node's byte store with the same sync-before-send rule as OmniPaxos.
 */
package dev.omnisim.baselines;
