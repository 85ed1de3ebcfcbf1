package dev.omnisim.kvpaxos;

/**
 * The client library's interface — what a student's Clerk implements. One operation at a time; each
 * callback runs exactly once, when a server has executed the operation (exactly once, whatever the
 * retries). {@link Clerk} is the reference implementation.
 */
public interface KvClerk {

  /** Sets {@code key} to {@code value}; {@code done} runs when a server confirmed it. */
  void put(String key, String value, Runnable done);

  /** Appends {@code arg} to the value of {@code key}; {@code done} runs when a server confirmed it. */
  void append(String key, String arg, Runnable done);

  /** Reads {@code key} ("" when missing); {@code done} gets the value. */
  void get(String key, java.util.function.Consumer<String> done);

  /** True while an operation waits for its answer. */
  boolean busy();

  /** This Clerk's id, unique in the cluster. */
  long clientId();
}
