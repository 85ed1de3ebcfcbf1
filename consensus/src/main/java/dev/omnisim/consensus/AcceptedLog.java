package dev.omnisim.consensus;

import java.util.Objects;

/**
 * What a peer holds as accepted: the term of its accepted log and its length (absolute, compacted
 * entries included).
 *
 * @param term the term in which the log was last accepted
 * @param length the log's length
 */
public record AcceptedLog(Term term, long length) {
  /** Checks the parts. */
  public AcceptedLog {
    Objects.requireNonNull(term, "term");
    if (length < 0) {
      throw new IllegalArgumentException("an accepted log's length must be >= 0, was " + length);
    }
  }
}
