package dev.omnisim.scenarios.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnisim.consensus.Leadership;
import dev.omnisim.consensus.Outgoing;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.consensus.Term;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvStateMachine;
import dev.omnisim.omnipaxos.Message;
import dev.omnisim.omnipaxos.OmniPaxos;
import dev.omnisim.scenarios.BrokenServers;
import dev.omnisim.scenarios.Catalog;
import dev.omnisim.scenarios.Implementation;
import dev.omnisim.scenarios.ScenarioResult;
import dev.omnisim.scenarios.ScenarioRunner;
import dev.omnisim.scenarios.fuzz.BrokenConsensus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each invariant catches a broken variant made to break it, names itself in the failure, and the
 * reference passes the same scenario and seed: no invariant is proven only on code that obeys it.
 */
class InvariantsTest {
  private static final Catalog CATALOG = new Catalog();
  private static final ScenarioRunner REFERENCE = ScenarioRunner.reference();

  /** Runs {@code broken} and the reference on {@code scenario} seed 1: the first must break {@code invariant}. */
  private static Failure.InvariantBroken assertCaught(String invariant, Implementation broken, String scenario) {
    ScenarioResult r = REFERENCE.withImplementation(broken).run(CATALOG.require(scenario), 1);
    Failure.InvariantBroken f = assertInstanceOf(Failure.InvariantBroken.class, r.failure(),
        () -> broken.name() + " on " + scenario + ": " + r.failure());
    assertEquals(invariant, f.invariant(), f::describe);
    assertNull(REFERENCE.run(CATALOG.require(scenario), 1).failure(), "the reference must pass " + scenario);
    return f;
  }

  @Test
  @DisplayName("agreement: one server reads back another entry than it decided")
  void agreement() {
    Implementation broken = Implementation.REFERENCE.named("misreads").withConsensus(setup -> {
      OmniPaxos<KvCommand> real = new OmniPaxos<>(setup);
      return setup.selfId() != 2 ? real : new BrokenConsensus.Delegating(real) {
        @Override
        public List<KvCommand> readDecided(long from, long to) {
          List<KvCommand> entries = new ArrayList<>(peer.readDecided(from, to));
          for (int k = 0; k < entries.size(); k++) {
            if ((from + k) % 7 == 0 && entries.get(k) instanceof KvCommand.Append a) {
              // a decoding slip on one server: some appends come back as puts
              entries.set(k, new KvCommand.Put(a.clientId(), a.seq(), a.key(), a.arg()));
            }
          }
          return entries;
        }
      };
    });
    Failure.InvariantBroken f = assertCaught(Invariants.AGREEMENT, broken, "basic-one");
    assertTrue(f.evidence().contains("where another server decided"), f.evidence());
  }

  @Test
  @DisplayName("decided prefix: a server that keeps its state in memory comes back from a crash with less")
  void decidedPrefix() {
    assertCaught(Invariants.DECIDED_PREFIX, BrokenServers.FORGETTING_TO_PERSIST.implementation(), "persist-one");
  }

  @Test
  @DisplayName("promise survives a restart: recovery that does not read the promise back")
  void promiseSurvivesARestart() {
    Implementation broken = Implementation.REFERENCE.named("forgets-its-promise").withConsensus(setup -> {
      boolean restarted = setup.store().exists("omnipaxos.state.1"); // written at the first sync
      return new BrokenConsensus.Delegating(new OmniPaxos<>(setup)) {
        @Override
        public java.util.Optional<Term> promisedTerm() {
          // Reads the state slot it wrote first, not the newer one: after a restart it reports none.
          return restarted ? java.util.Optional.of(Term.NONE) : peer.promisedTerm();
        }
      };
    });
    assertCaught(Invariants.PROMISE_DURABLE, broken, "persist-one");
  }

  @Test
  @DisplayName("acknowledged entries kept: a follower that acknowledges one entry more than it holds")
  void acknowledgedEntriesKept() {
    Implementation broken = Implementation.REFERENCE.named("acknowledges-ahead").withConsensus(setup ->
        new BrokenConsensus.Delegating(new OmniPaxos<>(setup)) {
          @Override
          public List<Outgoing> drainOutgoing() {
            // Counts the entry it is about to append as already held: the leader may decide on it.
            return peer.drainOutgoing().stream().map(o -> o.message() instanceof Message.Accepted<?> a
                ? new Outgoing(o.to(), new Message.Accepted<KvCommand>(a.n(), a.session(), a.logLength() + 1)) : o)
                .toList();
          }
        });
    assertCaught(Invariants.ACKNOWLEDGED_KEPT, broken, "basic-one");
  }

