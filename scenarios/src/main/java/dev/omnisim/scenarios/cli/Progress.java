package dev.omnisim.scenarios.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error: seeds done, seeds per second, failures so far. On a terminal it
 * redraws one line; elsewhere (CI logs) it prints a line at every tenth of the way.
 */
final class Progress {
  private static final long REDRAW_NANOS = 250_000_000;
  private final PrintWriter err;
  private final int total;
  private final long startNanos;
  private final boolean terminal = System.console() != null;
  private long lastDrawNanos;
  private int lastTenth;

  Progress(PrintWriter err, int total, long startNanos) {
    this.err = err;
    this.total = total;
    this.startNanos = startNanos;
  }

  synchronized void update(int done, int failed) {
    long now = System.nanoTime();
    int tenth = total == 0 ? 10 : done * 10 / total;
    if (terminal && now - lastDrawNanos >= REDRAW_NANOS) {
      lastDrawNanos = now;
      err.print("\r" + line(done, failed, now));
      err.flush();
    } else if (!terminal && tenth > lastTenth) {
      lastTenth = tenth;
      err.println(line(done, failed, now));
      err.flush();
    }
  }

  synchronized void finish(int done, int failed) {
    if (terminal) {
      err.println("\r" + line(done, failed, System.nanoTime()));
      err.flush();
    }
  }

  private String line(int done, int failed, long now) {
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    return String.format(Locale.ROOT, "[%s%s] %d/%d seeds  %.1f seeds/s  %d failed", "=".repeat(filled),
        " ".repeat(width - filled), done, total, done / seconds, failed);
  }
}
