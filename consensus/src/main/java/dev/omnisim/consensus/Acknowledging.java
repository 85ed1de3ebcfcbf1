package dev.omnisim.consensus;

/**
 * A message by which its sender acknowledges that it holds the log up to {@link #acceptedLength()}
 * as accepted in {@link #acceptedTerm()}: OmniPaxos's Accepted, Raft's successful AppendEntries reply.
 * Leaders count such messages towards a quorum, so the sender must keep those entries, across a
 * restart too, unless a higher term replaces them. The harness compares each peer's {@link
 * ConsensusPeer#acceptedLog()} with every such message it sent, and checks that every index decided
 * for the first time is backed by such messages of one term from a majority (with the deciding peer's
 * own log and the term's leader): a protocol that reports its accepted log must send the
 * acknowledgements its leader counts as this type.
 */
public interface Acknowledging {

  /**
   * Returns the term in which the entries were accepted.
   *
   * @return the accepted term
   */
  Term acceptedTerm();

  /**
   * Returns how long the acknowledged log is (absolute, compacted entries included).
   *
   * @return the acknowledged length
   */
  long acceptedLength();
}
