package dev.omnisim.sim;

import java.util.List;
import java.util.Optional;

/**
 * The first place where two runs that should be identical differ.
 *
 * @param index the position of the first differing event
 * @param first the event of the first run there, or null when that run ended sooner
 * @param second the event of the second run there, or null when that run ended sooner
 */
public record Divergence(long index, TraceEvent first, TraceEvent second) {

  /** The first position where two recorded event lists differ, or empty when they are equal. */
  public static Optional<Divergence> between(List<TraceEvent> a, List<TraceEvent> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return Optional.of(new Divergence(i, a.get(i), b.get(i)));
      }
    }
    if (a.size() != b.size()) {
      return Optional.of(new Divergence(n, n < a.size() ? a.get(n) : null, n < b.size() ? b.get(n) : null));
    }
    return Optional.empty();
  }

  /** A sentence naming the event, fit for a test failure or the command line. */
  public String describe() {
    return "runs diverge at event #" + index + ":\n  first run:  " + (first == null ? "(ended)" : first)
        + "\n  second run: " + (second == null ? "(ended)" : second);
  }
}
