package dev.omnisim.kvpaxos;

/** Hears each Clerk operation begin and end, e.g. to record a history for the linearizability checker. */
public interface ClerkListener {

  /** A listener that does nothing. */
  ClerkListener NONE = new ClerkListener() {
    @Override
    public void invoked(KvCommand command, long timeMicros) {}

    @Override
    public void returned(KvCommand command, String result, long timeMicros) {}
  };

  /** The application called the Clerk with {@code command} at {@code timeMicros}. */
  void invoked(KvCommand command, long timeMicros);

  /** The Clerk returned {@code result} ("" for Put and Append) for {@code command}. */
  void returned(KvCommand command, String result, long timeMicros);
}
