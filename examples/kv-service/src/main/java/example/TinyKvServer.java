package example;

import dev.omnisim.consensus.ConsensusPeer;
import dev.omnisim.consensus.ProposeResult;
import dev.omnisim.kvpaxos.KvCommand;
import dev.omnisim.kvpaxos.KvReply;
import dev.omnisim.kvpaxos.KvService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A small replicated key-value service, written here and not in omnisim: every operation, reads
 * included, goes through the replicated log of a consensus peer; each server applies the decided
 * entries in order to its map, executes each client operation once (a retry is answered from the
 * duplicate table), and answers a waiting request once its own entry is decided where it was
 * proposed. It never compacts its log, so a restarted server rebuilds its map from the whole log.
 */
public final class TinyKvServer implements KvService {
  private final ConsensusPeer<KvCommand> peer;
  private final boolean detectDuplicates;
  private final TreeMap<String, String> data = new TreeMap<>();
  /** Per client, its last executed operation: a Clerk has one outstanding, so one is enough. */
  private final TreeMap<Long, Executed> lastByClient = new TreeMap<>();
  /** Requests waiting for their entry, by the log index they were proposed at. */
  private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
  private long applied;

  private record Executed(long seq, String result) {}

  private record Waiting(KvCommand command, Consumer<KvReply> reply) {}

  /** The service over {@code peer}, rebuilding its map from whatever log the peer recovered. */
  public TinyKvServer(ConsensusPeer<KvCommand> peer) {
    this(peer, true);
  }

  /** With {@code detectDuplicates} false, a retried operation runs again: the bug the tests show caught. */
  TinyKvServer(ConsensusPeer<KvCommand> peer, boolean detectDuplicates) {
    this.peer = peer;
    this.detectDuplicates = detectDuplicates;
    afterInput();
  }

  @Override
  public void submit(KvCommand command, Consumer<KvReply> reply) {
    Executed last = lastByClient.get(command.clientId());
    if (detectDuplicates && last != null && last.seq() == command.seq()) {
      reply.accept(new KvReply.Ok(last.result()));
    } else if (peer.isLeader() && peer.propose(command) instanceof ProposeResult.Appended appended) {
      Waiting previous = waiting.put(appended.index(), new Waiting(command, reply));
      if (previous != null) {
        previous.reply().accept(new KvReply.WrongLeader());
      }
    } else {
      reply.accept(new KvReply.WrongLeader());
    }
  }

  @Override
  public void afterInput() {
    long decided = peer.decidedIndex();
    while (applied < decided) {
      for (KvCommand command : peer.readDecided(applied, Math.min(decided, applied + 256))) {
        String result = apply(command);
        Waiting w = waiting.remove(applied);
        if (w != null) {
          w.reply().accept(w.command().equals(command) && result != null ? new KvReply.Ok(result) : new KvReply.WrongLeader());
        }
        applied++;
      }
    }
    if (!waiting.isEmpty() && !peer.isLeader()) {
      List<Waiting> all = new ArrayList<>(waiting.values());
      waiting.clear();
      all.forEach(w -> w.reply().accept(new KvReply.WrongLeader()));
    }
  }

  /** Executes {@code command} unless it already ran; returns its result, or null for an older retry. */
  private String apply(KvCommand command) {
    Executed last = lastByClient.get(command.clientId());
    if (detectDuplicates && last != null && command.seq() <= last.seq()) {
      return command.seq() == last.seq() ? last.result() : null;
    }
    String result = switch (command) {
      case KvCommand.Put put -> {
        data.put(put.key(), put.value());
        yield "";
      }
      case KvCommand.Append append -> {
        data.merge(append.key(), append.arg(), String::concat);
        yield "";
      }
      case KvCommand.Get get -> data.getOrDefault(get.key(), "");
    };
    lastByClient.put(command.clientId(), new Executed(command.seq(), result));
    return result;
  }

  @Override
  public ConsensusPeer<KvCommand> peer() {
    return peer;
  }

  @Override
  public long appliedIndex() {
    return applied;
  }

  /** A digest of the map and the duplicate table, in key order: equal states, equal digests. */
  @Override
  public long stateDigest() {
    long h = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : data.entrySet()) {
      h = mix(mix(h, e.getKey().hashCode()), e.getValue().hashCode());
    }
    for (Map.Entry<Long, Executed> e : lastByClient.entrySet()) {
      h = mix(mix(mix(h, e.getKey()), e.getValue().seq()), e.getValue().result().hashCode());
    }
    return h;
  }

  private static long mix(long h, long value) {
    return (h ^ value) * 0x100000001b3L;
  }
}
