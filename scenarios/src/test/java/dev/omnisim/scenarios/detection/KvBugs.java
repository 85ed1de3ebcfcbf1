package dev.omnisim.scenarios.detection;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvReply;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvStateMachine;
import java.util.function.Consumer;

/** The key-value bugs that fit in a subclass of the reference server or state machine. */
final class KvBugs {
  private KvBugs() {}

  /** Snapshots the map but not the duplicate table ("the table is only a cache of replies"). */
  static final class SnapshotWithoutDuplicateTable extends KvStateMachine {
    @Override
    public byte[] snapshot() {
      SnapshotWithoutDuplicateTable mapOnly = new SnapshotWithoutDuplicateTable();
      mapOnly.data.putAll(data);
      return mapOnly.fullSnapshot();
    }

    private byte[] fullSnapshot() {
      return super.snapshot();
    }
  }

  /** Forgets a client's entry once a retry of it was answered ("the client has its reply now"). */
  static final class FreeingTheEntryAfterARetry extends KvStateMachine {
    @Override
    public String apply(KvCommand c) {
      Applied latest = latestByClient.get(c.clientId());
      if (latest != null && latest.seq() == c.seq()) {
        latestByClient.remove(c.clientId()); // the bug: a third copy of the command executes again
        return latest.result();
      }
      return super.apply(c);
    }
  }

  /** Applies an Append as a Put: the copy-paste of the Put case. */
  static final class AppendAsPut extends KvStateMachine {
    @Override
    protected String execute(KvCommand c) {
      if (c instanceof KvCommand.Append a) {
        data.put(a.key(), a.arg());
        return "";
      }
      return super.execute(c);
    }
  }

  /**
   * A leader that applies a command to its map as soon as it appended it to the log ("it will be
   * decided anyway, and the reply is ready sooner"); the decided copy later finds it in the duplicate
   * table and changes nothing.
   */
  static final class ApplyingBeforeDecided extends KvServer {
    ApplyingBeforeDecided(ConsensusPeer<KvCommand> peer, long snapshotEveryEntries) {
      super(peer, new KvStateMachine(), snapshotEveryEntries);
    }

    @Override
    public void submit(KvCommand command, Consumer<KvReply> reply) {
      int waitingBefore = waitingCount();
      super.submit(command, reply);
      if (waitingCount() > waitingBefore) { // appended at our log's end: execute it now
        machine().apply(command);
      }
    }
  }
}
