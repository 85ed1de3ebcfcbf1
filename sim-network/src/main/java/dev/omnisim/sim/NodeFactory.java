package dev.omnisim.sim;

/** Builds a node's object at start and again at every restart, when only its disk remains. */
@FunctionalInterface
public interface NodeFactory {

  /** A new node object bound to {@code context}; recover any durable state from its disk. */
  Node create(NodeContext context);
}
