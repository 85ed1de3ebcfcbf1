package dev.omnisim.kvpaxos;

/** A server's answer to a Clerk. */
public sealed interface KvReply {

  /** The operation executed (exactly once); {@code value} is what a Get read, "" for Put and Append. */
  record Ok(String value) implements KvReply {}

  /** This server cannot serve the operation now: not the leader, or it lost the leadership. Try another. */
  record WrongLeader() implements KvReply {}
}
