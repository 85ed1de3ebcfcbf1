package dev.omnisim.kvpaxos;

/**
 * One client operation as it travels to a server and through the replicated log. {@code clientId}
 * and {@code seq} identify it for duplicate detection: a Clerk numbers its operations 1, 2, 3, …
 * and has at most one outstanding, so a request with sequence number n tells the servers the client
 * saw the reply to n - 1.
 */
public sealed interface KvCommand {

  /** The Clerk that issued the operation. */
  long clientId();

  /** The operation's number within its Clerk, from 1. */
  long seq();

  /** The key the operation reads or writes. */
  String key();

  /** Sets {@code key} to {@code value}. */
  record Put(long clientId, long seq, String key, String value) implements KvCommand {
    public Put {
      KvCommands.check(clientId, seq, key, value, "value");
    }
  }

  /** Appends {@code arg} to the value of {@code key}; on a missing key acts like a put. */
  record Append(long clientId, long seq, String key, String arg) implements KvCommand {
    public Append {
      KvCommands.check(clientId, seq, key, arg, "arg");
    }
  }

  /** Reads {@code key}; a missing key reads as "". */
  record Get(long clientId, long seq, String key) implements KvCommand {
    public Get {
      KvCommands.check(clientId, seq, key, "", "value");
    }
  }
}
