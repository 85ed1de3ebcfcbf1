package dev.omnisim.lincheck;

/** What the checker concluded about a history or a partition. */
public enum Verdict {
  /** Linearisable: some order of the operations respects real time and the model. */
  OK,
  /** Not linearisable: no such order exists. */
  ILLEGAL,
  /** Undecided: the time budget or the memory bound ran out first. */
  UNKNOWN
}
