package student;

import dev.omnisim.kvpaxos.KvClerk;
import dev.omnisim.sim.NodeContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * Your Clerk: send each operation as a KvCommand RPC (ctx.call) to a server, retry on WrongLeader or a
 * failed call with the same sequence number, remember the last leader, and call done exactly once.
 */
public final class MyClerk implements KvClerk {
  private final NodeContext ctx;
  private final long clientId;
  private final List<Integer> servers;

  public MyClerk(NodeContext ctx, long clientId, List<Integer> servers) {
    this.ctx = ctx;
    this.clientId = clientId;
    this.servers = List.copyOf(servers);
  }

  @Override
  public void put(String key, String value, Runnable done) {
    // TODO
  }

  @Override
  public void append(String key, String arg, Runnable done) {
    // TODO
  }

  @Override
  public void get(String key, Consumer<String> done) {
    // TODO
  }

  @Override
  public boolean busy() {
    return false; // TODO: true while an operation waits for its answer
  }

  @Override
  public long clientId() {
    return clientId;
  }
}
