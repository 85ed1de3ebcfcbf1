package dev.omnisim.sim;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A logger for simulated code whose lines start with the virtual time and who is speaking, e.g.
 * {@code [12.034500s node 3] became leader}. It formats nothing unless the level is enabled, so
 * logging costs nearly nothing on the simulation's hot path.
 */
public final class SimLog {
  private final Logger logger;
  private final LongSupplier clockMicros;
  private final String who;

  /** A log for {@code who} on {@code logger}, stamped with {@code clockMicros}. */
  public SimLog(Logger logger, LongSupplier clockMicros, String who) {
    this.logger = logger;
    this.clockMicros = clockMicros;
    this.who = who;
  }

  /** True when debug lines are written. */
  public boolean isDebugEnabled() {
    return logger.isDebugEnabled();
  }

  /** A debug line; {@code format} uses SLF4J's {} placeholders. */
  public void debug(String format, Object... args) {
    if (logger.isDebugEnabled()) {
      logger.debug(prefix() + format, args);
    }
  }

  /** An info line. */
  public void info(String format, Object... args) {
    if (logger.isInfoEnabled()) {
      logger.info(prefix() + format, args);
    }
  }

  /** A warning line. */
  public void warn(String format, Object... args) {
    if (logger.isWarnEnabled()) {
      logger.warn(prefix() + format, args);
    }
  }

  private String prefix() {
    return "[" + formatMicros(clockMicros.getAsLong()) + " " + who + "] ";
  }

  /** Virtual microseconds as seconds with six decimals, e.g. {@code 12.034500s}. */
  public static String formatMicros(long micros) {
    return String.format(java.util.Locale.ROOT, "%d.%06ds", micros / 1_000_000, micros % 1_000_000);
  }
}
