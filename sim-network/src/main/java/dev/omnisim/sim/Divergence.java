package dev.omnisim.sim;

/**
 * The first place where two runs that should be identical differ.
 *
 * @param index the position of the first differing event
 * @param first the event of the first run there, or null when that run ended sooner
 * @param second the event of the second run there, or null when that run ended sooner
 */
public record Divergence(long index, TraceEvent first, TraceEvent second) {

  /** A sentence naming the event, fit for a test failure or the command line. */
  public String describe() {
    return "runs diverge at event #" + index + ":\n  first run:  " + (first == null ? "(ended)" : first)
        + "\n  second run: " + (second == null ? "(ended)" : second);
  }
}
