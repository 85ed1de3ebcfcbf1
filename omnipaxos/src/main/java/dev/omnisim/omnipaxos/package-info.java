/**
 * OmniPaxos as a sans-IO state machine: Ballot Leader Election plus Sequence Paxos, as in the
 * Omni-Paxos paper (EuroSys 2023). The library does no I/O and keeps no clock; it is driven by
 * {@code propose}, {@code receive}, {@code tick} and {@code reconnected}, and hands out messages to
 * send with {@code drainOutgoing} (after making the storage writes they depend on durable).
 *
 * <p>Where to look:
 * <ul>
 *   <li>{@link dev.omnisim.omnipaxos.ConsensusPeer}: what a service (the key-value server) programs
 *       against; {@link dev.omnisim.omnipaxos.ConsensusPeerFactory} builds one. Other consensus
 *       implementations plug in behind it.
 *   <li>{@link dev.omnisim.omnipaxos.OmniPaxos}: this implementation; {@code BallotLeaderElection}
 *       and {@code SequencePaxos} are its two halves, {@link dev.omnisim.omnipaxos.Message} every
 *       message they exchange.
 *   <li>{@link dev.omnisim.omnipaxos.Storage}: what must survive a crash, with {@link
 *       dev.omnisim.omnipaxos.InMemoryStorage} and {@link dev.omnisim.omnipaxos.PersistentStorage}
 *       (bytes on a {@link dev.omnisim.omnipaxos.ByteStore}, entries through an {@link
 *       dev.omnisim.omnipaxos.EntryCodec}).
 * </ul>
 */
package dev.omnisim.omnipaxos;
