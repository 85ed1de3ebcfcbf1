package student;

import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.omnipaxos.ConsensusOptions;
import dev.omnisim.omnipaxos.ConsensusPeer;
import dev.omnisim.omnipaxos.Outgoing;
import dev.omnisim.omnipaxos.ProposeResult;
import dev.omnisim.omnipaxos.Snapshot;
import dev.omnisim.omnipaxos.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Your OmniPaxos peer: Ballot Leader Election and Sequence Paxos, sans-IO. The host calls tick(),
 * receive() and propose(), then sends what drainOutgoing() hands out. Everything safety depends on
 * must be in storage before drainOutgoing() returns the messages that promise it.
 */
public final class MyOmniPaxos implements ConsensusPeer<KvCommand> {
  private final int selfId;
  private final List<Integer> peerIds;
  private final ConsensusOptions options;
  private final Storage<KvCommand> storage;

  public MyOmniPaxos(int selfId, List<Integer> peerIds, ConsensusOptions options, Storage<KvCommand> storage) {
    this.selfId = selfId;
    this.peerIds = List.copyOf(peerIds);
    this.options = options;
    this.storage = storage;
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
  public void reconnected(int peer) {
    // TODO
  }

  @Override
  public List<Outgoing> drainOutgoing() {
    return new ArrayList<>(); // TODO
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
  public OptionalInt leader() {
    return OptionalInt.empty(); // TODO
  }

  @Override
  public boolean isLeader() {
    return false; // TODO
  }
}