  @Test
  @DisplayName("replica equality: one server applies Append as Put")
  void replicaEquality() {
    Implementation broken = Implementation.REFERENCE.named("append-as-put-on-1").withServer((peer, every) -> {
      return new KvServer(peer, isServerOne(peer) ? new AppendAsPut() : new KvStateMachine(), every);
    });
    assertCaught(Invariants.REPLICA_EQUALITY, broken, "basic-one");
  }

  @Test
  @DisplayName("decisions rest on a quorum: a leader that counts forged acknowledgements decides before anyone holds its entries")
  void quorumBehindDecisions() {
    Failure.InvariantBroken f = assertCaught(Invariants.QUORUM_BEHIND_DECISIONS,
        dev.omnisim.scenarios.fuzz.BrokenConsensus.DECIDING_WITHOUT_A_MAJORITY.implementation(), "basic-one");
    assertTrue(f.evidence().contains("acknowledged"), f.evidence());
  }

  @Test
  @DisplayName("one leader per term: terms built from the round alone, without the pid")
  void oneLeaderPerTerm() {
    Implementation broken = Implementation.REFERENCE.named("term-without-pid").withConsensus(setup ->
        new BrokenConsensus.Delegating(new OmniPaxos<>(setup)) {
          @Override
          public Leadership leadership() {
            Leadership v = peer.leadership();
            Term roundOnly = v.term().equals(Term.NONE) ? Term.NONE : new Term(0, 0);
            return new Leadership(v.leader(), roundOnly, v.leading());
          }
        });
    // Two servers lead one after the other in fig5a-one (the leader is cut off), both "in term 0.0".
    assertCaught(Invariants.ONE_LEADER_PER_TERM, broken, "fig5a-one");
  }

  @Test
  @DisplayName("stable leader: a leader that abdicates every few seconds on a quiet network")
  void stableLeader() {
    Implementation broken = Implementation.REFERENCE.named("abdicating").withConsensus(setup ->
        new BrokenConsensus.Delegating(new OmniPaxos<>(setup)) {
          private long ticksLeading;

          @Override
          public void receive(int from, Object message) {
            // After a second of leading, deaf to everyone for one: its followers find it gone
            // (its heartbeats say it lost its quorum) and elect another, though every link works.
            if (ticksLeading < 100) {
              peer.receive(from, message);
            }
          }

          @Override
          public void tick() {
            ticksLeading = peer.leadership().leading() || ticksLeading >= 100 ? (ticksLeading + 1) % 200 : 0;
            peer.tick();
          }
        });
    // fig5c-one, not a lab scenario without faults: those finish in under a second of virtual time,
    // inside the grace period after the start, now that reordered accepts no longer stall them.
    assertCaught(Invariants.STABLE_LEADER, broken, "fig5c-one");
  }

  @Test
  @DisplayName("progress: a leader that stops taking proposals while a quorum is connected")
  void progressWhileQuorumConnected() {
    Implementation broken = Implementation.REFERENCE.named("stops-proposing").withConsensus(setup ->
        new BrokenConsensus.Delegating(new OmniPaxos<>(setup)) {
          private int proposals;

          @Override
          public ProposeResult propose(KvCommand entry) {
            // A bounded buffer that is never drained: full after 40 proposals, and nobody notices.
            return ++proposals > 40 ? new ProposeResult.Rejected(ProposeResult.Reason.BUFFER_FULL) : peer.propose(entry);
          }
        });
    ScenarioResult r = REFERENCE.withImplementation(broken).run(CATALOG.require("basic-one"), 1);
    Failure.NoProgress f = assertInstanceOf(Failure.NoProgress.class, r.failure(), () -> String.valueOf(r.failure()));
    assertEquals("while quorum-connected", f.phase(), f::describe);
  }

  private static boolean isServerOne(dev.omnisim.consensus.ConsensusPeer<KvCommand> peer) {
    return peer instanceof OmniPaxos<KvCommand> p && p.id() == 1;
  }

  /** A map that overwrites where it should append. */
  static final class AppendAsPut extends KvStateMachine {
    @Override
    protected String execute(KvCommand c) {
      return c instanceof KvCommand.Append a ? super.execute(new KvCommand.Put(a.clientId(), a.seq(), a.key(), a.arg()))
          : super.execute(c);
    }
  }
}
