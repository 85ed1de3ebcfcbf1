package dev.omnisim.scenarios.grading.api;

import dev.omnisim.kvpaxos.ClerkFactory;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvServerNode;
import dev.omnisim.omnipaxos.ByteStore;
import dev.omnisim.omnipaxos.ConsensusPeerFactory;
import dev.omnisim.omnipaxos.Storage;
import dev.omnisim.scenarios.References;
import java.util.function.Function;

/**
 * What a student hands in: the four pieces the harness builds a cluster from. Each method defaults to
 * the reference, so a submission overrides only what it implements — only OmniPaxos ({@link
 * #consensus()}, usually with {@link #storage()}), only the key-value layer ({@link #server()} and
 * {@link #clerks()}), or everything.
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
    return References.serverConfig(1).consensus();
  }

  /**
   * Opens a peer's storage on its node's disk (the bytes survive a crash, memory does not); the
   * reference is {@code PersistentStorage.open(bytes, KvCommands.CODEC)}.
   */
  default Function<ByteStore, Storage<KvCommand>> storage() {
    return References.serverConfig(1).storage();
  }

  /** Builds the key-value server logic over a peer; the reference builds a {@code KvServer}. */
  default KvServerNode.ServerFactory server() {
    return References.serverConfig(1).server();
  }

  /** Builds the Clerk of each client; the reference builds a {@code Clerk}. */
  default ClerkFactory clerks() {
    return References.clerks();
  }
}
