/**
 * The contract every replication protocol implements, so that the key-value server, the simulator's
 * harness and its invariants work with any of them: OmniPaxos, a baseline (Raft, Multi-Paxos, VR), a
 * student's protocol or a deliberately broken one. Depends on nothing.
 *
 * <ul>
 *   <li>{@link dev.omnisim.consensus.ConsensusPeer}: one replica of the log, sans-IO — inputs
 *       {@code propose}, {@code receive}, {@code tick}; outputs {@code drainOutgoing} (after the writes
 *       those messages depend on are synced), the decided prefix, snapshots, and a
 *       {@link dev.omnisim.consensus.Leadership} view with an opaque {@link dev.omnisim.consensus.Term}.
 *   <li>{@link dev.omnisim.consensus.ConsensusPeerFactory} builds a peer from a
 *       {@link dev.omnisim.consensus.PeerSetup}: ids, {@link dev.omnisim.consensus.ConsensusOptions},
 *       the node's {@link dev.omnisim.consensus.ByteStore}, an {@link dev.omnisim.consensus.EntryCodec}
 *       and a seeded random stream. Each protocol owns its storage format on the byte store.
 * </ul>
 */
package dev.omnisim.consensus;
