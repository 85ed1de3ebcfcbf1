package dev.omnisim.consensus;

/**
 * Builds one peer of a consensus implementation. A host (the key-value server's binding, a test
 * harness) takes a factory so that implementations can be swapped: {@code OmniPaxos::new} is one, a
 * student's protocol or a Raft baseline another.
 *
 * <p>Example, a peer on a node's byte store:
 *
 * <pre>{@code
 * ConsensusPeerFactory<String> factory = OmniPaxos::new;
 * ConsensusPeer<String> peer = factory.create(
 *     new PeerSetup<>(1, List.of(1, 2, 3), ConsensusOptions.DEFAULTS, byteStore, EntryCodec.UTF8_STRING, random));
 * }</pre>
 *
 * @param <T> the entry type
 */
@FunctionalInterface
public interface ConsensusPeerFactory<T> {

  /**
   * Creates a peer, recovering whatever {@code setup.store()} holds (a restarted peer resumes from
   * it). The implementation chooses its own file names and format on the store.
   *
   * @param setup this peer's id, the cluster, the options, its byte store, the entry codec and its
   *     seeded random stream
   * @return the new peer
   */
  ConsensusPeer<T> create(PeerSetup<T> setup);
}
