package dev.omnisim.scenarios.fuzz;

import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.consensus.ByteStore;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.consensus.ForwardingPeer;
import dev.omnisim.omnipaxos.Message;
import dev.omnisim.omnipaxos.OmniPaxos;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.omnipaxos.PersistentStorage;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * OmniPaxos with the consensus-level bugs people write, each one change away from the reference and
 * written as a wrapper around it (a byte store, a peer decorator), never as a change of the real
 * implementation. Each is an {@link Implementation} for {@link ScenarioRunner#withImplementation}, like
 * {@code BrokenServers} is for key-value-level bugs. The fuzzer is expected to find every one.
 */
public enum BrokenConsensus {
  /**
   * Acknowledges before persisting: the byte store under {@link PersistentStorage} never syncs, so
   * a peer sends its promise or {@code Accepted} while the entries are only in the page cache. The
   * fuzz runs' lossy disks then lose everything the server ever wrote at its next crash, and a
   * restarted server comes back with an empty log and no promise, though others counted its votes.
   */
  ACKNOWLEDGING_BEFORE_SYNC {
    @Override
    public Implementation implementation() {
      return Implementation.REFERENCE.named(name())
          .withConsensus(setup -> new OmniPaxos<>(setup.withStore(new NeverSyncing(setup.store()))));
    }
  },
  /**
   * A leader that decides without a majority: every accept it sends to a follower is, at once,
   * answered by a forged {@code Accepted} "from" that follower, so the leader counts a quorum of
   * copies where only its own exists. A leader cut off in a minority keeps deciding and answering
   * clients, and the majority's next leader never saw those entries: acknowledged writes are lost.
   */
  DECIDING_WITHOUT_A_MAJORITY {
    @Override
    public Implementation implementation() {
      ConsensusPeerFactory<KvCommand> forging = setup -> new ForgingAccepted(setup.selfId(), new OmniPaxos<>(setup));
      return Implementation.REFERENCE.named(name()).withConsensus(forging);
    }
  },
  /**
   * An election that ignores quorum-connectivity: every heartbeat a peer receives is read as if its
   * sender were quorum-connected, so Ballot Leader Election follows the highest ballot it hears
   * whether or not that ballot's holder can reach a majority (plain "highest ballot wins").
   */
  IGNORING_QUORUM_CONNECTIVITY {
    @Override
    public Implementation implementation() {
      ConsensusPeerFactory<KvCommand> trusting = setup -> new TrustingHeartbeats(new OmniPaxos<>(setup));
      return Implementation.REFERENCE.named(name()).withConsensus(trusting);
    }
  };

  /** The reference with this bug. */
  public abstract Implementation implementation();

  /** A runner over these servers, otherwise the reference one. */
  public ScenarioRunner runner() {
    return ScenarioRunner.reference().withImplementation(implementation());
  }

  /** A byte store whose {@code sync} returns at once without making anything durable. */
  static final class NeverSyncing implements ByteStore {
    private final ByteStore disk;

    NeverSyncing(ByteStore disk) {
      this.disk = disk;
    }

    @Override
    public byte[] read(String name) {
      return disk.read(name);
    }

    @Override
    public void write(String name, byte[] bytes) {
      disk.write(name, bytes);
    }

    @Override
    public void append(String name, byte[] bytes) {
      disk.append(name, bytes);
    }

    @Override
    public void sync() {
      // the bug: "the OS will write it out soon enough"
    }

    @Override
    public boolean exists(String name) {
      return disk.exists(name);
    }

    @Override
    public void delete(String name) {
      disk.delete(name);
    }
  }

  /** A peer that receives every heartbeat with its {@code quorumConnected} flag set. */
  static final class TrustingHeartbeats extends Delegating {
    TrustingHeartbeats(ConsensusPeer<KvCommand> peer) {
      super(peer);
    }

    @Override
    public void receive(int from, Object message) {
      Object m = switch (message) {
        case Message.HeartbeatRequest<?> r ->
            new Message.HeartbeatRequest<>(r.round(), r.ballot(), true, r.heardYourRound(), r.paxos(), r.probe(), r.vouches());
        case Message.HeartbeatReply<?> r ->
            new Message.HeartbeatReply<>(r.round(), r.ballot(), true, r.heardFromYou(), r.paxos(), r.vouches());
        default -> message;
      };
      super.receive(from, m);
    }
  }

  /**
   * A peer that, for every {@code AcceptDecide} or {@code AcceptSync} it hands out to a follower,
   * feeds itself the {@code Accepted} that follower would send once it had appended the entries:
   * same ballot and session, the log length the message brings the follower to. The leader's
   * {@code leaderOnAccepted} takes it like a real one and decides once "a majority" has it.
   */
  static final class ForgingAccepted extends Delegating {
    /** Forging answers can only lead to more forging while the leader's log grows; bound it anyway. */
    private static final int MAX_ROUNDS = 100;

    private final int self;

    ForgingAccepted(int self, ConsensusPeer<KvCommand> peer) {
      super(peer);
      this.self = self;
    }

    @Override
    public List<Outgoing> drainOutgoing() {
      List<Outgoing> all = new ArrayList<>();
      List<Outgoing> batch = peer.drainOutgoing();
      for (int round = 0; !batch.isEmpty() && round < MAX_ROUNDS; round++) {
        all.addAll(batch);
        for (Outgoing o : batch) {
          Message.Accepted<KvCommand> forged = forgedAnswer(o.message());
          if (forged != null && o.to() != self) {
            peer.receive(o.to(), forged);
          }
        }
        batch = peer.drainOutgoing();
      }
      all.addAll(batch);
      return all;
    }

    /** The {@code Accepted} a follower sends after applying {@code message}, or null for other messages. */
    static Message.Accepted<KvCommand> forgedAnswer(Object message) {
      return switch (message) {
        case Message.AcceptDecide<?> a ->
            new Message.Accepted<>(a.n(), a.session(), a.fromIndex() + a.entries().size());
        case Message.AcceptSync<?> s -> new Message.Accepted<>(s.n(), s.session(), s.suffix().endIndex());
        default -> null;
      };
    }
  }

  /** Passes everything to the wrapped peer; variants (here and in other tests) override what they break. */
  public abstract static class Delegating extends ForwardingPeer<KvCommand> {
    protected Delegating(ConsensusPeer<KvCommand> peer) {
      super(peer);
    }
  }
}
