package dev.omnisim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The run's trace: every delivery, drop, timer firing, fault action and client operation is folded
 * into a 64-bit fingerprint, so the same scenario, seed and code give the same fingerprint and any
 * difference in what happened, or when, changes it. When recording is on the events are also kept
 * (up to a bound) so two runs can be compared event by event ({@link #firstDivergence}).
 */
public final class Trace {
  private final boolean recording;
  private final int maxRecorded;
  private final ArrayList<TraceEvent> recorded = new ArrayList<>();
  private long hash = 0x6a09e667f3bcc908L;
  private long count;

  Trace(boolean recording, int maxRecorded) {
    this.recording = recording;
    this.maxRecorded = maxRecorded;
  }

  /** The fingerprint of everything so far. */
  public long fingerprint() {
    return hash;
  }

  /** The fingerprint as 16 hex digits, as the command line prints it. */
  public String fingerprintHex() {
    return String.format(Locale.ROOT, "%016x", hash);
  }

  /** How many events were folded in. */
  public long eventCount() {
    return count;
  }

  /** True when events are kept for comparison. */
  public boolean isRecording() {
    return recording;
  }

  /** The kept events (the first {@code maxRecordedEvents} of the run). */
  public List<TraceEvent> events() {
    return List.copyOf(recorded);
  }

  /** True when the run had more events than were kept. */
  public boolean truncated() {
    return recording && count > recorded.size();
  }

  /**
   * The first event where this trace and {@code other} differ, or empty when they are the same. Both
   * must be recording; events beyond the kept ones are compared by fingerprint only.
   */
  public Optional<Divergence> firstDivergence(Trace other) {
    if (!recording || !other.recording) {
      throw new IllegalStateException("comparing traces needs both to record events (SimulationOptions.recordTrace)");
    }
    Optional<Divergence> inRecorded = Divergence.between(recorded, other.recorded);
    if (inRecorded.isPresent()) {
      return inRecorded;
    }
    int n = recorded.size();
    if (hash != other.hash || count != other.count) {
      return Optional.of(new Divergence(n, null, null));
    }
    return Optional.empty();
  }

  /** Folds one event in; {@code detail} is only asked for when recording. */
  void fold(TraceKind kind, long timeMicros, int from, int to, long detailHash, Supplier<String> detail) {
    long h = hash;
    h = step(h, kind.ordinal());
    h = step(h, timeMicros);
    h = step(h, ((long) from << 32) ^ (to & 0xffffffffL));
    h = step(h, detailHash);
    hash = h;
    if (recording && recorded.size() < maxRecorded) {
      recorded.add(new TraceEvent(count, timeMicros, kind, from, to, detail.get()));
    }
    count++;
  }

  private static long step(long h, long v) {
    return DeterministicRandom.mix64(h ^ (v * 0x9E3779B97F4A7C15L) + 0x632BE59BD9B4E019L);
  }
}
