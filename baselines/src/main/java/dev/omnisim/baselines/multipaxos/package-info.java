/**
 * Multi-Paxos, the Omni-Paxos paper's baseline: the artifact's Multi-Paxos leader election
 * ({@code mp_le.rs}: the highest ballot heard from a majority leads; a silent leader is replaced by the
 * next-higher ballot) over a leader-based log replication with one prepare phase per ballot. Also holds
 * {@link dev.omnisim.baselines.multipaxos.DurableLog}, the crash-safe state file that VR uses too.
 */
package dev.omnisim.baselines.multipaxos;
