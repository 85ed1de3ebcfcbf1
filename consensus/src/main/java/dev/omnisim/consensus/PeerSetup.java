package dev.omnisim.consensus;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Everything a consensus peer is built from. The host owns each part; the peer owns the format of
 * what it writes to {@link #store()}.
 *
 * @param selfId this peer's id
 * @param peerIds the ids of every peer of the cluster, {@code selfId} included, no duplicates
 * @param options timeouts (in ticks) and bounds
 * @param store the node's durable bytes: what a restarted peer recovers from (the only thing that
 *     crosses a crash)
 * @param codec turns entries into bytes for the store and back
 * @param random this peer's seeded random stream (e.g. Raft's randomised election timeouts); never
 *     an unseeded source, so runs stay reproducible
 * @param <T> the entry type
 */
public record PeerSetup<T>(
    int selfId,
    List<Integer> peerIds,
    ConsensusOptions options,
    ByteStore store,
    EntryCodec<T> codec,
    RandomGenerator random) {

  /** Copies the ids and checks that every part is present and the ids are distinct and include {@code selfId}. */
  public PeerSetup {
    peerIds = List.copyOf(peerIds);
    TreeSet<Integer> distinct = new TreeSet<>(peerIds);
    if (distinct.size() != peerIds.size() || !distinct.contains(selfId)) {
      throw new IllegalArgumentException("peer ids " + peerIds + " must be distinct and include " + selfId);
    }
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(random, "random");
  }

  /**
   * Returns the same setup on another byte store: how a test wraps the disk (one that never syncs,
   * one that forgets everything at a crash).
   *
   * @param other the store to use instead
   * @return a copy with {@code store = other}
   */
  public PeerSetup<T> withStore(ByteStore other) {
    return new PeerSetup<>(selfId, peerIds, options, other, codec, random);
  }

  /**
   * Returns the ids of the other peers, in ascending order.
   *
   * @return every peer id except {@code selfId}
   */
  public List<Integer> otherIds() {
    return peerIds.stream().filter(id -> id != selfId).sorted().toList();
  }

  /**
   * Returns how many peers form a majority of this cluster.
   *
   * @return {@code peerIds.size() / 2 + 1}
   */
  public int majority() {
    return peerIds.size() / 2 + 1;
  }
}
