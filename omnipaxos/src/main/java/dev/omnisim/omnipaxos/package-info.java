/**
 * OmniPaxos as a sans-IO state machine: Ballot Leader Election plus Sequence Paxos, as in the
 * Omni-Paxos paper (EuroSys 2023). The library does no I/O and keeps no clock; it is driven by
 * {@code propose}, {@code handle}, {@code tick} and {@code reconnected}, and hands out messages to send.
 */
package dev.omnisim.omnipaxos;
