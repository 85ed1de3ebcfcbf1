package dev.omnisim.scenarios;

import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvReply;
import dev.omnisim.kvpaxos.KvServer;
import dev.omnisim.kvpaxos.KvStateMachine;
import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.MemoryByteStore;
import dev.omnisim.omnipaxos.OmniPaxos;
import java.util.function.Consumer;

/**
 * Key-value servers with the bugs students write, each one change away from the reference, for
 * showing that the scenarios catch them. Each is an {@link Implementation}, for
 * {@link ScenarioRunner#withImplementation}.
 */
public enum BrokenServers {
  /** Applies every decided command, a retried one included: a retry after a lost reply runs twice. */
  WITHOUT_DUPLICATE_DETECTION {
    @Override
    public Implementation implementation() {
      return Implementation.REFERENCE.named(name()).withServer((peer, every) -> new KvServer(peer, new ReExecuting(), every));
    }
  },
  /**
   * Answers a Get from its own map, without the log, whenever it believes it leads ("a read changes
   * nothing, and the leader is up to date"): a deposed leader that has not heard so, or a new one
   * that has not applied everything yet, returns a stale value.
   */
  READING_LOCALLY_AT_THE_LEADER {
    @Override
    public Implementation implementation() {
      return Implementation.REFERENCE.named(name()).withServer((peer, every) -> new LocalReads(peer, every, true));
    }
  },
  /** Answers a Get from its own map on any server, follower or not: every lagging replica reads stale. */
  READING_LOCALLY_ANYWHERE {
    @Override
    public Implementation implementation() {
      return Implementation.REFERENCE.named(name()).withServer((peer, every) -> new LocalReads(peer, every, false));
    }
  },
  /** Keeps the consensus state (promise, log, decided index) in memory: a crash forgets all of it. */
  FORGETTING_TO_PERSIST {
    @Override
    public Implementation implementation() {
      // A fresh in-memory store per incarnation: what the peer wrote goes with the process.
      return Implementation.REFERENCE.named(name()).withConsensus(setup -> new OmniPaxos<>(setup.withStore(new MemoryByteStore())));
    }
  };

  /** The reference with this bug. */
  public abstract Implementation implementation();

  /** A runner over these servers, otherwise the reference one. */
  public ScenarioRunner runner() {
    return ScenarioRunner.reference().withImplementation(implementation());
  }

  /** A map without duplicate detection: it executes whatever the log decided, however often. */
  static final class ReExecuting extends KvStateMachine {
    @Override
    public String apply(KvCommand c) {
      return execute(c);
    }
  }

  /** A server that short-cuts Gets around the log. */
  static final class LocalReads extends KvServer {
    private final boolean onlyWhenLeading;

    LocalReads(ConsensusPeer<KvCommand> peer, long snapshotEveryEntries, boolean onlyWhenLeading) {
      super(peer, new KvStateMachine(), snapshotEveryEntries);
      this.onlyWhenLeading = onlyWhenLeading;
    }

    @Override
    public void submit(KvCommand command, Consumer<KvReply> reply) {
      if (command instanceof KvCommand.Get get && (!onlyWhenLeading || peer().isLeader())) {
        reply.accept(new KvReply.Ok(machine().localValue(get.key())));
        return;
      }
      super.submit(command, reply);
    }
  }
}
