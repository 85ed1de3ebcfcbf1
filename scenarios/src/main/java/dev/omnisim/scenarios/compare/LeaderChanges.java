package dev.omnisim.scenarios.compare;

import dev.omnisim.sim.TraceEvent;
import dev.omnisim.sim.TraceKind;
import java.util.List;

/**
 * Leader changes as the trace records them: a {@code LEADERSHIP} event in which a server names itself
 * and says it is "leading" (the harness records one whenever a server's view of leadership changes).
 */
public final class LeaderChanges {
  private LeaderChanges() {}

  /** True when {@code e} is a server starting to lead in a new term. */
  public static boolean isLeaderChange(TraceEvent e) {
    return e.kind() == TraceKind.LEADERSHIP && e.from() == e.to() && e.detail().startsWith("leading");
  }

  /** The leader changes among {@code events} within [{@code fromMicros}, {@code toMicros}]. */
  public static List<TraceEvent> between(List<TraceEvent> events, long fromMicros, long toMicros) {
    return events.stream().filter(LeaderChanges::isLeaderChange)
        .filter(e -> e.timeMicros() >= fromMicros && e.timeMicros() <= toMicros).toList();
  }
}
