package dev.omnisim.scenarios.grading.api;

import dev.omnisim.consensus.ConsensusPeerFactory;
import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.scenarios.Implementation;

/**
 * What a student hands in: the three pieces of an {@link Implementation} — the consensus protocol, the
 * key-value server logic, the Clerk. Each method defaults to the reference, so a submission overrides
 * only what it implements: only OmniPaxos ({@link #consensus()}), only the key-value layer ({@link
 * #server()} and {@link #clerks()}), or everything.
 *
 * <p>The consensus protocol implements {@code dev.omnisim.consensus.ConsensusPeer} and is built from a
 * {@code PeerSetup}: its id, the cluster, the options, the node's {@code ByteStore} (its disk: the only
 * thing that survives a crash, in a format the protocol chooses), an entry codec and a seeded random
 * stream.
 *
 * <p>A submission is a jar (or a Maven-style project folder, which {@code omnisim grade} compiles)
 * that names its implementation in {@code META-INF/services/dev.omnisim.scenarios.grading.api.Submission}
 * for {@link java.util.ServiceLoader}; the class needs a public no-argument constructor. {@code
 * ./omnisim new-submission DIR} writes a starting point.
 *
 * <p>The methods may be called once per cluster or once for many: what they return is used for every
 * server (or client) of a cluster and for every restart of a server, so keep state in the objects the
 * factories build, never in static fields or in the submission itself. Read no wall clock and no
 * unseeded randomness and start no threads: the grader runs every scenario twice per seed and gives 0
 * points when the two runs differ.
 */
public interface Submission {

  /** Builds one consensus peer; the reference is {@code OmniPaxos::new}. */
  default ConsensusPeerFactory<KvCommand> consensus() {
    return Implementation.REFERENCE.consensus();
  }

  /** Builds the key-value server logic over a peer; the reference builds a {@code KvServer}. */
  default KvServerNode.ServerFactory server() {
    return Implementation.REFERENCE.server();
  }

  /** Builds the Clerk of each client; the reference builds a {@code Clerk}. */
  default ClerkFactory clerks() {
    return Implementation.REFERENCE.clerks();
  }

  /**
   * The implementation the harness runs for this submission: exactly its three parts.
   *
   * @param name how reports name it (e.g. the submission's file name)
   * @return the value the runner, the grader and the command line pass through
   */
  static Implementation implementation(Submission submission, String name) {
    // A submission implements OmniPaxos (or uses the reference's): it is held to the paper's claims.
    return new Implementation(name, submission.consensus(), submission.server(), submission.clerks(),
        Implementation.OMNIPAXOS_GUARANTEES);
  }
}
