package dev.omnisim.consensus;

/** What {@link ConsensusPeer#propose} did with an entry. */
public sealed interface ProposeResult {

  /**
   * The entry was appended to this leader's log; it is decided when {@link
   * ConsensusPeer#decidedIndex()} passes {@code index} <em>and</em> the decided entry at {@code
   * index} is this entry (a leader change may decide another entry there).
   *
   * @param index the log index the entry was appended at
   */
  record Appended(long index) implements ProposeResult {}

  /**
   * The entry was forwarded to the leader (and is retried until the leader acknowledges it).
   *
   * @param leader the id of the peer it was forwarded to
   */
  record Forwarded(int leader) implements ProposeResult {}

  /** The entry waits in a bounded buffer until this peer's leadership is established. */
  record Queued() implements ProposeResult {}

  /**
   * The entry was not taken; the caller should retry elsewhere or later.
   *
   * @param reason why it was rejected
   */
  record Rejected(Reason reason) implements ProposeResult {}

  /** Why a proposal was rejected. */
  enum Reason {
    /** No leader is known to this peer. */
    NO_LEADER,
    /** The bounded buffer of proposals waiting for a leader is full. */
    BUFFER_FULL
  }
}
