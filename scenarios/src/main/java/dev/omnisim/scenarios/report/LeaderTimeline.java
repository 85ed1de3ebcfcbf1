package dev.omnisim.scenarios.report;

import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which server acted as leader when: periods during which a server sent messages that only an
 * OmniPaxos leader sends. Two periods may overlap (a deposed leader in a minority partition keeps
 * trying); the report shows both, since that is what happened.
 *
 * @param periods the periods, ordered by start time, then server
 */
public record LeaderTimeline(List<Period> periods) {

  /**
   * Two leader messages of one server this close together belong to one period; a longer silence
   * ends it. A busy leader sends AcceptDecide or Decide every few milliseconds; an idle one may be
   * silent for longer, so an idle leader's period shows gaps.
   */
  public static final long MERGE_GAP_MICROS = 1_000_000;

  /** Messages only a leader sends (Sequence Paxos: the prepare phase and the accept phase). */
  private static final Pattern LEADER_MESSAGE = Pattern.compile("^(Prepare|AcceptSync|AcceptDecide|Decide)\\[");

  /**
   * One period of leadership.
   *
   * @param server the server
   * @param fromMicros virtual time of its first leader message of the period
   * @param toMicros virtual time of its last leader message of the period
   * @param messages how many leader messages it sent in the period (delivered or dropped); for
   *     observed samples, how many samples named it
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
   * The leader periods the trace shows: every delivered or dropped {@code Prepare}, {@code
   * AcceptSync}, {@code AcceptDecide} or {@code Decide} is a sign that its sender believed itself
   * leader at about that time (the delivery time is used: the trace has no send times); a crash of
   * the server ends its period.
   */
  public static LeaderTimeline fromTrace(List<TraceEvent> trace) {
    TreeMap<Integer, Period> open = new TreeMap<>();
    List<Period> done = new ArrayList<>();
    for (TraceEvent e : trace) {
      if (e.kind() == TraceKind.CRASH && open.containsKey(e.from())) {
        done.add(open.remove(e.from()));
      }
      if ((e.kind() != TraceKind.DELIVER && e.kind() != TraceKind.DROP) || !LEADER_MESSAGE.matcher(e.detail()).find()) {
        continue;
      }
      Period current = open.get(e.from());
      if (current != null && e.timeMicros() - current.toMicros() <= MERGE_GAP_MICROS) {
        open.put(e.from(), new Period(e.from(), current.fromMicros(), e.timeMicros(), current.messages() + 1));
      } else {
        if (current != null) {
          done.add(current);
        }
        open.put(e.from(), new Period(e.from(), e.timeMicros(), e.timeMicros(), 1));
      }
    }
    done.addAll(open.values());
    done.sort((a, b) -> a.fromMicros() != b.fromMicros() ? Long.compare(a.fromMicros(), b.fromMicros())
        : Integer.compare(a.server(), b.server()));
    return new LeaderTimeline(done);
  }
}
