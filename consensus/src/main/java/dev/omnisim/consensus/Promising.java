package dev.omnisim.consensus;

/**
 * A message by which its sender promises never to accept anything from a term below {@link
 * #promisedTerm()}: OmniPaxos's and Paxos's Promise, Raft's granted vote. A peer that sent one must
 * still keep that promise after a crash and restart, so the harness compares what a restarted peer
 * reports ({@link ConsensusPeer#promisedTerm()}) with every such message it sent before. Protocols
 * implement it on their message types; nothing else in the contract needs it.
 */
public interface Promising {

  /**
   * Returns the term the sender promised not to go below.
   *
   * @return the promised term
   */
  Term promisedTerm();
}
