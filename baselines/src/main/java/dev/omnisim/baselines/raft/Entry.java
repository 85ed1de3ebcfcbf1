package dev.omnisim.baselines.raft;

import java.util.Objects;

/**
 * One log entry: the term of the leader that created it and the service's command.
 *
 * @param term the leader's term when it appended the entry
 * @param value the command
 * @param <T> the command type
 */
public record Entry<T>(long term, T value) {
  /** Checks the parts. */
  public Entry {
    Objects.requireNonNull(value, "value");
    if (term < 1) {
      throw new IllegalArgumentException("an entry's term is >= 1, was " + term);
    }
  }
}
