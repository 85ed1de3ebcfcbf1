package dev.omnisim.kvpaxos;

/** A server's answer to a Clerk. */
public sealed interface KvReply {

  /** The operation executed (exactly once); {@code value} is what a Get read, "" for Put and Append. */
  record Ok(String value) implements KvReply {}

  /**
   * This server cannot serve the operation now: not the leader, or it lost the leadership. Try another,
   * the one named by {@code leaderHint} first when it is not -1 (the leader this server follows, as
   * etcd's and most Raft clients' "not leader" errors say). Without the hint a Clerk goes round every
   * server, and one that is cut off costs it a call timeout per round: on 8 servers with one isolated
   * and a little loss, a client missed the 3 s liveness bound with a leader elected (swarm seed 1522).
   *
   * @param leaderHint the server this one believes leads, or -1 when it knows none
   */
  record WrongLeader(int leaderHint) implements KvReply {
    /** No hint (-1): what a server that does not know the leader answers. */
    public WrongLeader() {
      this(-1);
    }
  }
}
