package dev.omnisim.scenarios.report;

/**
 * The part of a run the diagram shows when the page opens; the page's controls move and zoom it.
 *
 * @param fromMicros virtual time at the left edge
 * @param widthMicros virtual time the diagram spans
 */
public record ReportWindow(long fromMicros, long widthMicros) {

  /** Two seconds: enough to see an election and a few hundred operations, few enough to read arrows. */
  public static final long DEFAULT_WIDTH_MICROS = 2_000_000;

  /** Checks the bounds. */
  public ReportWindow {
    if (fromMicros < 0 || widthMicros <= 0) {
      throw new IllegalArgumentException("window needs fromMicros >= 0 and widthMicros > 0, was " + fromMicros
          + " and " + widthMicros);
    }
  }

  /** The right edge. */
  public long toMicros() {
    return fromMicros + widthMicros;
  }

  /**
   * The opening window of a run that ends at {@code endMicros}: {@value #DEFAULT_WIDTH_MICROS} µs
   * (or the whole run, if shorter) with the first failing operation's call a quarter of the way in,
   * so what led up to it is visible too; without a failing operation ({@code firstFailingCallMicros}
   * negative), the start of the run.
   */
  public static ReportWindow around(long firstFailingCallMicros, long endMicros) {
    long width = Math.max(1, Math.min(DEFAULT_WIDTH_MICROS, endMicros));
    if (firstFailingCallMicros < 0) {
      return new ReportWindow(0, width);
    }
    long from = firstFailingCallMicros - width / 4;
    from = Math.max(0, Math.min(from, endMicros - width));
    return new ReportWindow(from, width);
  }
}
