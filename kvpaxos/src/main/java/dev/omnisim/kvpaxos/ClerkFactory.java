package dev.omnisim.kvpaxos;

import dev.omnisim.sim.NodeContext;
import java.util.List;

/** Builds a Clerk on a client node: the reference {@link Clerk}, or a student's. */
@FunctionalInterface
public interface ClerkFactory {

  /** A Clerk with id {@code clientId} on the node of {@code ctx}, talking to {@code servers}. */
  KvClerk create(NodeContext ctx, long clientId, List<Integer> servers);
}
