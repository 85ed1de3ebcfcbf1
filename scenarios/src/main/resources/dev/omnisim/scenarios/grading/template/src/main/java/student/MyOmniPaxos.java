package student;

import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.EntryCodec;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.kvpaxos.KvCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Your OmniPaxos peer: Ballot Leader Election and Sequence Paxos, sans-IO. The host calls tick(),
 * receive() and propose(), then sends what drainOutgoing() hands out. Everything safety depends on
 * (promise, accepted round, log, decided index, snapshot) goes to the byte store, in a format you
 * choose, and is synced (store.sync()) before drainOutgoing() returns the messages that depend on it.
 * A restarted peer is built again from the same store: recover your state from it in the constructor.
 */
public final class MyOmniPaxos implements ConsensusPeer<KvCommand> {
  private final int selfId;
  private final List<Integer> peerIds;
  private final ByteStore store;
  private final EntryCodec<KvCommand> codec;

  public MyOmniPaxos(PeerSetup<KvCommand> setup) {
    this.selfId = setup.selfId();
    this.peerIds = setup.peerIds();
    this.store = setup.store();
    this.codec = setup.codec();
    // TODO: recover from store; setup.options() has the timeouts in ticks
  }

  @Override
  public ProposeResult propose(KvCommand entry) {
    return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER); // TODO
  }

  @Override
  public void receive(int from, Object message) {
    // TODO: handle BLE and Sequence Paxos messages
  }

  @Override
  public void tick() {
    // TODO: heartbeats, election timeouts, resends
  }

  @Override
  public List<Outgoing> drainOutgoing() {
    return new ArrayList<>(); // TODO: store.sync() first, then hand out the messages
  }

  @Override
  public long decidedIndex() {
    return 0; // TODO
  }

  @Override
  public List<KvCommand> readDecided(long fromIndex, long toIndex) {
    return new ArrayList<>(); // TODO
  }

  @Override
  public long compactedIndex() {
    return 0; // TODO
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.empty(); // TODO
  }

  @Override
  public void compact(Snapshot snapshot) {
    // TODO
  }

  @Override
  public Leadership leadership() {
    return Leadership.NONE; // TODO: Leadership.following(leader, term) or Leadership.leading(selfId, term)
  }
}
