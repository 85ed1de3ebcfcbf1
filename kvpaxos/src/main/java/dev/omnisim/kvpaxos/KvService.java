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
}
