package student;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvReply;
import dev.omnisim.kvpaxos.KvService;
import java.util.function.Consumer;

/**
 * Your key-value server: submit every command (Gets too) to the log through the peer, apply decided
 * entries in order with duplicate detection by (clientId, seq), answer each waiting request once its
 * entry is decided, and answer WrongLeader when it cannot be. Compact every snapshotEveryEntries.
 */
public final class MyKvServer implements KvService {
  private final ConsensusPeer<KvCommand> peer;
  private final long snapshotEveryEntries;

  public MyKvServer(ConsensusPeer<KvCommand> peer, long snapshotEveryEntries) {
    this.peer = peer;
    this.snapshotEveryEntries = snapshotEveryEntries;
  }

  @Override
  public void submit(KvCommand command, Consumer<KvReply> reply) {
    // TODO: propose, remember who waits, answer in afterInput()
  }

  @Override
  public void afterInput() {
    // TODO: apply what was decided, answer who waits
  }

  @Override
  public ConsensusPeer<KvCommand> peer() {
    return peer;
  }

  @Override
  public long appliedIndex() {
    return 0; // TODO: how many decided entries your map reflects
  }

  @Override
  public long stateDigest() {
    return 0; // TODO: a digest of your map and duplicate table (equal states, equal digests)
  }
}
