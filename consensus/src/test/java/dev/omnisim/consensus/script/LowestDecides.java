package dev.omnisim.consensus.script;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.PeerSetup;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Snapshot;
import dev.omnisim.consensus.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A toy protocol for testing the script driver: the lowest id decides every proposal at once and tells
 * the others with a {@code Decided} message; a follower asks for what it misses with {@code Behind} on
 * every tick. Nothing survives a crash.
 */
final class LowestDecides implements ConsensusPeer<String> {
  record Decided(long index, String entry) {}

  record Behind(long have) {}

  private final int self;
  private final int leader;
  private final List<Integer> others;
  private final List<String> log = new ArrayList<>();
  private final List<Outgoing> out = new ArrayList<>();

  LowestDecides(PeerSetup<String> setup) {
    self = setup.selfId();
    leader = setup.peerIds().stream().min(Integer::compare).orElseThrow();
    others = setup.otherIds();
  }

  @Override
  public ProposeResult propose(String entry) {
    if (self != leader) {
      return new ProposeResult.Rejected(ProposeResult.Reason.NO_LEADER);
    }
    log.add(entry);
    others.forEach(o -> out.add(new Outgoing(o, new Decided(log.size() - 1, entry))));
    return new ProposeResult.Appended(log.size() - 1);
  }

  @Override
  public void receive(int from, Object message) {
    switch (message) {
      case Decided d when d.index() == log.size() -> log.add(d.entry());
      case Decided d -> { }
      case Behind b -> {
        for (long i = b.have(); i < log.size(); i++) {
          out.add(new Outgoing(from, new Decided(i, log.get((int) i))));
        }
      }
      default -> throw new IllegalArgumentException("not a message of this protocol: " + message);
    }
  }

  @Override
  public void tick() {
    if (self != leader) {
      out.add(new Outgoing(leader, new Behind(log.size())));
    }
  }

  @Override
  public List<Outgoing> drainOutgoing() {
    List<Outgoing> m = List.copyOf(out);
    out.clear();
    return m;
  }

  @Override
  public long decidedIndex() {
    return log.size();
  }

  @Override
  public List<String> readDecided(long fromIndex, long toIndex) {
    return List.copyOf(log.subList((int) fromIndex, (int) toIndex));
  }

  @Override
  public long compactedIndex() {
    return 0;
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.empty();
  }

  @Override
  public void compact(Snapshot snapshot) {}

  @Override
  public Leadership leadership() {
    return self == leader ? Leadership.leading(self, new Term(1, 0)) : Leadership.following(leader, new Term(1, 0));
  }
}
