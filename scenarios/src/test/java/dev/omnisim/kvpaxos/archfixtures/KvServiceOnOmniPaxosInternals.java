package dev.omnisim.kvpaxos.archfixtures;

import dev.omnisim.omnipaxos.Ballot;

/** Breaks the layering on purpose: key-value code that reads an OmniPaxos internal (a ballot). */
public final class KvServiceOnOmniPaxosInternals {
  private KvServiceOnOmniPaxosInternals() {}

  /** Reads OmniPaxos's own notion of a term: what the contract's Term is for. */
  public static long round(Ballot b) {
    return b.n();
  }
}
