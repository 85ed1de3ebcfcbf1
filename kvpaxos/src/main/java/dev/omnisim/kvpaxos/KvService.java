package dev.omnisim.kvpaxos;

import dev.omnisim.consensus.ConsensusPeer;
import java.util.function.Consumer;

/**
 * The key-value server's logic as its host sees it — the interface a student's server implements.
 * The host ({@link KvServerNode}) feeds the consensus peer its messages and ticks, sends what the
 * peer hands out, and calls {@link #afterInput()} after every input; the server reaches the other
 * servers only through {@link #peer()}. {@link KvServer} is the reference implementation.
 */
public interface KvService {

  /** Handles one client request; {@code reply} must be called exactly once, now or later. */
  void submit(KvCommand command, Consumer<KvReply> reply);

  /** Called after every input to the peer: apply what was decided, answer who waits. */
  void afterInput();

  /** The consensus peer this server replicates through. */
  ConsensusPeer<KvCommand> peer();

  /**
   * How many decided entries this server has applied to its map (a snapshot install counts as
   * applying the entries it covers). The harness compares replicas at equal applied indexes.
   */
  long appliedIndex();

  /**
   * A digest of this server's state — map and duplicate table — after {@link #appliedIndex()}
   * entries: equal states must give equal digests, and different states should not. The harness
   * checks after every step that replicas at the same applied index have the same digest.
   */
  long stateDigest();
}
