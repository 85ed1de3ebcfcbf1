package dev.omnisim.sim;

import java.util.function.ToIntFunction;

/**
 * Settings of one simulation.
 *
 * @param maxEvents events the run may process before it stops with {@link SimulationLimitExceeded}
 * @param maxTimeMicros virtual time the run may reach before it stops with {@link SimulationLimitExceeded}
 * @param recordTrace keep every event (up to {@code maxRecordedEvents}) for event-by-event comparison
 * @param maxRecordedEvents events kept when recording
 * @param messageSizer bytes a message counts for in {@link Counters}; the default counts byte arrays
 *     and strings by length and other messages as 0
 */
public record SimulationOptions(
    long maxEvents,
    long maxTimeMicros,
    boolean recordTrace,
    int maxRecordedEvents,
    ToIntFunction<Object> messageSizer) {

  /** 50 million events, 24 hours of virtual time, no recording. */
  public static final SimulationOptions DEFAULTS =
      new SimulationOptions(50_000_000L, 24L * 3600 * 1_000_000, false, 2_000_000, SimulationOptions::defaultSize);

  public SimulationOptions {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("simulation maxEvents must be > 0, was " + maxEvents);
    }
    if (maxTimeMicros <= 0) {
      throw new IllegalArgumentException("simulation maxTimeMicros must be > 0, was " + maxTimeMicros);
    }
    if (maxRecordedEvents < 0) {
      throw new IllegalArgumentException("simulation maxRecordedEvents must be >= 0, was " + maxRecordedEvents);
    }
    if (messageSizer == null) {
      throw new IllegalArgumentException("simulation messageSizer must be given, was null");
    }
  }

  /** These options with event recording on or off. */
  public SimulationOptions withRecordTrace(boolean record) {
    return new SimulationOptions(maxEvents, maxTimeMicros, record, maxRecordedEvents, messageSizer);
  }

  /** These options with another cap on events. */
  public SimulationOptions withMaxEvents(long max) {
    return new SimulationOptions(max, maxTimeMicros, recordTrace, maxRecordedEvents, messageSizer);
  }

  /** These options with another cap on virtual time. */
  public SimulationOptions withMaxTimeMicros(long max) {
    return new SimulationOptions(maxEvents, max, recordTrace, maxRecordedEvents, messageSizer);
  }

  /** These options with another message sizer. */
  public SimulationOptions withMessageSizer(ToIntFunction<Object> sizer) {
    return new SimulationOptions(maxEvents, maxTimeMicros, recordTrace, maxRecordedEvents, sizer);
  }

  private static int defaultSize(Object message) {
    if (message instanceof byte[] bytes) {
      return bytes.length;
    }
    if (message instanceof String s) {
      return s.length();
    }
    return 0;
  }
}
