package dev.omnisim.scenarios.report;

import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which server led when: periods during which a server's own view of leadership (the consensus
 * contract's {@code Leadership}, recorded in the trace as {@code LEADERSHIP} events by the harness)
 * said it leads. This works for any protocol. Two periods may overlap (a deposed leader in a minority
 * partition keeps believing it leads until it hears of its successor); the report shows both, since
 * that is what happened.
 *
 * @param periods the periods, ordered by start time, then server
 */
public record LeaderTimeline(List<Period> periods) {

  /**
   * One period of leadership.
   *
   * @param server the server
   * @param fromMicros virtual time at which it started to lead
   * @param toMicros virtual time at which it stopped (a new view, a crash) or the end of the trace
   * @param messages how many observations back the period: 1 for a period read from the trace; for
   *     polled samples, how many samples named it
   */
  public record Period(int server, long fromMicros, long toMicros, long messages) {}

  /**
   * What a harness saw when it asked the cluster who leads (e.g. {@code KvCluster.leader()} polled
   * as the run goes).
   *
   * @param timeMicros virtual time of the observation
   * @param server the leader then, or -1 when there was none (or no single one)
   */
  public record Sample(long timeMicros, int server) {}

  /** Copies the list. */
  public LeaderTimeline {
    periods = List.copyOf(periods);
  }

  /** No leader information. */
  public static LeaderTimeline empty() {
    return new LeaderTimeline(List.of());
  }

  /**
   * The periods of observed leadership: a server leads from a sample naming it until the next sample
   * that does not (or {@code endMicros}). Samples must be in time order.
   */
  public static LeaderTimeline fromSamples(List<Sample> samples, long endMicros) {
    List<Period> periods = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (i > 0 && s.timeMicros() < samples.get(i - 1).timeMicros()) {
        throw new IllegalArgumentException("leader samples must be in time order, sample " + i + " at "
            + s.timeMicros() + " µs comes after one at " + samples.get(i - 1).timeMicros() + " µs");
      }
      if (s.server() < 0 || (i > 0 && samples.get(i - 1).server() == s.server())) {
        continue;
      }
      int next = i + 1;
      long count = 1;
      while (next < samples.size() && samples.get(next).server() == s.server()) {
        next++;
        count++;
      }
      long to = next < samples.size() ? samples.get(next).timeMicros() : Math.max(endMicros, s.timeMicros());
      periods.add(new Period(s.server(), s.timeMicros(), to, count));
    }
    return new LeaderTimeline(periods);
  }

  /**
   * The leader periods the trace shows: a server leads from a {@code LEADERSHIP} event whose view says
   * it leads until its next {@code LEADERSHIP} event that does not, its crash, or the last event of
   * the trace.
   */
  public static LeaderTimeline fromTrace(List<TraceEvent> trace) {
    TreeMap<Integer, Long> open = new TreeMap<>();
    List<Period> done = new ArrayList<>();
    long end = trace.isEmpty() ? 0 : trace.get(trace.size() - 1).timeMicros();
    for (TraceEvent e : trace) {
      boolean ends = e.kind() == TraceKind.CRASH || e.kind() == TraceKind.LEADERSHIP;
      if (ends && open.containsKey(e.from())) {
        done.add(new Period(e.from(), open.remove(e.from()), e.timeMicros(), 1));
      }
      if (e.kind() == TraceKind.LEADERSHIP && isLeading(e)) {
        open.put(e.from(), e.timeMicros());
      }
    }
    open.forEach((server, from) -> done.add(new Period(server, from, Math.max(from, end), 1)));
    done.sort((a, b) -> a.fromMicros() != b.fromMicros() ? Long.compare(a.fromMicros(), b.fromMicros())
        : Integer.compare(a.server(), b.server()));
    return new LeaderTimeline(done);
  }

  /** A {@code LEADERSHIP} event names the node itself as leader and its view says "leading". */
  static boolean isLeading(TraceEvent e) {
    return e.to() == e.from() && e.detail().startsWith("leading");
  }
}
