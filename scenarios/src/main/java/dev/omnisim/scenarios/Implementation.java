package dev.omnisim.scenarios;

import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.kvpaxos.Clerk;
import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.kvpaxos.KvStateMachine;
import dev.omnisim.omnipaxos.OmniPaxos;
import dev.omnisim.scenarios.check.Guarantee;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which code runs in a cluster: the consensus protocol, the key-value server logic over it, and the
 * client library. The runner, the cluster harness, the grader and the command line pass one such value
 * through unchanged; the reference, a student's submission, a baseline protocol and a deliberately
 * broken variant are all values of this type. The harness's timings (tick, Clerk timeouts, snapshot
 * threshold) are not part of it: they are the scenario's ({@link References}).
 *
 * @param name a short name for reports ("reference", a submission's file name, a variant's name)
 * @param consensus builds one consensus peer per server incarnation; it owns its format on the node's
 *     byte store
 * @param server builds the key-value server logic over a peer
 * @param clerks builds each client's Clerk
 * @param guarantees what the protocol claims beyond safety, which the harness then checks after every
 *     step ({@link Guarantee}); OmniPaxos claims them all
 */
public record Implementation(
    String name,
    ConsensusPeerFactory<KvCommand> consensus,
    KvServerNode.ServerFactory server,
    ClerkFactory clerks,
    Set<Guarantee> guarantees) {

  /** OmniPaxos's claims (the paper's): only quorum-connected takeovers, a stable leader, progress. */
  public static final Set<Guarantee> OMNIPAXOS_GUARANTEES = Collections.unmodifiableSet(EnumSet.allOf(Guarantee.class));

  /** OmniPaxos persisted on each node's disk, the reference {@code KvServer} and the reference {@code Clerk}. */
  public static final Implementation REFERENCE = new Implementation(
      "reference",
      OmniPaxos::new,
      (peer, every) -> new KvServer(peer, new KvStateMachine(), every),
      (ctx, clientId, servers) -> new Clerk(ctx, clientId, servers,
          References.CLERK_CALL_TIMEOUT_MICROS, References.CLERK_BACKOFF_MICROS),
      OMNIPAXOS_GUARANTEES);

  /** Checks that every part is given. */
  public Implementation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(consensus, "consensus");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clerks, "clerks");
    guarantees = Collections.unmodifiableSet(guarantees.isEmpty() ? EnumSet.noneOf(Guarantee.class)
        : EnumSet.copyOf(guarantees));
  }

  /** The same implementation under another name. */
  public Implementation named(String newName) {
    return new Implementation(newName, consensus, server, clerks, guarantees);
  }

  /** The same implementation with another consensus protocol. */
  public Implementation withConsensus(ConsensusPeerFactory<KvCommand> factory) {
    return new Implementation(name, factory, server, clerks, guarantees);
  }

  /** The same implementation with other server logic. */
  public Implementation withServer(KvServerNode.ServerFactory factory) {
    return new Implementation(name, consensus, factory, clerks, guarantees);
  }

  /** The same implementation claiming {@code claimed} (a baseline protocol claims fewer than OmniPaxos). */
  public Implementation withGuarantees(Set<Guarantee> claimed) {
    return new Implementation(name, consensus, server, clerks, claimed);
  }

  /** The same implementation with other Clerks. */
  public Implementation withClerks(ClerkFactory factory) {
    return new Implementation(name, consensus, server, factory, guarantees);
  }
}
