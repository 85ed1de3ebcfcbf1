package dev.omnisim.omnipaxos;

import java.util.List;

/**
 * Builds one peer of a consensus implementation. A host (the key-value server's binding, the test
 * harness) takes a factory so that implementations can be swapped: {@code OmniPaxos::new} is one.
 *
 * <p>Example, a peer persisted on a byte store:
 *
 * <pre>{@code
 * ConsensusPeerFactory<String> factory = OmniPaxos::new;
 * Storage<String> storage = PersistentStorage.open(byteStore, EntryCodec.UTF8_STRING);
 * ConsensusPeer<String> peer = factory.create(1, List.of(1, 2, 3), ConsensusOptions.DEFAULTS, storage);
 * }</pre>
 *
 * @param <T> the entry type
 */
@FunctionalInterface
public interface ConsensusPeerFactory<T> {

  /**
   * Creates a peer, recovering whatever {@code storage} holds (a restarted peer resumes from it).
   *
   * @param selfId this peer's id
   * @param peerIds the ids of every peer of the cluster, {@code selfId} included, no duplicates
   * @param options timeouts and bounds
   * @param storage where the peer keeps everything safety depends on
   * @return the new peer
   */
  ConsensusPeer<T> create(
      int selfId, List<Integer> peerIds, ConsensusOptions options, Storage<T> storage);
}
